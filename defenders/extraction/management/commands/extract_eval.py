"""`defenders extract-eval GOLD_DIR`: the extractor's precision, recall and F1 against hand-made readings."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.extraction.scoring import score_folder


class Command(BaseCommand):
    help = (
        "Score the extractor on a folder of NAME.txt + NAME.reading.json pairs: events (same date at the gold's "
        "precision and same kind), legal provisions (same article), and each communication field (accuracy)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold_dir", type=Path)
        parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
        parser.add_argument("--verbose", action="store_true", help="list each document's misses")

    def handle(self, *args, gold_dir: Path, json: bool = False, verbose: bool = False, **options) -> None:
        if not gold_dir.is_dir():
            raise CommandError(f"{gold_dir} is not a folder")
        score = score_folder(gold_dir)
        if not score.documents:
            raise CommandError(f"{gold_dir} holds no NAME.txt with its NAME.reading.json")
        if json:
            self.stdout.write(_dumps(score.as_json()))
            return
        figures = score.as_json()
        self.stdout.write(f"{figures['documents']} documents in {gold_dir}")
        self.stdout.write(f"{'':20} {'precision':>9} {'recall':>9} {'F1':>9}")
        for part in ("events", "legal_provisions"):
            row = figures[part]
            self.stdout.write(f"{part:20} {row['precision']:9.3f} {row['recall']:9.3f} {row['f1']:9.3f}")
        self.stdout.write("communication field accuracy:")
        for field, accuracy in figures["communication"].items():
            self.stdout.write(f"  {field:20} {accuracy:9.3f}")
        if verbose:
            for document in score.documents:
                wrong = [field for field, right in document.fields.items() if not right]
                if document.missed_events or document.extra_events or wrong:
                    self.stdout.write(
                        f"{document.name}: missed {document.missed_events}, extra {document.extra_events}, "
                        f"wrong fields {wrong}"
                    )


def _dumps(figures: dict) -> str:
    return json.dumps(figures, indent=1)
