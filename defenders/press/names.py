"""Names withheld from a press release's public text: those of its cases and of its communications' cases whose
persons did not consent to be named in public. Its title, body and address are redacted with them."""

from defenders.communications.exposure import names_withheld_in
from defenders.communications.redaction import Leftover, leftovers_after_redaction

from .models import PressRelease


def withheld_names(release: PressRelease) -> list[str]:
    """Reads cases and their person links through the relations, so that a list prefetches them once."""
    return names_withheld_in(
        [*release.cases.all(), *(case for c in release.communications.all() for case in c.cases.all())]
    )


def leftovers(release: PressRelease, names: list[str] | None = None) -> list[Leftover]:
    """Parts of a withheld name still shown in the redacted title or body (short ones that redaction keeps)."""
    names = withheld_names(release) if names is None else names
    return [
        leftover
        for text in (release.title, release.body)
        for leftover in leftovers_after_redaction(text, names)
    ]
