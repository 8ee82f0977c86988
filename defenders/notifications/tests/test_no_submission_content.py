"""No notification ever carries a submission's content: a real confidential submission goes through the intake,
its case and letter go through every event and the daily run, and none of its words is in any email."""

from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

from django.core import mail
from django.core.management import call_command

from defenders.addressees.models import Addressee
from defenders.cases.models import Case
from defenders.clock import office_today
from defenders.communications import actions
from defenders.core.events import reply_recorded, sign_off_decided, sign_off_requested
from defenders.intake.models import Submission
from defenders.intake.tests.helpers import confidential_form
from defenders.mandates.models import Mandate

from .conftest import a_sign_off, cases_with_officers

# What the source wrote, in the words of the form (defenders/intake/tests/helpers.py).
SOURCE_WROTE = [
    "Leyla",
    "Leyla Defender",
    "lawyer",
    "Capital city",
    "arrested at her office",
    "Police unit 5",
    "incommunicado",
    "imminent",
]


def test_no_email_of_any_event_contains_a_word_of_the_submission(
    client, recovery_key, officer, mandate_holder, make_communication, committed, tasks_run_at_once
):
    form = confidential_form()
    assert client.post("/submit/confidential/", form).status_code == 200
    submission = Submission.objects.get()
    assert submission.kind == "confidential" and submission.status == "new"
    # Staff quote the submission where they work: in the case, a sign-off comment, a reply's summary.
    case = Case.objects.create(title="Case 17", country=Addressee.state("RUS"))
    submission.case = case
    submission.save()
    letter = make_communication(
        sent_on=office_today() - timedelta(days=59),
        type="UA",
        reference="UA RUS 9/2026",
        title="arbitrary detention",
    )
    letter.cases.add(case)
    quoted = "Leyla Defender was arrested at her office by Police unit 5 and is held incommunicado."
    draft = make_communication(sent_on=None, title="detention of a defender", signers=("SR HRDs", "SR FoE"))
    hrds = Mandate.objects.get(short_name="SR HRDs")  # mary.rapporteur signs for it

    committed(sign_off_requested, sign_off=a_sign_off(draft, hrds, comment=quoted))
    for state in ("approved", "changes_requested"):
        committed(
            sign_off_decided,
            sign_off=a_sign_off(draft, hrds, state=state, requested_by=officer, comment=quoted),
        )
    reply = actions.record_reply(letter, received_on=office_today(), summary=quoted)
    committed(reply_recorded, reply=reply)
    with_officer = SimpleNamespace(
        uid=letter.uid, title=letter.title, reference=letter.reference, cases=cases_with_officers(officer)
    )
    committed(sign_off_decided, sign_off=a_sign_off(with_officer, hrds, state="approved", comment=quoted))
    call_command("notify", "daily", stdout=StringIO())

    subjects = {message.subject.split(":")[0].split(" ")[0] for message in mail.outbox}
    assert {"Sign-off", "SR", "Reply", "Today", "Public"} <= subjects, subjects
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        for words in SOURCE_WROTE:
            assert words.lower() not in text.lower(), (words, message.subject)
