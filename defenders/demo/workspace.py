"""The staff workspace of the demo: submissions waiting in the inbox, letters at each step of sign-off and after
sending, a reply, a follow-up and a press release, all made through the actions by the demo's own staff, so that
every history row and sign-off is real. Needs the demo staff (`ensure_demo_staff`) and the demo data."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_noop

from defenders.addressees.models import Addressee
from defenders.cases import actions as case_actions
from defenders.cases.models import Case
from defenders.clock import office_today
from defenders.communications import actions as communication_actions
from defenders.communications import embargo
from defenders.communications.models import Communication
from defenders.core.history import Reason
from defenders.drafting import actions as drafting
from defenders.drafting.readiness import current_version
from defenders.intake.models import Submission
from defenders.mandates.models import Mandate
from defenders.press import actions as press
from defenders.press.models import PressRelease

from . import inbox
from .fictional import FICTION_NOTE
from .records import KHAMROEV, demo_uid
from .staff import DEMO_ACCOUNTS, DEMO_OFFICER
from .workspace_cases import WORKSPACE_CASES

LEAD_MANDATE = "SR HRDs"


@dataclass(frozen=True)
class DemoStaff:
    officer: User
    signers: dict[str, User]  # a person of each mandate, by the mandate's short name

    @classmethod
    def find(cls) -> "DemoStaff":
        users = get_user_model().objects.in_bulk(
            [username for username, _, _ in DEMO_ACCOUNTS], field_name="username"
        )
        missing = [username for username, _, _ in DEMO_ACCOUNTS if username not in users]
        if missing:
            raise LookupError(
                f"The demo staff are missing ({', '.join(missing)}): run ensure_demo_staff first."
            )
        signers = {mandate: users[username] for username, _, mandate in DEMO_ACCOUNTS if mandate}
        return cls(officer=users[DEMO_OFFICER], signers=signers)


@transaction.atomic
def load_workspace(today: date | None = None) -> list[str]:
    """Make what is missing of the workspace demo (idempotent: what exists is left as it is); returns what to
    tell the newcomer once. Dates follow `today`; the inbox's receipt days and the history's moments are the
    clock's, as the actions stamp them."""
    today = today or office_today()
    staff = DemoStaff.find()
    notes = inbox.ensure_demo_submissions(today)
    inbox.share_with(staff.officer)
    for spec in WORKSPACE_CASES:
        if not Case.objects.filter(title=spec["title"]).exists():
            _build(spec, staff, today)
    _take_on_khamroev(staff.officer)
    return notes


def workspace_summary() -> str:
    """One line on what waits in the workspace, for the demo command to print."""
    new = Submission.objects.filter(status=Submission.Status.NEW).count()
    drafts = Communication.objects.filter(sent_on__isnull=True).count()
    return (
        f"Staff workspace ready: {new} new submissions in the inbox, {drafts} drafts in sign-off; log in as "
        f"{DEMO_OFFICER} at /staff/login/ to see its dashboard."
    )


def _build(spec: dict[str, Any], staff: DemoStaff, today: date) -> Communication:
    """The case file, its letter drafted, marked fictional, approved by some mandates, sent, answered."""
    officer = staff.officer
    case = case_actions.create_case(
        by=officer,
        title=spec["title"],
        country=Addressee.state(spec["country"]),
        officer=officer,
        risk_level=spec["risk_level"],
        summary=spec["summary"],
    )
    person = spec["person"]
    link = case_actions.add_person(
        case,
        case_actions.PersonDetails(
            name=person["name"],
            professions=person["professions"],
            consents_to_naming_to_addressee=True,
            consents_to_naming_in_public=person["named_in_public"],
        ),
        by=officer,
    )
    for days_ago, kind, place, summary in spec["events"]:
        details = case_actions.EventDetails(
            kind=kind,
            summary=summary,
            occurred_on=today - timedelta(days=days_ago),
            place=place,
            persons=[link.person],
        )
        case_actions.add_event(case, details, by=officer)

    letter = drafting.start_draft(
        case,
        type=spec["type"],
        addressee=case.country,  # type: ignore[arg-type]
        lead_mandate=Mandate.objects.get(short_name=LEAD_MANDATE),
        co_signing_mandates=Mandate.objects.filter(short_name__in=spec["co_signers"]),
        by=officer,
    )
    _mark_fictional(letter, by=officer)
    drafting.request_sign_off(letter, by=officer)
    for short_name in spec["approved_by"]:
        sign_off = letter.sign_offs.get(mandate__short_name=short_name)
        drafting.approve(sign_off, by=staff.signers[short_name], comment="Fine by us.")

    if "sent_days_ago" in spec:
        drafting.send_approved(letter, by=officer, on=today - timedelta(days=spec["sent_days_ago"]))
        case_actions.update_case(
            case,
            by=officer,
            status=Case.Status.COMMUNICATION_SENT,
            reason=Reason(gettext_noop("Sent {reference}"), reference=letter.reference),
        )
    if "reply" in spec:
        communication_actions.record_reply(
            letter,
            received_on=today - timedelta(days=spec["reply"]["days_ago"]),
            summary=spec["reply"]["summary"],
            uid=demo_uid(f"{spec['key']}/reply"),
            by=officer,
        )
    if "follow_up_in_days" in spec:
        case_actions.update_case(
            case,
            by=officer,
            status=Case.Status.FOLLOW_UP,
            follow_up_on=today + timedelta(days=spec["follow_up_in_days"]),
            reason=Reason(gettext_noop("Reply received: to be assessed")),
        )
    if "press_release" in spec:
        _announce(letter, case, spec["press_release"], by=officer)
    return letter


def _mark_fictional(letter: Communication, *, by: User) -> None:
    """The officer's first edit: the letter and its public version say that they describe no one real."""
    version = current_version(letter)
    assert version is not None, "start_draft writes version 1"
    sections = dict(version.sections)
    sections["information"] = f"{FICTION_NOTE}\n\n{sections['information']}"
    sections["background"] = f"{FICTION_NOTE} {sections['background']}"
    drafting.save_version(letter, sections, by=by, note="Marked as a fictional example")


def _announce(letter: Communication, case: Case, spec: dict[str, str], *, by: User) -> PressRelease:
    """A press release on the letter, scheduled for the moment the letter becomes public."""
    release = press.draft_press_release(
        title=spec["title"], body=spec["body"], communications=[letter], cases=[case], by=by
    )
    public_from = embargo.public_from(letter)
    if public_from is not None:
        press.schedule_press_release(release, at=public_from + timedelta(hours=10), by=by)
    return release


def _take_on_khamroev(officer: User) -> None:
    """The real Khamroev case, loaded with its sent letter, is the demo officer's unless someone else took it."""
    case = Case.objects.filter(uid=demo_uid(f"{KHAMROEV}/case")).first()
    if case is None or case.officer_id is not None:
        return
    case_actions.update_case(
        case,
        by=officer,
        officer=officer,
        status=Case.Status.COMMUNICATION_SENT,
        reason=Reason(gettext_noop("Taken on by the demo officer")),
    )
