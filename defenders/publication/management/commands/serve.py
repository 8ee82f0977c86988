"""`defenders serve`: production serving with gunicorn against the configured database, once the deploy checks
(defenders/checks.py and Django's own) find no error.

Threaded workers (gunicorn's gthread): argon2 (a source's key derivations) and libsodium release the GIL, so a
reader of the public database is answered by another thread of the same worker instead of waiting behind a
submission, as it did with one request per worker (see benchmarks/mixed_load.py).
"""

import os
import sys
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.environment import Environment
from defenders.intake.startup import tidy_at_start

# Longer than mat2's budget for a request (defenders.intake.metadata.MAT2_TIMEOUT_SECONDS), so that a request
# cleaning files answers the source before gunicorn kills its worker.
WORKER_TIMEOUT_SECONDS = 180
# On SIGTERM a worker stops accepting and finishes its requests in flight for this long: the longest request
# (a submission of files under the mat2 budget, its derivations queued behind others') fits in it. A service
# manager must wait longer before it kills (docs/deployment.md: TimeoutStopSec).
GRACEFUL_TIMEOUT_SECONDS = WORKER_TIMEOUT_SECONDS
# Behind the proxy, which keeps its connections to the app servers open between requests.
KEEPALIVE_SECONDS = 5
# A worker is replaced (gracefully) after this many requests, so that memory a worker grows is given back.
MAX_REQUESTS = 5000
MAX_REQUESTS_JITTER = 500
# Threads per worker: enough that a public page finds a free thread while submissions hold others in argon2
# (at most defenders.vault.kdf.ARGON2_AT_ONCE per process, which also bounds the worker's memory).
THREADS_PER_WORKER = 8
HEARTBEAT_DIR = "/dev/shm"  # noqa: S108 (gunicorn's own files, no data)


@dataclass(frozen=True)
class Shape:
    """How many worker processes, and threads in each, serve on this machine."""

    workers: int
    threads: int


def usable_cpus() -> int:
    """The CPUs this process may run on (a container's or a service's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_shape(cpus: int) -> Shape:
    """One worker per CPU (at least two, so that one worker's restart never leaves none), at most eight: past
    that, grow with more app servers behind the proxy rather than more processes, each holding its own
    connections to the database."""
    return Shape(workers=min(max(cpus, 2), 8), threads=THREADS_PER_WORKER)


def gunicorn_arguments(*, bind: str, shape: Shape, forwarded_allow_ips: str) -> list[str]:
    """gunicorn's command line (after `python -m`)."""
    arguments = [
        "gunicorn",
        "defenders.wsgi:application",
        "--bind",
        bind,
        "--worker-class",
        "gthread",
        "--workers",
        str(shape.workers),
        "--threads",
        str(shape.threads),
        "--timeout",
        str(WORKER_TIMEOUT_SECONDS),
        "--graceful-timeout",
        str(GRACEFUL_TIMEOUT_SECONDS),
        "--keep-alive",
        str(KEEPALIVE_SECONDS),
        "--max-requests",
        str(MAX_REQUESTS),
        "--max-requests-jitter",
        str(MAX_REQUESTS_JITTER),
        # No access log: request lines carry addresses and agents of sources.
        "--access-logfile",
        "/dev/null",
        "--error-logfile",
        "-",
        # Its error log says "Invalid request from ip=..." on a malformed request: addresses are removed.
        "--logger-class",
        "defenders.logging.AddressFreeLogger",
        "--forwarded-allow-ips",
        forwarded_allow_ips,
    ]
    if os.path.isdir(HEARTBEAT_DIR):
        # The workers' heartbeat files on a memory file system: a slow disk never looks like a hung worker.
        arguments += ["--worker-tmp-dir", HEARTBEAT_DIR]
    return arguments


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn. Refuses to start without DEFENDERS_SECRET_KEY, or on any error found by "
        "`defenders check --deploy`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        self.environment = Environment()
        parser.add_argument("--bind", default=self.environment.text("DEFENDERS_BIND", "127.0.0.1:8000"))
        shape = default_shape(usable_cpus())
        parser.add_argument(
            "--workers",
            type=int,
            default=self.environment.integer("DEFENDERS_WORKERS", shape.workers, minimum=1),
            help=f"worker processes (default: one per CPU, 2 to 8; here {shape.workers})",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=self.environment.integer("DEFENDERS_THREADS", shape.threads, minimum=1),
            help=f"threads in each worker (default: {shape.threads})",
        )

    def handle(self, *args, bind: str, workers: int, threads: int, **options) -> None:
        if self.environment.problems:
            raise CommandError("\n".join(f"{problem}." for problem in self.environment.problems))
        if settings.SECRET_KEY == settings.DEFENDERS_INSECURE_DEVELOPMENT_KEY:
            raise CommandError(
                "DEFENDERS_SECRET_KEY is not set. Production serving needs a long random secret, e.g.\n"
                "  export DEFENDERS_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
            )
        if settings.DEBUG:
            raise CommandError("DEFENDERS_DEBUG is on; production serving refuses to show debug pages.")
        settings.DEFENDERS_DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        # After migrating, so that the checks read the database as it will be served; any error refuses to
        # start, with its message and hint (warnings are printed and serving goes on).
        self.check(include_deployment_checks=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        # Before any worker runs: a running worker's request folder must never be cleared under it.
        tidy_at_start()
        gunicorn_args = gunicorn_arguments(
            bind=bind,
            shape=Shape(workers=workers, threads=threads),
            forwarded_allow_ips=self.environment.text("DEFENDERS_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        )
        os.execvp(sys.executable, [sys.executable, "-m", *gunicorn_args])  # noqa: S606
