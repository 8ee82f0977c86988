"""`defenders serve`: production serving with gunicorn against the configured database, once the deploy checks
(defenders/checks.py and Django's own) find no error."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.environment import Environment
from defenders.intake.startup import tidy_at_start

# Longer than mat2's budget for a request (defenders.intake.metadata.MAT2_TIMEOUT_SECONDS), so that a request
# cleaning files answers the source before gunicorn kills its worker.
WORKER_TIMEOUT_SECONDS = 180


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn. Refuses to start without DEFENDERS_SECRET_KEY, or on any error found by "
        "`defenders check --deploy`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        self.environment = Environment()
        parser.add_argument("--bind", default=self.environment.text("DEFENDERS_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=self.environment.integer("DEFENDERS_WORKERS", 2, minimum=1)
        )

    def handle(self, *args, bind: str, workers: int, **options) -> None:
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
        # No access log: request lines carry addresses and agents of sources.
        gunicorn_args = [
            "gunicorn",
            "defenders.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--timeout",
            str(WORKER_TIMEOUT_SECONDS),
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
            # Its error log says "Invalid request from ip=..." on a malformed request: addresses are removed.
            "--logger-class",
            "defenders.logging.AddressFreeLogger",
            "--forwarded-allow-ips",
            self.environment.text("DEFENDERS_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        os.execvp(sys.executable, [sys.executable, "-m", *gunicorn_args])  # noqa: S606
