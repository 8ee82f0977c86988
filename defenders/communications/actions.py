"""Writes to communications: each action owns its transaction and leaves a reasoned row in the history.

These functions are the only code that sets a communication's sending date, reference or withholding (a test
scans the source for any other); views, admin actions, the importer and the demo all call them.
"""

import hashlib
import uuid
from collections.abc import Collection, Sequence
from datetime import date

from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils.translation import gettext, gettext_noop

from defenders.clock import EARLIEST_DAY, LATEST_DAY, is_plausible_day
from defenders.core.events import reply_recorded
from defenders.core.history import Reason, StaffUser, delete_with_reason, listed, on_day, save_with_reason
from defenders.mandates.models import Mandate

from . import letters
from .days import day_in_words
from .models import Communication, CommunicationMandate, ReferenceCounter, Reply, SentLetter
from .references import Reference, parse_reference

# What a draft is made of; the sending date, the reference and withholding each have an action of their own.
CONTENT_FIELDS = (
    "type",
    "addressee",
    "legacy_reference",
    "language",
    "title",
    "topic",
    "background",
    "allegations",
    "concerns",
    "update",
    "full_text",
)
# Each guarded field with its value on a new draft.
DRAFTED = Reason(gettext_noop("Drafted"))
EDITED = Reason(gettext_noop("Edited"))
CORRECTED = Reason(gettext_noop("Corrected"))
RECORDED_AS_SENT = Reason(gettext_noop("Recorded as sent"))
GUARDED_FIELDS = {"sent_on": None, "reference": "", "withheld": False, "withheld_reason": ""}
REPLY_FIELDS = frozenset({"received_on", "kind", "language", "translation_pending", "summary", "file"})


class CommunicationStateError(Exception):
    """The communication is not in a state that allows this action (e.g. sending one already sent)."""


def _assign(instance: models.Model, values: dict, allowed: Collection[str]) -> bool:
    """Set the given fields; says whether any value differed. Refuses fields that another action owns."""
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    changed = False
    for name, value in values.items():
        # A new row has nothing to compare with (and reading its unset relations would raise).
        if instance.pk is None or getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


# Drafts


@transaction.atomic
def create_communication(
    *, by: StaffUser, uid: uuid.UUID | None = None, reason: str | Reason = DRAFTED, **content
) -> Communication:
    """Start a communication as a draft: no sending date, no reference, not withheld."""
    communication = Communication(uid=uid) if uid is not None else Communication()
    _assign(communication, content, CONTENT_FIELDS)
    return save_communication(communication, by=by, reason=reason)


@transaction.atomic
def edit_communication(
    communication: Communication, *, by: StaffUser, reason: str | Reason = EDITED, **content
) -> bool:
    """Change a communication's text or metadata; says whether anything changed (nothing is saved otherwise)."""
    if not _assign(communication, content, CONTENT_FIELDS):
        return False
    save_communication(communication, by=by, reason=reason)
    return True


@transaction.atomic
def save_communication(communication: Communication, *, by: StaffUser, reason: str | Reason) -> Communication:
    """Save a communication whose text or metadata a form has set; its sending, reference and withholding must
    be as stored, since only their own actions change them."""
    stored = Communication.objects.filter(pk=communication.pk).first() if communication.pk else None
    for name, default in GUARDED_FIELDS.items():
        before = getattr(stored, name) if stored is not None else default
        if getattr(communication, name) != before:
            raise CommunicationStateError(
                f"{name} changes only through its own action (send, withhold, release)."
            )
    if (
        stored is not None
        and stored.reference
        and ((communication.type, communication.addressee_id) != (stored.type, stored.addressee_id))
    ):
        raise CommunicationStateError(
            gettext("%(reference)s was numbered for its type and addressee; they cannot change.")
            % {"reference": stored.reference}
        )
    save_with_reason(communication, reason, by)
    return communication


def _signed_by(mandates: Sequence[Mandate], lead: Mandate | None) -> Reason:
    if not mandates:
        return Reason(gettext_noop("Signed by nobody"))
    return Reason(
        gettext_noop("Signed by {mandates}"), mandates=signatories([(m, m == lead) for m in mandates])
    )


def signatories(mandates: Sequence[tuple[Mandate, bool]]) -> Reason:
    """The signing mandates by short name, in their order, the lead one said to be."""
    return listed(
        [
            Reason(gettext_noop("{mandate} (lead)"), mandate=mandate.short_name)
            if lead
            else mandate.short_name
            for mandate, lead in mandates
        ]
    )


def received_reason(received_on: date) -> Reason:
    return Reason(gettext_noop("Reply received on {day}"), day=on_day(received_on))


def sent_reason(reason: str | Reason, sent_on: date, reference: str) -> Reason:
    """Why a letter sent elsewhere was recorded, the day it went and, when it has one, its reference."""
    if reference:
        return Reason(
            gettext_noop("{reason}: sent on {day} as {reference}"),
            reason=reason,
            day=on_day(sent_on),
            reference=reference,
        )
    return Reason(gettext_noop("{reason}: sent on {day}"), reason=reason, day=on_day(sent_on))


@transaction.atomic
def set_signatories(
    communication: Communication,
    mandates: Sequence[Mandate],
    *,
    lead: Mandate | None = None,
    by: StaffUser,
) -> bool:
    """Sign with these mandates, in the order the letter lists them; `lead` (the first by default) leads.

    Says whether the signatories changed; the history of the communication records the new list."""
    if len({mandate.pk for mandate in mandates}) != len(mandates):
        raise CommunicationStateError(gettext("A mandate can sign a communication only once."))
    lead = lead if lead is not None else (mandates[0] if mandates else None)
    if lead is not None and lead not in mandates:
        raise CommunicationStateError(gettext("The lead mandate must be one of the signatories."))
    wanted = [(mandate.pk, order, mandate == lead) for order, mandate in enumerate(mandates)]
    current = list(
        communication.mandate_links.order_by("order").values_list("mandate_id", "order", "is_lead")
    )
    if current == wanted:
        return False
    communication.mandate_links.all().delete()
    CommunicationMandate.objects.bulk_create(
        CommunicationMandate(
            communication=communication, mandate=mandate, order=order, is_lead=mandate == lead
        )
        for order, mandate in enumerate(mandates)
    )
    save_with_reason(communication, _signed_by(mandates, lead), by)
    return True


# Follow-ups


def follow_up_problem(communication: Communication, earlier: Sequence[Communication]) -> str | None:
    """Why the communication cannot follow up these earlier ones, or None; forms ask this before the action."""
    for one in earlier:
        if one.pk is not None and one.pk == communication.pk:
            return gettext("%(communication)s cannot follow itself up.") % {"communication": communication}
        if one.sent_on is None:
            return gettext("%(one)s is a draft: only a communication already sent can be followed up.") % {
                "one": one
            }
        if communication.sent_on is not None and one.sent_on > communication.sent_on:
            return gettext(
                "%(one)s was sent on %(one_sent_on)s, after %(communication)s (%(sent_on)s): it cannot be an "
                "earlier communication."
            ) % {
                "one": one,
                "one_sent_on": f"{one.sent_on:%Y-%m-%d}",
                "communication": communication,
                "sent_on": f"{communication.sent_on:%Y-%m-%d}",
            }
    if communication.pk is not None and _reaches(
        {one.pk for one in earlier if one.pk is not None}, communication.pk
    ):
        return gettext(
            "%(communication)s is itself followed up, directly or not, by one of these: that would be a cycle."
        ) % {"communication": communication}
    return None


def _reaches(starts: set[int], target: int) -> bool:
    """Whether following `follows_up` links from these communications leads to the target."""
    links = Communication.follows_up.through.objects
    seen, frontier = set(starts), set(starts)
    while frontier:
        if target in frontier:
            return True
        following = set(
            links.filter(from_communication_id__in=frontier).values_list("to_communication_id", flat=True)
        )
        frontier = following - seen
        seen |= frontier
    return False


@transaction.atomic
def set_follow_ups(communication: Communication, earlier: Sequence[Communication], *, by: StaffUser) -> bool:
    """Record the earlier communications this one follows up (replacing those recorded before).

    Says whether the list changed; the history of the communication records the new list."""
    problem = follow_up_problem(communication, earlier)
    if problem is not None:
        raise CommunicationStateError(problem)
    wanted = {one.pk for one in earlier}
    if wanted == set(communication.follows_up.values_list("pk", flat=True)):
        return False
    communication.follows_up.set(list(earlier))
    ordered = sorted(earlier, key=lambda one: (one.sent_on or date.max, str(one)))
    listed = ", ".join(str(one) for one in ordered)
    save_with_reason(
        communication,
        Reason(gettext_noop("Follows up {communications}"), communications=listed)
        if listed
        else Reason(gettext_noop("Follows up no earlier communication")),
        by,
    )
    return True


# Sending


def send_communication(draft: Communication, *, by: StaffUser, on: date) -> Communication:
    """Freeze the draft, assign the next reference for its addressee and year, and record who sent it."""
    if draft.sent_on is not None:
        raise CommunicationStateError(
            gettext("%(communication)s was already sent on %(day)s.")
            % {"communication": draft, "day": day_in_words(draft.sent_on)}
        )
    _check_plausible(on)
    if not draft.mandate_links.filter(is_lead=True).exists():
        raise CommunicationStateError(gettext("A communication needs a lead mandate before it is sent."))
    # Before the counter's lock is taken: the renderer's first import takes seconds, which other senders (and on
    # SQLite every writer) would otherwise spend waiting.
    letters.load_renderer()
    try:
        with transaction.atomic():
            # The counter's row lock makes concurrent senders wait their turn: no race, so no retry.
            number = ReferenceCounter.objects.take_next(draft.addressee.code, on.year)
            draft.reference = str(Reference(draft.type, draft.addressee.code, number, on.year))
            draft.sent_on = on
            save_with_reason(
                draft, Reason(gettext_noop("Sent as {reference}"), reference=draft.reference), by
            )
            # In the same transaction: no letter is ever sent without its frozen version 1.
            freeze_letter(draft, by=by)
    except IntegrityError:
        # Another unique value clashed: a communication with a legacy reference already has this address.
        reference, draft.reference, draft.sent_on = draft.reference, "", None
        raise CommunicationStateError(
            gettext(
                "%(reference)s is already the public address of another communication (a legacy reference); "
                "correct that one's legacy reference, then send again."
            )
            % {"reference": reference}
        ) from None
    return draft


@transaction.atomic
def record_sent(
    communication: Communication,
    *,
    sent_on: date,
    reference: str = "",
    by: StaffUser,
    reason: str | Reason = RECORDED_AS_SENT,
) -> bool:
    """Record a letter sent outside this system (the archive, an import) on its day, under the reference it has.

    The numbering counter of its addressee and year continues after the reference. Says whether anything changed.
    """
    _check_plausible(sent_on)
    parsed = parse_reference(reference) if reference else None
    if reference and parsed is None:
        raise CommunicationStateError(
            gettext("“%(reference)s” is not a reference of the form “AL RUS 15/2023”.")
            % {"reference": reference}
        )
    if parsed is not None and (parsed.type, parsed.code) != (
        communication.type,
        communication.addressee.code,
    ):
        raise CommunicationStateError(
            gettext("“%(reference)s” does not match the type %(type)s and addressee code %(code)s.")
            % {"reference": reference, "type": communication.type, "code": communication.addressee.code}
        )
    if (communication.sent_on, communication.reference) == (sent_on, reference):
        return False
    if parsed is not None:
        ReferenceCounter.objects.reach(parsed.code, parsed.year, parsed.number)
    communication.sent_on, communication.reference = sent_on, reference
    save_with_reason(communication, sent_reason(reason, sent_on, reference), by)
    return True


@transaction.atomic
def freeze_letter(communication: Communication, *, by: StaffUser, note: str = "") -> SentLetter:
    """Render the letter as it stands and keep the PDF as its next version (version 1 on sending)."""
    if communication.sent_on is None:
        raise CommunicationStateError(
            gettext("Only a sent letter is frozen; a draft is rendered afresh each time.")
        )
    highest = communication.sent_letters.aggregate(highest=Max("version"))["highest"]
    version = (highest or 0) + 1
    if version > 1 and not note.strip():
        raise CommunicationStateError(gettext("A corrected letter needs a note saying what changed and why."))
    pdf = letters.letter_pdf(communication)
    return SentLetter.objects.create(
        communication=communication,
        version=version,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        note=note.strip(),
        created_by_id=by.pk if by is not None and by.is_authenticated else None,
    )


@transaction.atomic
def correct_letter(communication: Communication, *, by: StaffUser, note: str) -> SentLetter:
    """Freeze the corrected letter as the next version; the versions before it stay as they were."""
    if not note.strip():
        raise CommunicationStateError(gettext("A corrected letter needs a note saying what changed and why."))
    if not communication.sent_letters.exists():
        raise CommunicationStateError(
            gettext(
                "%(communication)s has no frozen letter to correct (a draft, or a letter recorded as sent "
                "elsewhere)."
            )
            % {"communication": communication}
        )
    letter = freeze_letter(communication, by=by, note=note)
    save_with_reason(
        communication,
        Reason(
            gettext_noop("Letter corrected as version {version}: {note}"),
            version=letter.version,
            note=note.strip(),
        ),
        by,
    )
    return letter


def _check_plausible(day: date) -> None:
    if not is_plausible_day(day):
        raise CommunicationStateError(
            gettext("%(day)s is not a plausible sending day: it must be between %(earliest)s and %(latest)s.")
            % {
                "day": f"{day:%Y-%m-%d}",
                "earliest": day_in_words(EARLIEST_DAY),
                "latest": day_in_words(LATEST_DAY),
            }
        )


# Publication


@transaction.atomic
def withhold_communication(communication: Communication, *, reason: str, by: StaffUser) -> Communication:
    """Hold back publication whatever the date, for a reason that the history keeps."""
    if not reason.strip():
        raise CommunicationStateError(gettext("Withholding a communication needs a reason."))
    if communication.withheld and communication.withheld_reason == reason.strip():
        return communication
    communication.withheld = True
    communication.withheld_reason = reason.strip()
    save_with_reason(communication, Reason(gettext_noop("Withheld: {reason}"), reason=reason.strip()), by)
    return communication


@transaction.atomic
def release_communication(communication: Communication, *, by: StaffUser, reason: str = "") -> Communication:
    """Let the publication rule apply again to a withheld communication; the history keeps why, when given."""
    if not communication.withheld:
        return communication
    communication.withheld = False
    communication.withheld_reason = ""
    why = (
        Reason(gettext_noop("Released for publication: {reason}"), reason=reason.strip())
        if reason.strip()
        else Reason(gettext_noop("Released for publication"))
    )
    save_with_reason(communication, why, by)
    return communication


# Replies


@transaction.atomic
def record_reply(
    communication: Communication,
    *,
    received_on: date,
    kind: str = Reply.Kind.SUBSTANTIVE,
    language: str = Communication.Language.ENGLISH,
    translation_pending: bool = False,
    summary: str = "",
    file=None,
    uid: uuid.UUID | None = None,
    by: StaffUser = None,
) -> Reply:
    """Record a reply from the addressee; the publication rule decides when the public sees it."""
    reply = Reply(communication=communication)
    if uid is not None:
        reply.uid = uid
    _assign(
        reply,
        {
            "received_on": received_on,
            "kind": kind,
            "language": language,
            "translation_pending": translation_pending,
            "summary": summary,
            "file": file or "",
        },
        REPLY_FIELDS,
    )
    _check_reply(reply)
    save_with_reason(reply, received_reason(received_on), by)
    # Only once committed: a rolled-back reply must not be announced.
    transaction.on_commit(lambda: reply_recorded.send(Reply, reply=reply))
    return reply


@transaction.atomic
def correct_reply(reply: Reply, *, by: StaffUser, reason: str | Reason = CORRECTED, **values) -> bool:
    """Correct what was recorded of a reply (its date, kind, translation, summary); says whether anything changed."""
    if not _assign(reply, values, REPLY_FIELDS):
        return False
    _check_reply(reply)
    save_with_reason(reply, reason, by)
    return True


@transaction.atomic
def delete_reply(reply: Reply, *, by: StaffUser, reason: str | Reason) -> None:
    """Remove a reply recorded by mistake; the history keeps what it was and why it went."""
    delete_with_reason(reply, reason, by)


def reply_date_problem(communication: Communication, received_on: date) -> str | None:
    """Why a reply cannot have been received on that day, or None; forms ask this before calling an action."""
    if not is_plausible_day(received_on):
        return gettext("A reply date must be between %(earliest)s and %(latest)s.") % {
            "earliest": day_in_words(EARLIEST_DAY),
            "latest": day_in_words(LATEST_DAY),
        }
    if communication.sent_on is None:
        return gettext("A reply can only be recorded for a communication that was sent.")
    if received_on < communication.sent_on:
        return gettext("A reply cannot be received before the communication was sent.")
    return None


def _check_reply(reply: Reply) -> None:
    problem = reply_date_problem(reply.communication, reply.received_on)
    if problem is not None:
        raise CommunicationStateError(problem)
    reply.full_clean(exclude=["file", "communication"])


def unsaved_imported_communication(
    *,
    uid: uuid.UUID | None,
    sent_on: date | None,
    reference: str,
    withheld: bool,
    withheld_reason: str,
    **content,
) -> Communication:
    """A communication as an import records it, not yet saved: for the importer's batched INSERTs, which write
    its history row themselves (interchange/bulk.py); every guarded field is still set here and nowhere else."""
    communication = Communication(uid=uid) if uid is not None else Communication()
    _assign(communication, content, CONTENT_FIELDS)
    communication.sent_on, communication.reference = sent_on, reference
    communication.withheld, communication.withheld_reason = withheld, withheld_reason
    communication.derive_fields()
    return communication
