"""Argon2id, in one place: the costs, and the one gate every argon2 computation passes so memory stays bounded."""

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

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

# At most two argon2 computations at once per process that asks: at the moderate cost each takes 256 MiB, and a
# burst of submissions or logins must not exhaust memory. Every computation below goes through `_bounded`.
ARGON2_AT_ONCE = 2
# The computations run at a lower CPU priority than the threads that answer requests: on a busy machine a
# reader of the public database is served before a source's key derivation, which only takes a little longer
# (benchmarks/mixed_load.py).
ARGON2_NICENESS = 10
# Where they run. "processes" (the default): in ARGON2_AT_ONCE separate processes, so that argon2's buffers live
# and are released there and a web worker's own resident memory stays small (issue 13). "threads": in a pool
# of threads inside the asking process, for where child processes cannot be started.
ARGON2_POOLS = ("processes", "threads")
ARGON2_POOL = os.environ.get("DEFENDERS_ARGON2_POOL", "processes")
if ARGON2_POOL not in ARGON2_POOLS:
    raise ValueError(f"DEFENDERS_ARGON2_POOL must be one of {ARGON2_POOLS}, not {ARGON2_POOL!r}")


def _lower_this_threads_priority() -> None:
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not allowed: the default priority
        thread = threading.get_native_id()
        os.setpriority(
            os.PRIO_PROCESS, thread, min(os.getpriority(os.PRIO_PROCESS, thread) + ARGON2_NICENESS, 19)
        )


def _exit_when_orphaned(parent: int) -> None:
    # A parent that ends without shutting its pool down (os._exit, SIGKILL) would leave this process waiting
    # forever on a queue it holds both ends of: it leaves once it is no longer its parent's child.
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _start_argon2_process() -> None:
    with contextlib.suppress(OSError):  # not allowed: the default priority
        os.nice(ARGON2_NICENESS)
    # Ctrl-C in a terminal reaches the whole process group; the asking process decides when the pool stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(
        target=_exit_when_orphaned, args=(os.getppid(),), name="orphan-watch", daemon=True
    ).start()


def _new_pool(kind: str) -> Executor:
    if kind == "threads":
        return ThreadPoolExecutor(
            max_workers=ARGON2_AT_ONCE, thread_name_prefix="argon2", initializer=_lower_this_threads_priority
        )
    # "spawn" starts each process from a fresh interpreter: it holds none of the web worker's memory, and unlike
    # "fork" it is safe from a process that runs threads (and unlike "forkserver" from a forked gunicorn worker).
    return ProcessPoolExecutor(
        max_workers=ARGON2_AT_ONCE,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_argon2_process,
    )


# Started lazily, on the first computation, so that importing the vault starts no process.
_argon2_pool: Executor | None = None
_argon2_pool_kind = ""
_pool_lock = threading.Lock()


def _pool() -> Executor:
    global _argon2_pool, _argon2_pool_kind
    with _pool_lock:
        if _argon2_pool is None or _argon2_pool_kind != ARGON2_POOL:
            if _argon2_pool is not None:
                _argon2_pool.shutdown(wait=False)
            _argon2_pool, _argon2_pool_kind = _new_pool(ARGON2_POOL), ARGON2_POOL
        return _argon2_pool


def _replace_broken_pool(broken: Executor) -> None:
    global _argon2_pool
    with _pool_lock:
        if _argon2_pool is broken:  # another thread may have replaced it already
            _argon2_pool = None
    broken.shutdown(wait=False)


def _forget_pool_after_fork() -> None:
    # A forked child inherits the pool but not its threads, nor the pool's processes as its own children: work
    # submitted to it would wait forever. The child starts its own pool when it first needs one.
    global _argon2_pool, _pool_lock
    _argon2_pool = None
    _pool_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_pool_after_fork)

# Verifiers use argon2-cffi's own parameters, encoded in each hash, so that they can be raised later.
_hasher = PasswordHasher()


def _bounded(computation: Callable[..., T], *arguments: Any) -> T:
    """The single entry point of every argon2 computation: it waits for one of the pool's processes or threads
    (the memory slots) and gets `computation(*arguments)`'s result, or its exception, back. The computation is
    a module-level function, so that it can be sent to another process. A pool whose process died (killed, out
    of memory) is replaced and the computation tried once more, so that a source's submission is not lost."""
    pool = _pool()
    try:
        return pool.submit(computation, *arguments).result()
    except BrokenProcessPool:
        _replace_broken_pool(pool)
        return _pool().submit(computation, *arguments).result()


def _derive(secret: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    return argon2id.kdf(KEY_BYTES, secret.encode(), salt, opslimit=opslimit, memlimit=memlimit)


def _hash(secret: str) -> str:
    return _hasher.hash(secret)


def _verify(stored_hash: str, secret: str) -> bool:
    try:
        return _hasher.verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


def new_salt() -> bytes:
    return random(argon2id.SALTBYTES)


def derive_key(secret: str, salt: bytes, cost: KdfCost) -> bytes:
    """Return 32 bytes of argon2id(secret, salt) at `cost`: a seed for a keypair or a secret box's key."""
    return _bounded(_derive, secret, salt, cost.opslimit, cost.memlimit)


def hash_secret(secret: str) -> str:
    """Return an argon2id verifier (a PHC string with its own salt) of the secret."""
    return _bounded(_hash, secret)


def matches_hash(stored_hash: str, secret: str) -> bool:
    """Tell whether the secret matches an argon2id verifier; a damaged verifier matches nothing."""
    return _bounded(_verify, stored_hash, secret)
