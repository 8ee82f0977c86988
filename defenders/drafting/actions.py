"""Writes to drafts: starting one from a case, saving versions, asking for and giving sign-off, and sending.

Each action owns its transaction and leaves a reasoned history row; the communication's own fields are written
through defenders/communications/actions.py only, and its signals (core/events.py) are sent once committed."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from defenders.accounts.roles import mandate_of
from defenders.addressees.models import Addressee
from defenders.cases.models import Case
from defenders.clock import office_now, office_today
from defenders.communications import actions as communication_actions
from defenders.communications.models import Communication
from defenders.core.events import sign_off_decided, sign_off_requested
from defenders.core.history import Reason, StaffUser, delete_with_reason, save_with_reason
from defenders.core.templatetags.locale_format import local_day
from defenders.mandates.models import Mandate

from . import prefill
from .models import LETTER_SECTIONS, SECTIONS, DraftVersion, LawParagraph, SignOff, StandardQuestion
from .readiness import current_version, missing_for_sending

SIGN_OFF_PERMISSION = "communications.sign_off_communication"


class DraftingError(Exception):
    """The draft is not in a state that allows this action; `missing` lists what sending still waits for."""

    def __init__(self, message: str, missing: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.missing = list(missing)


def compose_letter(sections: dict[str, str]) -> str:
    """The letter's body (full_text) from its sections, paragraphs apart, after the salutation."""
    parts = [sections.get(key, "").strip() for key in LETTER_SECTIONS]
    return "\n\n".join(["Excellency,", *(part for part in parts if part)])


def communication_fields(sections: dict[str, str]) -> dict[str, Any]:
    """What a version writes to the communication: the letter and the public version."""
    return {
        "title": sections.get("public_title", "").strip()[:300] or "Untitled draft",
        "topic": sections.get("topic", "").strip(),
        "background": sections.get("background", "").strip(),
        "allegations": sections.get("allegations", "").strip(),
        "concerns": sections.get("public_concerns", "").strip(),
        "full_text": compose_letter(sections),
    }


def _normalised(sections: dict[str, str], before: dict[str, str]) -> dict[str, str]:
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise TypeError(f"Not a section of a draft: {', '.join(sorted(unknown))}")
    # Browsers send CRLF; the same text typed again is no change.
    return {key: str(sections.get(key, before.get(key, ""))).replace("\r\n", "\n") for key in SECTIONS}


def _refuse_if_sent(communication: Communication) -> None:
    if communication.sent_on is not None:
        raise DraftingError(
            gettext(
                "%(communication)s was sent on %(day)s: its text is frozen; a correction is a new version of the "
                "letter with a note."
            )
            % {"communication": communication, "day": local_day(communication.sent_on)}
        )


@transaction.atomic
def start_draft(
    case: Case,
    *,
    type: str,
    addressee: Addressee,
    copied: Iterable[Addressee] = (),
    lead_mandate: Mandate,
    co_signing_mandates: Iterable[Mandate] = (),
    language: str = Communication.Language.ENGLISH,
    law_paragraphs: Iterable[LawParagraph] = (),
    questions: Iterable[StandardQuestion] = (),
    by: StaffUser,
) -> Communication:
    """Start a communication on a case, signed by the lead and the co-signers, with version 1 prefilled."""
    mandates = [lead_mandate, *(m for m in co_signing_mandates if m.pk != lead_mandate.pk)]
    law_paragraphs, questions = list(law_paragraphs), list(questions)
    sections = prefill.draft_sections(
        case,
        mandates=mandates,
        addressee=addressee,
        law_paragraphs=law_paragraphs,
        picked_questions=questions,
    )
    communication = communication_actions.create_communication(
        by=by,
        reason=Reason(gettext_noop("Drafted from the case “{title}”"), title=case.title),
        type=type,
        addressee=addressee,
        language=language,
        **communication_fields(sections),
    )
    communication.cases.add(case)
    communication.copied.set([one for one in copied if one.pk != addressee.pk])
    communication_actions.set_signatories(communication, mandates, lead=lead_mandate, by=by)
    _new_version(
        communication,
        1,
        sections,
        by=by,
        note="Prefilled from the case",
        law=law_paragraphs,
        questions=questions,
    )
    return communication


def _new_version(
    communication: Communication,
    number: int,
    sections: dict[str, str],
    *,
    by: StaffUser,
    note: str,
    law: Iterable[LawParagraph],
    questions: Iterable[StandardQuestion],
) -> DraftVersion:
    version = DraftVersion.objects.create(
        communication=communication,
        number=number,
        sections=sections,
        author_id=by.pk if by is not None and by.is_authenticated else None,
        note=note.strip()[:300],
    )
    version.law_paragraphs.set(list(law))
    version.questions.set(list(questions))
    return version


@transaction.atomic
def save_version(
    communication: Communication,
    sections: dict[str, str],
    *,
    by: StaffUser,
    note: str = "",
    law_paragraphs: Iterable[LawParagraph] | None = None,
    questions: Iterable[StandardQuestion] | None = None,
) -> DraftVersion | None:
    """Keep the sections as the next version if any text changed (None otherwise), write the letter and the
    public version to the communication, and ask again every mandate that had approved an earlier text."""
    # Locked, so that two people saving at once get consecutive numbers rather than a clash.
    Communication.objects.select_for_update().filter(pk=communication.pk).first()
    _refuse_if_sent(communication)
    current = current_version(communication)
    before = current.sections if current is not None else {}
    wanted = _normalised(sections, before)
    if current is not None and wanted == _normalised(before, {}):
        return None
    number = (current.number if current is not None else 0) + 1
    version = _new_version(
        communication,
        number,
        wanted,
        by=by,
        note=note,
        law=law_paragraphs
        if law_paragraphs is not None
        else (current.law_paragraphs.all() if current else []),
        questions=questions if questions is not None else (current.questions.all() if current else []),
    )
    reason = (
        Reason(gettext_noop("Version {number} saved: {note}"), number=number, note=note.strip())
        if note.strip()
        else Reason(gettext_noop("Version {number} saved"), number=number)
    )
    communication_actions.edit_communication(
        communication, by=by, reason=reason, **communication_fields(wanted)
    )
    for sign_off in communication.sign_offs.filter(state=SignOff.State.APPROVED).select_related("mandate"):
        _ask_again(
            sign_off,
            by=by,
            reason=Reason(gettext_noop("Approval reset: text changed in version {number}"), number=number),
        )
    return version


def _ask_again(sign_off: SignOff, *, by: StaffUser, reason: Reason) -> None:
    sign_off.state = SignOff.State.REQUESTED
    sign_off.approved_version = None
    sign_off.requested_at = office_now()
    sign_off.requested_by = by if by is not None and by.is_authenticated else None  # type: ignore[assignment]
    save_with_reason(sign_off, reason, by)
    _announce_request(sign_off)


def _announce_request(sign_off: SignOff) -> None:
    transaction.on_commit(lambda: sign_off_requested.send(SignOff, sign_off=sign_off))


@transaction.atomic
def request_sign_off(communication: Communication, *, by: StaffUser) -> list[SignOff]:
    """Ask each signing mandate, the lead included, to approve the current text; a mandate that asked for
    changes is asked again. Returns the sign-offs asked now (none if every mandate was asked already)."""
    _refuse_if_sent(communication)
    if current_version(communication) is None:
        raise DraftingError(gettext("There is no text to approve yet."))
    mandates = communication.ordered_mandates()
    if not mandates:
        raise DraftingError(gettext("No mandate signs this draft yet."))
    asked = []
    for mandate in mandates:
        sign_off = SignOff.objects.filter(communication=communication, mandate=mandate).first()
        if sign_off is None:
            sign_off = SignOff(communication=communication, mandate=mandate, requested_at=office_now())
            sign_off.requested_by = by if by is not None and by.is_authenticated else None  # type: ignore[assignment]
            save_with_reason(
                sign_off,
                Reason(gettext_noop("Sign-off requested of {mandate}"), mandate=mandate.short_name),
                by,
            )
            _announce_request(sign_off)
        elif sign_off.state == SignOff.State.CHANGES_REQUESTED:
            _ask_again(
                sign_off,
                by=by,
                reason=Reason(
                    gettext_noop("Sign-off requested again of {mandate}"), mandate=mandate.short_name
                ),
            )
        else:
            continue
        asked.append(sign_off)
    return asked


def may_decide(sign_off: SignOff, user: StaffUser) -> bool:
    """Only the mandate's own people, with the sign-off permission, approve or ask for changes for it."""
    if user is None or not user.is_authenticated or not user.has_perm(SIGN_OFF_PERMISSION):  # type: ignore[union-attr,attr-defined]
        return False
    mandate = mandate_of(user)
    return mandate is not None and mandate.pk == sign_off.mandate_id


def _decide(sign_off: SignOff, state: str, *, by: StaffUser, comment: str, decided: str) -> SignOff:
    if not may_decide(sign_off, by):
        raise DraftingError(
            gettext("Only a person of %(mandate)s decides for that mandate.")
            % {"mandate": sign_off.mandate.short_name}
        )
    _refuse_if_sent(sign_off.communication)
    current = current_version(sign_off.communication)
    if current is None:
        raise DraftingError(gettext("There is no text to approve yet."))
    sign_off.state = state
    sign_off.comment = comment.strip()
    sign_off.decided_at = office_now()
    sign_off.decided_by = by  # type: ignore[assignment]
    sign_off.approved_version = current if state == SignOff.State.APPROVED else None
    reason = Reason(decided, number=current.number, mandate=sign_off.mandate.short_name)
    if sign_off.comment:
        reason = Reason(gettext_noop("{decision}: {comment}"), decision=reason, comment=sign_off.comment)
    save_with_reason(sign_off, reason, by)
    transaction.on_commit(lambda: sign_off_decided.send(SignOff, sign_off=sign_off))
    return sign_off


@transaction.atomic
def approve(sign_off: SignOff, *, by: StaffUser, comment: str = "") -> SignOff:
    """The mandate approves the current version."""
    return _decide(
        sign_off,
        SignOff.State.APPROVED,
        by=by,
        comment=comment,
        decided=gettext_noop("Approved version {number} for {mandate}"),
    )


@transaction.atomic
def ask_for_changes(sign_off: SignOff, *, by: StaffUser, comment: str) -> SignOff:
    """The mandate asks for changes to the current version, saying which."""
    if not comment.strip():
        raise DraftingError(gettext("Asking for changes needs a comment saying which."))
    return _decide(
        sign_off,
        SignOff.State.CHANGES_REQUESTED,
        by=by,
        comment=comment,
        decided=gettext_noop("Changes asked to version {number} for {mandate}"),
    )


@transaction.atomic
def change_signatories(
    communication: Communication, mandates: Sequence[Mandate], *, lead: Mandate, by: StaffUser
) -> bool:
    """Sign with other mandates after drafting began. The opening names them, so the text changes: the opening is
    written afresh as a new version (which resets every approval), a mandate that no longer signs loses its
    sign-off (and its view of the draft), and once sign-off was asked, a mandate that joins is asked too."""
    _refuse_if_sent(communication)
    if not communication_actions.set_signatories(communication, mandates, lead=lead, by=by):
        return False
    signing = {mandate.pk for mandate in mandates}
    for sign_off in communication.sign_offs.exclude(mandate_id__in=signing).select_related("mandate"):
        delete_with_reason(
            sign_off,
            Reason(gettext_noop("{mandate} no longer signs"), mandate=sign_off.mandate.short_name),
            by,
        )
    current = current_version(communication)
    if current is not None:
        ordered = communication.ordered_mandates()
        save_version(
            communication,
            {**current.sections, "opening": prefill.opening(ordered, communication.addressee)},
            by=by,
            note="Signatories changed",
        )
    if communication.sign_offs.exists():
        request_sign_off(communication, by=by)
    return True


@transaction.atomic
def send_approved(communication: Communication, *, by: StaffUser, on: date | None = None) -> Communication:
    """Send a draft that every signing mandate approved as it stands: it gets its reference and its frozen letter."""
    # Locked, so that no version is saved between the check and the sending.
    Communication.objects.select_for_update().filter(pk=communication.pk).first()
    missing = missing_for_sending(communication)
    if missing:
        raise DraftingError(
            gettext("Not ready to send: %(missing)s") % {"missing": " ".join(missing)}, missing
        )
    return communication_actions.send_communication(communication, by=by, on=on or office_today())


# The library of standard paragraphs and questions


@transaction.atomic
def save_library_entry(entry: LawParagraph | StandardQuestion, *, by: StaffUser) -> None:
    """Add a paragraph or question to the library, or keep an edit of one; drafts already written keep their
    own text."""
    save_with_reason(
        entry,
        Reason(gettext_noop("Added to the library")) if entry.pk is None else Reason(gettext_noop("Edited")),
        by,
    )


@transaction.atomic
def set_retired(entry: LawParagraph | StandardQuestion, retired: bool, *, by: StaffUser) -> bool:
    """Stop offering an entry in new drafts (or offer it again); says whether anything changed."""
    if entry.is_active != retired:
        return False
    entry.is_active = not retired
    save_with_reason(
        entry, Reason(gettext_noop("Retired")) if retired else Reason(gettext_noop("Offered again")), by
    )
    return True
