"""The demo's inbox: fictional submissions checked by the public forms and sealed by the intake's own action, as
a source's would be, so that the demo officer unlocks and reads them like any other."""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.forms import BaseForm
from django.urls import reverse
from django.utils import translation

from defenders.intake import source_forms
from defenders.intake.actions import sources, staff_keys
from defenders.intake.models import OfficeKey, StaffKey, Submission
from defenders.vault import recovery

from .fictional import FICTION_NOTE
from .records import demo_uid
from .staff import RECOVERY_KEY_FILE


def _formset_data(prefix: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    """The management form and the rows as the page would post them."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": str(value) for name, value in row.items()})
    return data


def _valid(*forms: Any) -> None:
    for form in forms:
        if not form.is_valid():
            errors = form.errors if isinstance(form, BaseForm) else [form.non_form_errors(), form.errors]
            raise ValueError(f"The demo's submission does not pass the public form: {errors}")


def confidential_answers(today: date) -> dict[str, str]:
    """A fictional source's answers to the confidential form: a journalist threatened three days ago."""
    incident_day = today - timedelta(days=3)
    return {
        "perpetrators": f"{FICTION_NOTE} Plain-clothes officers of a regional police unit.",
        "risk_now": (
            "Lina Exampleton was told her home would be searched this week; she fears arrest and the seizure "
            "of her sources' contacts."
        ),
        "urgency": "imminent",
        "steps_taken": "A complaint to the regional prosecutor, unanswered so far.",
        "context": "Two other reporters of the same fictional network were questioned last year.",
        "consents_to_naming_to_government": "yes",
        # She does not consent to be named in public: the public version will show the placeholder instead.
        "consents_to_naming_in_public": "no",
        "submitter_relationship": "A colleague",
        "preferred_contact": "codename",
        "language": "en",
        **_formset_data(
            "persons",
            [
                {
                    "name": "Lina Exampleton",
                    "gender": "woman",
                    "age": 34,
                    "profession": "investigative journalist",
                    "organisation": "Fictional Press Freedom Network",
                    "activities": "Reports on public procurement and the police.",
                }
            ],
        ),
        **_formset_data(
            "incidents",
            [
                {
                    "day": incident_day.day,
                    "month": incident_day.month,
                    "year": incident_day.year,
                    "place": "the regional capital",
                    "account": (
                        f"{FICTION_NOTE} Two officers stopped her outside her office, named her sources and "
                        "told her to stop publishing."
                    ),
                }
            ],
        ),
    }


INFORMATION_ANSWERS = {
    "country": "Fictional Republic",
    "subject": "Fictional: a new law on foreign funding of associations",
    "information": (
        f"{FICTION_NOTE} A draft law would oblige every association receiving funds from abroad to register as "
        "a foreign agent; the second reading is next month."
    ),
    "language": "en",
}

MEETING_ANSWERS = {
    "name": "Fictional Defenders Coalition",
    "country": "Fictional Republic",
    "email": "coalition@example.org",
    "meet_with": "rapporteur",
    "topic": f"{FICTION_NOTE} The situation of environmental defenders before the coming elections.",
    "format": "online",
    "preferred_dates": "Any weekday morning in the next three weeks",
    "time_zone": "UTC+1",
    "language": "en",
}


def _label(submission: Submission, key: str) -> None:
    # The demo's one write past the actions: a stable id, so that loading again finds it rather than adding one.
    # The id names nothing of the content, which stays sealed as the form sealed it.
    Submission.objects.filter(pk=submission.pk).update(uid=demo_uid(f"workspace/submission/{key}"))


def _received(key: str) -> bool:
    return Submission.objects.filter(uid=demo_uid(f"workspace/submission/{key}")).exists()


def ensure_demo_submissions(today: date) -> list[str]:
    """Send what is missing of a confidential submission, a submission of information and a meeting request,
    each left new; says how a newcomer follows up the confidential one as its source."""
    notes = []
    if not _received("confidential"):
        data = confidential_answers(today)
        form = source_forms.ConfidentialSubmissionForm(data)
        persons = source_forms.PersonsFormSet(data, prefix="persons")
        incidents = source_forms.IncidentsFormSet(data, prefix="incidents")
        _valid(form, persons, incidents)
        receipt = sources.receive_submission(
            kind=Submission.Kind.CONFIDENTIAL,
            content=source_forms.confidential_content(form, persons, incidents),
            prepared_files=[],
            language="en",
            with_codename=True,
        )
        _label(receipt.submission, "confidential")
        with translation.override("en"):
            follow_up = reverse("intake:follow_up")
        notes.append(
            f"Demo source (shown once): follow up the confidential submission at {follow_up} with the codename "
            f"“{receipt.codename}”."
        )
    for key, kind, form_class, answers in [
        ("information", Submission.Kind.GENERAL, source_forms.GeneralSubmissionForm, INFORMATION_ANSWERS),
        ("meeting", Submission.Kind.MEETING, source_forms.MeetingRequestForm, MEETING_ANSWERS),
    ]:
        if _received(key):
            continue
        simple_form = form_class(answers)
        _valid(simple_form)
        receipt = sources.receive_submission(
            kind=kind,
            content=source_forms.sealed_answers(simple_form),
            prepared_files=[],
            language="en",
            with_codename=False,
        )
        _label(receipt.submission, key)
    return notes


def share_with(user: User) -> int:
    """Seal every stored submission to the user's key with the demo's recovery key, as `defenders keys grant`
    does: an officer whose key was made after the submissions arrived can read them too. Returns how many."""
    path = settings.DEFENDERS_KEY_DIR / RECOVERY_KEY_FILE
    if not StaffKey.objects.filter(user=user).exists() or not path.is_file():
        return 0
    private_key = recovery.private_key_from_b64(path.read_text().strip())
    current = OfficeKey.objects.current()
    if current is None or bytes(private_key.public_key) != bytes(current.public_key):
        return 0  # the recovery key was rotated since: the file is no longer the office's key
    return staff_keys.grant_access(user, recovery_private_key=private_key)
