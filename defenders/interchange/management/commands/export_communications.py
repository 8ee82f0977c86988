"""`defenders export [--out FILE]`: every communication as JSON Lines."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from defenders.interchange.jsonl import export_lines


class Command(BaseCommand):
    help = "Write every communication, embargoed ones included, as JSON Lines (standard output by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, help="Write to this file instead of standard output.")

    def handle(self, *args, out: Path | None, **options) -> None:
        if out is None:
            for line in export_lines():
                sys.stdout.write(line + "\n")
            return
        partial = out.with_name(out.name + ".partial")
        count = 0
        with partial.open("w", encoding="utf-8") as stream:
            for line in export_lines():
                stream.write(line + "\n")
                count += 1
        partial.replace(out)  # a reader never sees a half-written export
        self.stderr.write(f"Exported {count} communications to {out}")
