"""`defenders purge_submissions`: delete declined and closed submissions whose retention has ended."""

from django.core.management.base import BaseCommand

from defenders.intake.actions.retention import purge_expired, remove_orphan_files


class Command(BaseCommand):
    help = "Delete declined and closed submissions past their retention (keys first). Safe to run daily; also removes files a crash left without their rows."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Deleted {purge_expired()} submissions past their retention.")
        self.stdout.write(f"Removed {remove_orphan_files()} files left without a submission by a crash.")
