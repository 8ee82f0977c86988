"""Writes to communications: each action owns its transaction and leaves a reasoned row in the history."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from simple_history.utils import update_change_reason

from .models import Communication, Reply
from .references import Reference, next_reference_number

StaffUser = AbstractBaseUser | AnonymousUser | None


class CommunicationStateError(Exception):
    """The communication is not in a state that allows this action (e.g. sending one already sent)."""


def _save_with_reason(instance, reason: str, by: StaffUser) -> None:
    if by is not None and getattr(by, "is_authenticated", False):
        instance._history_user = by
    instance.save()
    update_change_reason(instance, reason)


def send_communication(draft: Communication, *, by: StaffUser, on: date, attempts: int = 5) -> Communication:
    """Freeze the draft, assign the next reference for its addressee and year, and record who sent it."""
    if draft.sent_on is not None:
        raise CommunicationStateError(f"{draft} was already sent on {draft.sent_on:%d %B %Y}.")
    if not draft.mandate_links.filter(is_lead=True).exists():
        raise CommunicationStateError("A communication needs a lead mandate before it is sent.")
    for _ in range(attempts):
        try:
            with transaction.atomic():
                number = next_reference_number(draft.addressee.code, on.year)
                draft.reference = str(Reference(draft.type, draft.addressee.code, number, on.year))
                draft.sent_on = on
                _save_with_reason(draft, f"Sent as {draft.reference}", by)
            return draft
        except IntegrityError:
            # Another communication took that number in the meantime: take the next one.
            draft.reference, draft.sent_on = "", None
    raise CommunicationStateError("Could not assign a reference number; try again.")


@transaction.atomic
def withhold_communication(communication: Communication, *, reason: str, by: StaffUser) -> Communication:
    """Hold back publication whatever the date, for a reason that the history keeps."""
    if not reason.strip():
        raise CommunicationStateError("Withholding a communication needs a reason.")
    communication.withheld = True
    communication.withheld_reason = reason.strip()
    _save_with_reason(communication, f"Withheld: {reason.strip()}", by)
    return communication


@transaction.atomic
def release_communication(communication: Communication, *, by: StaffUser) -> Communication:
    """Let the publication rule apply again to a withheld communication."""
    communication.withheld = False
    communication.withheld_reason = ""
    _save_with_reason(communication, "Released for publication", by)
    return communication


@transaction.atomic
def record_reply(
    communication: Communication,
    *,
    received_on: date,
    kind: str = Reply.Kind.SUBSTANTIVE,
    language: str = Communication.Language.ENGLISH,
    translation_pending: bool = False,
    summary: str = "",
    by: StaffUser = None,
) -> Reply:
    """Record a reply from the addressee; the publication rule decides when the public sees it."""
    if communication.sent_on is None:
        raise CommunicationStateError("A reply can only be recorded for a communication that was sent.")
    if received_on < communication.sent_on:
        raise CommunicationStateError("A reply cannot be received before the communication was sent.")
    reply = Reply(
        communication=communication,
        received_on=received_on,
        kind=kind,
        language=language,
        translation_pending=translation_pending,
        summary=summary,
    )
    reply.full_clean(exclude=["file"])
    _save_with_reason(reply, f"Reply received on {received_on:%Y-%m-%d}", by)
    return reply
