"""`defenders import FILE [--skip-invalid REPORT]`: upsert communications from JSON Lines, all or nothing unless
told to skip bad lines; a progress bar with rate and time left on a terminal."""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from defenders.interchange.jsonl import ImportFailure, ImportReport, import_stream


def _with_progress(stream: BinaryIO, size: int, progress: Progress | None) -> Iterator[bytes]:
    if progress is None:
        yield from stream
        return
    task = progress.add_task("Importing", total=size)
    for line in stream:
        progress.advance(task, len(line))
        yield line


class Command(BaseCommand):
    # The checks of what an import reads (models, the DEFENDERS_* settings); the URL and template checks, a
    # second of every run, are for the commands that serve pages.
    requires_system_checks = [Tags.models, "defenders"]
    help = (
        "Import communications from a JSON Lines file; a bad line stops the import and nothing is written, "
        "unless --skip-invalid names a file to list the bad lines in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--skip-invalid",
            type=Path,
            metavar="REPORT",
            help="Import the good lines and write each bad one (line, field, reason) to this file.",
        )

    def handle(self, *args, file: Path, skip_invalid: Path | None, **options) -> None:
        console = Console(file=sys.stderr)
        # A bar only for a person watching: logs and pipes get the summary alone.
        progress = (
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TransferSpeedColumn(),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            if console.is_terminal and options.get("verbosity", 1) > 0
            else None
        )
        try:
            size = file.stat().st_size
            # Read as bytes, so that a line that is not UTF-8 is reported with its number.
            with file.open("rb") as stream:
                if progress is not None:
                    with progress:
                        report = import_stream(
                            _with_progress(stream, size, progress), skip_invalid=skip_invalid is not None
                        )
                else:
                    report = import_stream(stream, skip_invalid=skip_invalid is not None)
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        except ImportFailure as failure:
            raise CommandError(f"{file}: {failure}; nothing was imported") from None
        if skip_invalid is not None:
            self._write_report(skip_invalid, report.skipped)
        self.stdout.write(self._summary(file, report, skip_invalid))

    @staticmethod
    def _summary(file: Path, report: ImportReport, skip_invalid: Path | None) -> str:
        summary = f"Imported {file}: {report.created} created, {report.updated} updated, {report.unchanged} unchanged."
        if skip_invalid is not None:
            summary += f" {len(report.skipped)} invalid lines skipped, listed in {skip_invalid}."
        return summary

    @staticmethod
    def _write_report(path: Path, skipped: list[ImportFailure]) -> None:
        try:
            with path.open("w", encoding="utf-8") as out:
                for failure in skipped:
                    out.write(f"line {failure.line_number}: {failure.field}: {failure.reason}\n")
        except OSError as error:
            raise CommandError(f"cannot write the report {path}: {error.strerror}") from None
