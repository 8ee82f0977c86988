"""The second line of defence behind redaction: whether a communication's public text, once redacted, still
shows a part of a name withheld from the public. The publication rule treats such a communication as withheld
until an officer rewrites the text; `refresh_exposure` keeps the stored answer in step with every change."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.dispatch import Signal

from defenders.cases.models import Case

from .models import Communication
from .redaction import Leftover, leftovers_after_redaction

# sender: Communication; `ids`: the communications whose stored answer just changed, in the same transaction
# (the update sends no save signal; analytics/facts.py keeps its copy of the answer in step by it).
exposure_changed = Signal()
PUBLIC_FIELDS = ("title", "topic", "background", "allegations", "concerns", "update", "full_text")
VERSION_FIELDS = ("title", "topic", "background", "allegations", "concerns")


def names_withheld_in(cases: Iterable[Case]) -> list[str]:
    """Persons in these cases who did not consent to be named in public, in any of them.

    Reads the person links through the relations, so that a list prefetches them once."""
    return sorted(
        {
            link.person.name
            for case in cases
            for link in case.caseperson_set.all()
            if not link.consents_to_naming_in_public
        }
    )


def withheld_names(communication: Communication) -> list[str]:
    return names_withheld_in(communication.cases.all())


def public_texts(communication: Communication) -> dict[str, str]:
    """Every text of the communication that a public page may show, by a label an officer recognises."""
    texts = {name: getattr(communication, name) for name in PUBLIC_FIELDS}
    for version in communication.public_versions.all():
        for name in VERSION_FIELDS:
            texts[f"{name} ({version.get_language_display()} version)"] = getattr(version, name)
    for reply in communication.replies.all():
        if reply.content_is_public:
            texts[f"reply of {reply.received_on:%d %B %Y}"] = reply.summary
    return texts


@dataclass(frozen=True)
class Exposure:
    """Where a part of a withheld name is still visible after redaction."""

    text: str
    leftover: Leftover


def exposures(communication: Communication) -> list[Exposure]:
    names = withheld_names(communication)
    if not names:
        return []
    return [
        Exposure(label, leftover)
        for label, text in public_texts(communication).items()
        for leftover in leftovers_after_redaction(text, names)
    ]


def refresh_exposure(communications: Iterable[Communication]) -> None:
    """Store, for each communication, whether its redacted public text still exposes a withheld name.

    Written with an update, not a save: it is derived, so it leaves no history row and sends no signal."""
    for communication in communications:
        exposed = bool(exposures(communication))
        if exposed != communication.exposes_withheld_name:
            Communication.objects.filter(pk=communication.pk).update(exposes_withheld_name=exposed)
            communication.exposes_withheld_name = exposed
            exposure_changed.send(sender=Communication, ids=[communication.pk])
