"""`defenders import FILE`: upsert communications from JSON Lines, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.interchange.jsonl import ImportFailure, import_lines


class Command(BaseCommand):
    help = "Import communications from a JSON Lines file; a bad line stops the import and nothing is written."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            # Read as bytes, so that a line that is not UTF-8 is reported with its number.
            with file.open("rb") as stream:
                counts = import_lines(stream)
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        except ImportFailure as failure:
            raise CommandError(f"{file}: {failure}; nothing was imported") from None
        self.stdout.write(
            f"Imported {file}: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged."
        )
