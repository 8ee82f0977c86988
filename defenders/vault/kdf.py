"""Argon2id, in one place: the costs, and the one gate every argon2 computation passes so memory stays bounded."""

import contextlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from nacl.pwhash import argon2id
from nacl.utils import random

T = TypeVar("T")
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfCost:
    """The argon2id work for keys derived from codenames and staff passwords."""

    opslimit: int
    memlimit: int


# MODERATE costs 256 MiB and about half a second per derivation; INTERACTIVE (64 MiB) is for tests only.
MODERATE = KdfCost(argon2id.OPSLIMIT_MODERATE, argon2id.MEMLIMIT_MODERATE)
INTERACTIVE = KdfCost(argon2id.OPSLIMIT_INTERACTIVE, argon2id.MEMLIMIT_INTERACTIVE)
KDF_COSTS = {"moderate": MODERATE, "interactive": INTERACTIVE}

# At most two argon2 computations at once, in the whole process: at the moderate cost each takes 256 MiB, and a
# burst of submissions or logins must not exhaust memory. Every computation below goes through `_bounded`.
ARGON2_AT_ONCE = 2
# The computations run in a pool of that many threads, at a lower CPU priority than the threads that answer
# requests (Linux gives each thread its own niceness): on a busy machine a reader of the public database is
# served before a source's key derivation, which only takes a little longer (benchmarks/mixed_load.py).
ARGON2_NICENESS = 10


def _lower_this_threads_priority() -> None:
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not allowed: the default priority
        thread = threading.get_native_id()
        os.setpriority(
            os.PRIO_PROCESS, thread, min(os.getpriority(os.PRIO_PROCESS, thread) + ARGON2_NICENESS, 19)
        )


def _new_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(
        max_workers=ARGON2_AT_ONCE, thread_name_prefix="argon2", initializer=_lower_this_threads_priority
    )


_argon2_pool = _new_pool()


def _new_pool_after_fork() -> None:
    # A forked child inherits the pool but not its threads: work submitted to it would wait forever.
    global _argon2_pool
    _argon2_pool = _new_pool()


os.register_at_fork(after_in_child=_new_pool_after_fork)

# Verifiers use argon2-cffi's own parameters, encoded in each hash, so that they can be raised later.
_hasher = PasswordHasher()


def _bounded(computation: Callable[[], T]) -> T:
    """The single entry point of every argon2 computation: it waits for one of the pool's threads (the memory
    slots) and gets its result, or its exception, back."""
    return _argon2_pool.submit(computation).result()


def new_salt() -> bytes:
    return random(argon2id.SALTBYTES)


def derive_key(secret: str, salt: bytes, cost: KdfCost) -> bytes:
    """Return 32 bytes of argon2id(secret, salt) at `cost`: a seed for a keypair or a secret box's key."""
    return _bounded(
        lambda: argon2id.kdf(KEY_BYTES, secret.encode(), salt, opslimit=cost.opslimit, memlimit=cost.memlimit)
    )


def hash_secret(secret: str) -> str:
    """Return an argon2id verifier (a PHC string with its own salt) of the secret."""
    return _bounded(lambda: _hasher.hash(secret))


def matches_hash(stored_hash: str, secret: str) -> bool:
    """Tell whether the secret matches an argon2id verifier; a damaged verifier matches nothing."""

    def verify() -> bool:
        try:
            return _hasher.verify(stored_hash, secret)
        except (VerificationError, InvalidHashError):
            return False

    return _bounded(verify)
