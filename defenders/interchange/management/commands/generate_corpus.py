"""`defenders generate-corpus --communications N --seed S --out FILE`: a fictional corpus as JSON Lines."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.interchange.corpus import write_corpus


class Command(BaseCommand):
    help = (
        "Write N fictional communications in the interchange format (JSON Lines), the same file for the same "
        "seed, for benchmarks and tests. Every record is marked fictional."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--communications", type=int, required=True, help="How many communications.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same corpus.")
        parser.add_argument("--out", type=Path, required=True, help="The JSON Lines file to write.")

    def handle(self, *args, communications: int, seed: int, out: Path, **options) -> None:
        if communications < 0:
            raise CommandError("--communications must be 0 or more")
        partial = out.with_name(out.name + ".partial")
        try:
            written = write_corpus(partial, communications, seed)
            partial.replace(out)
        except OSError as error:
            raise CommandError(f"cannot write {out}: {error.strerror}") from None
        self.stderr.write(f"Wrote {written} fictional communications (seed {seed}) to {out}")
