"""`defenders worker`: the background task worker (django-tasks' database worker) with production defaults.

On SIGTERM (or Ctrl-C) the task in hand finishes and the worker exits; a second signal stops it at once. Run
one or more beside the app servers (docs/deployment.md); each claims its tasks in the database, so that no task
runs twice.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

# How often an idle worker looks for a task: the email to staff leaves within this many seconds.
POLL_SECONDS = 2.0


class Command(BaseCommand):
    help = "Run the background task worker (email to staff, purges of submissions past their retention)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=POLL_SECONDS, help="seconds between looks for a task when idle"
        )
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after this many tasks")
        parser.add_argument("--batch", action="store_true", help="run the tasks due now, then exit")

    def handle(self, *args, interval: float, max_tasks: int | None, batch: bool, **options) -> None:
        # Variables that could not be read at start (the settings kept their defaults): refuse, and name them.
        problems = settings.DEFENDERS_ENVIRONMENT_PROBLEMS
        if problems:
            raise CommandError("\n".join(f"{problem}." for problem in problems))
        arguments = ["--queue-name", "*", "--interval", str(interval), "--no-reload"]
        if max_tasks is not None:
            arguments += ["--max-tasks", str(max_tasks)]
        if batch:
            arguments.append("--batch")
        call_command("db_worker", *arguments, verbosity=options.get("verbosity", 1))
