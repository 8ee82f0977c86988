"""Argon2id costs, and the one memory-bounded gate that every argon2 computation in the code passes."""

import inspect
import os
import signal
import threading
import time
import tokenize
from pathlib import Path
from types import SimpleNamespace

import pytest

import defenders
from defenders.vault import codenames, kdf, staff_keys
from defenders.vault.kdf import MODERATE


@pytest.fixture
def in_threads(monkeypatch):
    """Argon2 in the thread pool, where a test's stand-in for it (patched into this process) is what runs."""
    monkeypatch.setattr(kdf, "ARGON2_POOL", "threads")


@pytest.fixture
def in_processes(monkeypatch):
    monkeypatch.setattr(kdf, "ARGON2_POOL", "processes")


@pytest.mark.parametrize(
    "function", [codenames.derive_source_private_key, staff_keys.new_staff_key, staff_keys.unlock_staff_key]
)
def test_slow_key_derivations_default_to_the_moderate_cost(function):
    assert inspect.signature(function).parameters["cost"].default == MODERATE
    assert MODERATE.memlimit >= 256 * 1024 * 1024
    assert kdf.KDF_COSTS["moderate"] is MODERATE


class CountingArgon2:
    """Stands in for argon2: records how many computations run at the same moment."""

    def __init__(self) -> None:
        self.running = 0
        self.most_at_once = 0
        self.lock = threading.Lock()

    def __call__(self, *args, **kwargs):
        with self.lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        time.sleep(0.02)
        with self.lock:
            self.running -= 1
        return b"\x00" * 32 if "opslimit" in kwargs else "$argon2id$stand-in"


def test_no_more_than_two_argon2_computations_run_at_once_whichever_kind(monkeypatch, in_threads):
    counting = CountingArgon2()
    monkeypatch.setattr(kdf.argon2id, "kdf", counting)
    monkeypatch.setattr(kdf, "_hasher", SimpleNamespace(hash=counting, verify=counting))
    calls = [
        lambda: kdf.derive_key("staff password", kdf.new_salt(), kdf.INTERACTIVE),
        lambda: kdf.hash_secret("a codename"),
        lambda: kdf.matches_hash("$argon2id$stored", "a codename"),
    ] * 4
    threads = [threading.Thread(target=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counting.most_at_once == kdf.ARGON2_AT_ONCE


ARGON2_NAMES = {"argon2", "argon2id", "pwhash", "PasswordHasher"}
DEFENDERS = Path(defenders.__file__).parent


def argon2_names_used(path: Path) -> set[str]:
    """Names of argon2 modules and classes in the code itself (not in comments or strings)."""
    with path.open("rb") as source:
        return {
            token.string
            for token in tokenize.tokenize(source.readline)
            if token.type == tokenize.NAME and token.string in ARGON2_NAMES
        }


def test_argon2_is_computed_only_in_the_kdf_module():
    # Django's Argon2PasswordHasher for login passwords is named in settings as a string, which is fine.
    offenders = {
        str(path.relative_to(DEFENDERS)): names
        for path in DEFENDERS.rglob("*.py")
        if "tests" not in path.relative_to(DEFENDERS).parts
        and path != DEFENDERS / "vault" / "kdf.py"
        and (names := argon2_names_used(path))
    }
    assert offenders == {}
    assert argon2_names_used(DEFENDERS / "vault" / "kdf.py") == ARGON2_NAMES


def test_argon2_runs_at_a_lower_priority_than_the_thread_that_asked(monkeypatch, in_threads):
    def niceness_of_this_thread(*args, **kwargs):
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    monkeypatch.setattr(kdf, "_hasher", SimpleNamespace(hash=niceness_of_this_thread))
    asking = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert kdf.hash_secret("a codename") == min(asking + kdf.ARGON2_NICENESS, 19)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == asking  # the asker keeps its own


def test_processes_are_the_default_pool():
    assert kdf.ARGON2_POOL == "processes"


def _pid_and_niceness() -> tuple[int, int]:
    return os.getpid(), os.getpriority(os.PRIO_PROCESS, 0)


def test_argon2_runs_in_another_process_at_a_lower_priority(in_processes):
    key = kdf.derive_key("a codename", b"s" * 16, kdf.INTERACTIVE)
    assert key == kdf._derive("a codename", b"s" * 16, kdf.INTERACTIVE.opslimit, kdf.INTERACTIVE.memlimit)
    pid, niceness = kdf._bounded(_pid_and_niceness)
    assert pid != os.getpid()
    assert niceness == min(os.getpriority(os.PRIO_PROCESS, 0) + kdf.ARGON2_NICENESS, 19)
    assert kdf.matches_hash(kdf.hash_secret("a codename"), "a codename")


def test_a_pool_whose_process_was_killed_still_derives_the_next_key(in_processes):
    salt = kdf.new_salt()
    first = kdf.derive_key("a codename", salt, kdf.INTERACTIVE)
    pool = kdf._pool()
    processes = list(pool._processes.values())  # type: ignore[attr-defined]
    assert processes
    for process in processes:
        os.kill(process.pid, signal.SIGKILL)
        process.join(timeout=30)
    assert kdf.derive_key("a codename", salt, kdf.INTERACTIVE) == first
    assert kdf._pool() is not pool


def test_a_computation_that_kills_its_process_twice_is_reported_not_retried_forever(in_processes):
    with pytest.raises(kdf.BrokenProcessPool):
        kdf._bounded(os._exit, 1)
    assert kdf.matches_hash(kdf.hash_secret("afterwards"), "afterwards")


def _wait_for_exit(child: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        finished, status = os.waitpid(child, os.WNOHANG)
        if finished:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the child's derivation never ran")


@pytest.mark.parametrize("pool", kdf.ARGON2_POOLS)
def test_a_forked_child_can_still_derive_after_its_parent_did(monkeypatch, pool):
    monkeypatch.setattr(kdf, "ARGON2_POOL", pool)
    kdf.hash_secret("warm the parent's pool")
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit status
        try:
            kdf.hash_secret("in the child")
            os._exit(0)
        finally:
            os._exit(1)
    assert _wait_for_exit(child) == 0


def test_argon2_processes_leave_when_their_parent_ends_without_stopping_them(in_processes, tmp_path):
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe and its exit status
        try:
            kdf.hash_secret("in the child")
            pids = [process.pid for process in kdf._pool()._processes.values()]  # type: ignore[attr-defined]
            os.write(writing, " ".join(map(str, pids)).encode())
            os._exit(0)  # as a worker killed or ended abruptly: no pool shutdown
        finally:
            os._exit(1)
    os.close(writing)
    assert _wait_for_exit(child) == 0
    orphans = [int(pid) for pid in os.read(reading, 4096).split()]
    os.close(reading)
    assert orphans
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in orphans):
        assert time.monotonic() < deadline, "an argon2 process outlived its parent"
        time.sleep(0.1)
