"""Names withheld from a press release's public text: those of its cases and of its communications' cases whose
persons did not consent to be named in public. Its title, body and address are redacted with them."""

from defenders.communications.redaction import Leftover, leftover_name_parts, redact

from .models import PressRelease


def withheld_names(release: PressRelease) -> list[str]:
    """Reads cases and their person links through the relations, so that a list prefetches them once."""
    cases = [*release.cases.all(), *(case for c in release.communications.all() for case in c.cases.all())]
    return sorted(
        {
            link.person.name
            for case in cases
            for link in case.caseperson_set.all()
            if not link.consents_to_naming_in_public
        }
    )


def leftovers(release: PressRelease, names: list[str] | None = None) -> list[Leftover]:
    """Parts of a withheld name still shown in the redacted title or body (short ones that redaction keeps)."""
    names = withheld_names(release) if names is None else names
    return [
        leftover
        for text in (release.title, release.body)
        for leftover in leftover_name_parts(redact(text, names), names)
    ]
