"""`defenders bench [--quick] [--engine sqlite --engine postgresql] [NAME ...]`: every benchmark of the
`benchmarks` package beside its same-run baseline, as a table and as JSON under benchmarks/results/; `defenders
bench growth SMALL.json LARGE.json`: how two runs' figures grow, as Markdown (a source checkout only: the package is
not installed with the site)."""

import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

CHECKOUT = settings.BASE_DIR.parent


class Command(BaseCommand):
    help = "Run every benchmark (or those named) beside its baseline; print the table and write the JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quick", action="store_true", help="20,000 communications and fewer rounds")
        parser.add_argument(
            "--engine",
            action="append",
            choices=("sqlite", "postgresql"),
            help="run on this engine; repeat it for both (default: sqlite, or DATABASE_URL's)",
        )
        parser.add_argument(
            "names", nargs="*", help="benchmark modules (default: all), or: growth SMALL LARGE"
        )

    def handle(self, *args, quick: bool, engine: list[str] | None, names: list[str], **options) -> None:
        if not (CHECKOUT / "benchmarks" / "__main__.py").exists():
            raise CommandError(f"No benchmarks package in {CHECKOUT}: run it from a source checkout.")
        # Its own process: each benchmark sets up Django with its own throwaway database, never this one.
        if names[:1] == ["growth"]:
            command = [sys.executable, "-m", "benchmarks", *names]
        else:
            engines = [argument for each in engine or [] for argument in ("--engine", each)]
            command = [sys.executable, "-m", "benchmarks", *(["--quick"] if quick else []), *engines, *names]
        done = subprocess.run(command, cwd=CHECKOUT, check=False)
        if done.returncode != 0:
            raise CommandError(f"A benchmark failed (exit status {done.returncode}); see its log above.")
