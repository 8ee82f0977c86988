"""`defenders serve`: production serving with gunicorn against the configured database."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Serve the site with gunicorn. Refuses to start without DEFENDERS_SECRET_KEY."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("DEFENDERS_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("DEFENDERS_WORKERS", "2")))

    def handle(self, *args, bind: str, workers: int, **options) -> None:
        if settings.SECRET_KEY == settings.INSECURE_DEVELOPMENT_KEY:
            raise CommandError(
                "DEFENDERS_SECRET_KEY is not set. Production serving needs a long random secret, e.g.\n"
                "  export DEFENDERS_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
            )
        if settings.DEBUG:
            raise CommandError("DEFENDERS_DEBUG is on; production serving refuses to show debug pages.")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        # No access log: request lines carry addresses and agents of sources.
        gunicorn_args = [
            "gunicorn",
            "defenders.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("DEFENDERS_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        os.execvp(sys.executable, [sys.executable, "-m", *gunicorn_args])  # noqa: S606
