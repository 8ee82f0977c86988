"""`defenders letter REFERENCE_OR_SLUG --out FILE.pdf`: the formal letter as PDF, as staff download it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from defenders.communications.letters import letter_pdf
from defenders.communications.models import Communication


def find_communication(key: str) -> Communication:
    """By reference (“AL RUS 15/2023”, any case), legacy reference as given, or slug (“al-rus-15-2023”)."""
    key = key.strip()
    if not key:
        raise CommandError("Give a reference such as “AL RUS 15/2023”, a legacy reference or a slug.")
    found = Communication.objects.filter(
        Q(reference__iexact=key) | Q(legacy_reference=key) | Q(slug=key)
    ).first()
    if found is None:
        raise CommandError(f"No communication has the reference, legacy reference or slug “{key}”.")
    return found


class Command(BaseCommand):
    help = (
        "Write a communication's formal letter as PDF: its latest frozen version if it was sent here, "
        "otherwise rendered afresh (drafts, letters recorded as sent elsewhere)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", metavar="REFERENCE_OR_SLUG")
        parser.add_argument("--out", type=Path, required=True, help="The PDF file to write.")

    def handle(self, *args, key: str, out: Path, **options) -> None:
        communication = find_communication(key)
        latest = communication.sent_letters.order_by("-version").first()
        pdf = bytes(latest.pdf) if latest is not None else letter_pdf(communication)
        partial = out.with_name(out.name + ".partial")
        try:
            partial.write_bytes(pdf)
            partial.replace(out)  # a reader never sees half a letter
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Could not write {out}: {error.strerror or error}") from error
        what = f"version {latest.version} as frozen" if latest is not None else "rendered afresh (not frozen)"
        self.stderr.write(f"Wrote the letter {communication} to {out}: {what}.")
