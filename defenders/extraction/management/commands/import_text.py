"""`defenders import-text FILE...`: communications from published texts, withheld until staff review them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.extraction.importing import NotImportable, import_texts
from defenders.interchange.jsonl import ImportFailure

from .extract import read_utf8


class Command(BaseCommand):
    help = (
        "Create a communication from each published summary or letter, read by the extractor. Each is withheld "
        "(never public) until staff check it against its text and release it; a text imported before is skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files: list[Path], **options) -> None:
        texts = [(str(path), read_utf8(path)) for path in files]
        try:
            results = import_texts(texts)
        except NotImportable as error:
            raise CommandError(f"{error}; nothing was imported") from None
        except ImportFailure as failure:
            raise CommandError(f"{failure}; nothing was imported") from None
        for result in results:
            self.stdout.write(f"{result.name}: {result.outcome} ({result.uid}), withheld for review")
            for note in result.notes:
                self.stdout.write(f"  - {note}")
