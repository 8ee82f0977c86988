"""`defenders notify daily`: queue the day's emails to staff (digests, communications public tomorrow)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.notifications.daily import send_daily


class Command(BaseCommand):
    help = (
        "Queue the daily emails to staff: each person's digest of the dashboard's counts, and every "
        "communication that becomes public tomorrow. Run once a day (cron or a systemd timer); the task "
        "worker (`defenders db_worker`) sends them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        jobs = parser.add_subparsers(dest="job", required=True, metavar="JOB")
        jobs.add_parser("daily", help="digests and communications public tomorrow")

    def handle(self, *args: Any, job: str, **options: Any) -> None:
        queued = send_daily()
        self.stdout.write(
            f"Queued {queued.digests} digest(s) and {queued.public_tomorrow} email(s) on communications "
            "public tomorrow."
        )
        if queued.failed:
            raise CommandError(
                f"The emails of {', '.join(queued.failed)} could not be built (the log says why); the others "
                "were queued."
            )
