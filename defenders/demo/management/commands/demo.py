"""`defenders demo`: migrate, load the demo data and serve on 127.0.0.1, for a first look."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from defenders.demo.loader import load_demo
from defenders.demo.staff import ensure_demo_staff
from defenders.demo.workspace import load_workspace, workspace_summary
from defenders.intake.startup import tidy_at_start


class Command(BaseCommand):
    help = "Migrate the database, load the demo data (idempotent) and serve it at http://127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Load the data and stop.")

    def handle(self, *args, port: int, no_serve: bool, **options) -> None:
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # inside the data dir
        call_command("migrate", interactive=False, verbosity=0)
        tidy_at_start()  # what a killed server left in the scratch space and the file storage
        summary = load_demo()
        self.stdout.write(f"Demo data ready: {summary}.")
        for note in ensure_demo_staff():
            self.stdout.write(note)
        # After the staff: the workspace's drafts are signed off by them and its submissions sealed to the officer.
        notes = load_workspace()
        self.stdout.write(workspace_summary())
        for note in notes:
            self.stdout.write(note)
        if no_serve:
            return
        # The pages link the static files by their hashed names, which collectstatic writes (settings.STORAGES).
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Serving at http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)
