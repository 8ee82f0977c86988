"""`defenders restore FILE`: bring back a backup of `defenders backup` into an empty data directory and database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.core import backups


class Command(BaseCommand):
    help = (
        "Restore FILE (from `defenders backup`) into an empty data directory and database, after checking its "
        "manifest. The key directory must be put back from its own copy: without the pepper, codenames find nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            summary = backups.restore_backup(file)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored the {summary.engine} database and {summary.files} sealed files from {file}."
        )
