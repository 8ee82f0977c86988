"""A real `defenders serve` (gunicorn) on loopback for tests: its environment, start-up and a sure stop."""

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "defenders.cli"]
START_SECONDS = 90
STOP_SECONDS = 15


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """The variables `serve` needs, without what the test run itself set (its database, the async hatch)."""
    test_only = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEFENDERS_") and k not in test_only}
    env.update(
        DEFENDERS_DATA_DIR=str(data_dir),
        DEFENDERS_SECRET_KEY="a-test-secret-key-that-is-long-enough-for-django-1234567890",
        DEFENDERS_KDF_COST="interactive",
        DEFENDERS_SCRATCH_DIR=str(data_dir / "scratch"),
    )
    env.update(extra)
    return env


def run_cli(env: dict[str, str], *args: str, stdin: str | None = None, timeout: int = 120):
    return subprocess.run(
        [*CLI, *args], env=env, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=timeout
    )


_migrated_template: list[Path] = []  # a migrated SQLite database, made at the first migrate() of the test run


def migrate(env: dict[str, str]) -> None:
    """`defenders migrate` for the site of `env`. On SQLite, a fresh database is a copy of one migrated once per
    test run: the same file `migrate` would write, for a file copy instead of seconds of migrations."""
    if env.get("DATABASE_URL"):
        migrated = run_cli(env, "migrate")
        assert migrated.returncode == 0, migrated.stderr
        return
    database = Path(env["DEFENDERS_DATA_DIR"]) / "defenders.sqlite3"
    if not _migrated_template:
        folder = Path(tempfile.mkdtemp(prefix="defenders-migrated-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        migrated = run_cli({**env, "DEFENDERS_DATA_DIR": str(folder)}, "migrate")
        assert migrated.returncode == 0, migrated.stderr
        _migrated_template.append(folder / "defenders.sqlite3")
    if database.exists():  # a site that already has a database is migrated as it is
        migrated = run_cli(env, "migrate")
        assert migrated.returncode == 0, migrated.stderr
        return
    database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_migrated_template[0], database)


def create_recovery_key(env: dict[str, str]) -> str:
    """Migrate and create the office recovery key; return its private half (base64) as printed once."""
    migrate(env)
    created = run_cli(env, "keys", "create-recovery", timeout=60)
    assert created.returncode == 0, created.stderr
    candidates = [word for word in created.stdout.split() if len(word) == 44 and word.endswith("=")]
    assert candidates, created.stdout
    return candidates[0]


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill_hard(self) -> None:
        """kill -9 of the whole process group: the arbiter and its workers, mid-request."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=STOP_SECONDS)


def _stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)


@contextlib.contextmanager
def served(env: dict[str, str], log: Path, *, workers: int = 2, ready_path: str = "/") -> Iterator[Server]:
    """Start `defenders serve` in its own process group on a free loopback port; stop it (group and all)
    on the way out, whatever happened."""
    port = free_port()
    with log.open("ab") as output:
        process = subprocess.Popen(
            [*CLI, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: gunicorn's workers are killed with it
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert process.poll() is None, f"serve stopped at start:\n{server.output()[-3000:]}"
            try:
                with urllib.request.urlopen(server.url + ready_path, timeout=5):  # noqa: S310 (loopback)
                    break
            except urllib.error.HTTPError:
                break  # it answers: ready
            except OSError:
                assert time.monotonic() < deadline, f"serve did not answer:\n{server.output()[-3000:]}"
                time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            _stop(process)


# What the 503 page says first, in the page's language: nothing that was being sent was received.
NOT_RECEIVED = {
    "en": "<strong>If you were sending information, it was not received",
    "fr": "<strong>Si vous envoyiez des informations, elles n’ont pas été reçues",
}


def says_not_received(page: str, path: str = "/") -> bool:
    """Whether a 503 page tells a source, in the language of its address, that nothing was received."""
    return NOT_RECEIVED["fr" if path.startswith("/fr/") else "en"] in page
