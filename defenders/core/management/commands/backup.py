"""`defenders backup FILE` writes the database and the sealed files with a manifest of SHA-256 sums;
`defenders backup --verify FILE` checks an archive against its manifest (defenders/core/backups.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.core import backups


class Command(BaseCommand):
    help = "Write a backup (database and sealed files, not the key directory) to FILE, or check one with --verify."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--verify", action="store_true", help="check FILE against its manifest; write nothing"
        )

    def handle(self, *args, file: Path, verify: bool, **options) -> None:
        try:
            if verify:
                problems = backups.verify_backup(file)
                if problems:
                    raise CommandError("The backup does not match its manifest:\n  " + "\n  ".join(problems))
                manifest = backups.read_manifest(file)
                self.stdout.write(
                    f"{file}: every member matches its SHA-256 ({len(manifest['members'])} members, "
                    f"{manifest['engine']} database, made on {manifest['created_on']})."
                )
                return
            summary = backups.write_backup(file)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Wrote {file}: the {summary.engine} database and {summary.files} sealed files ({summary.size} bytes). "
            "The key directory is not in it: keep its own copy offline, apart from this backup."
        )
