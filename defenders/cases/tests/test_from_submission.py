"""Opening a case from a submission: only what the officer ticked is copied, never the source's own details, and
the submission is filed and marked accepted through the intake's action; linking and unlinking later."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import OFFICER_PASSWORD
from defenders.cases import actions
from defenders.cases.models import Case, CaseOrganisation, Event, Person
from defenders.intake.models import AccessRecord, Submission
from defenders.intake.tests.helpers import confidential_form

pytestmark = pytest.mark.django_db

SOURCE_NAME = "Samira Source"
SOURCE_CONTACT = "samira.source@example.org"


def _submit(**overrides) -> Submission:
    form = confidential_form(
        **{
            "persons-TOTAL_FORMS": "2",
            "persons-1-name": "Omar Witness",
            "persons-1-organisation": "Omar's Legal Aid Centre",
            "incidents-TOTAL_FORMS": "2",
            "incidents-1-day": "12",
            "incidents-1-month": "5",
            "incidents-1-year": "2024",
            "incidents-1-place": "Court no. 3",
            "incidents-1-account": "She was charged under article 205.5.",
            "context": "A pattern of arrests.",
            "submitter_name": SOURCE_NAME,
            "submitter_organisation": "Source Watch",
            "preferred_contact": "email",
            "contact_details": SOURCE_CONTACT,
            **overrides,
        }
    )
    response = Client().post("/submit/confidential/", form)
    assert response.status_code == 200, response.content[-2000:]
    return Submission.objects.latest("pk")


@pytest.fixture
def unlocked(client, recovery_key, officer) -> Client:
    client.force_login(officer)
    assert client.post("/staff/unlock/", {"password": OFFICER_PASSWORD}).status_code == 302
    return client


def _url(submission: Submission) -> str:
    return f"/staff/cases/new/from/{submission.uid}/"


def test_the_page_shows_what_the_submission_says_but_never_the_source_s_own_details(unlocked):
    submission = _submit()
    page = unlocked.get(_url(submission)).content.decode()
    for shown in ("Leyla Defender", "Omar Witness", "She was charged under article 205.5.", "Police unit 5"):
        assert shown in page
    for hidden in (SOURCE_NAME, SOURCE_CONTACT, "Source Watch"):
        assert hidden not in page
    # The consents as the source gave them: yes to the Government, no to the public.
    assert 'name="person_0_to_addressee" id="id_person_0_to_addressee" checked' in page
    assert 'name="person_0_in_public" id="id_person_0_in_public">' in page


def test_only_what_is_ticked_is_copied_and_the_submission_is_accepted(unlocked, officer):
    submission = _submit()
    response = unlocked.post(
        _url(submission),
        {
            "title": "Leyla Defender: detention",
            "summary": "Not ticked, so not copied.",
            "person_0": "on",
            "person_0_role": "lawyer",
            "person_0_to_addressee": "on",
            "person_1_organisation": "on",  # the person herself is not ticked: her organisation is
            "incident_1": "on",
            "incident_1_kind": "charge",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert (case.summary, case.officer) == ("", officer)
    link = case.caseperson_set.get()
    assert (link.person.name, link.role) == ("Leyla Defender", "lawyer")
    assert (link.consents_to_naming_to_addressee, link.consents_to_naming_in_public) == (True, False)
    event = case.events.get()
    assert (event.kind, event.date_display, event.place) == ("charge", "12 May 2024", "Court no. 3")
    assert event.summary == "She was charged under article 205.5."
    assert [link.organisation.name for link in CaseOrganisation.objects.filter(case=case)] == [
        "Omar's Legal Aid Centre"
    ]
    submission.refresh_from_db()
    assert (submission.case, submission.status) == (case, Submission.Status.ACCEPTED)
    assert submission.access_records.filter(action=AccessRecord.Action.STATUS, user=officer).exists()
    copied = " ".join(
        [case.title, case.summary]
        + [f"{p.name} {p.professions} {p.focus}" for p in Person.objects.all()]
        + [f"{e.summary} {e.place} {e.source_excerpt}" for e in Event.objects.all()]
        + [
            f"{o.organisation.name} {o.relation}"
            for o in CaseOrganisation.objects.select_related("organisation")
        ]
    )
    for never in (SOURCE_NAME, SOURCE_CONTACT, "Source Watch", "Omar Witness", "Police unit 5"):
        assert never not in copied


def test_a_ticked_summary_is_copied(unlocked):
    submission = _submit()
    unlocked.post(_url(submission), {"title": "T", "copy_summary": "on", "summary": "She is held."})
    assert Case.objects.get().summary == "She is held."


def test_nothing_ticked_copies_nothing(unlocked):
    submission = _submit()
    unlocked.post(_url(submission), {"title": "Only a title"})
    case = Case.objects.get()
    assert not case.persons.exists() and not case.events.exists() and case.summary == ""


def test_a_refused_event_leaves_no_case_and_the_submission_as_it_was(unlocked):
    submission = _submit(**{"incidents-1-year": "1901", "incidents-1-day": "", "incidents-1-month": ""})
    response = unlocked.post(
        _url(submission), {"title": "T", "person_0": "on", "incident_1": "on", "incident_1_kind": "arrest"}
    )
    assert response.status_code == 400
    assert "Give a day between" in response.content.decode()
    assert not Case.objects.exists() and not Person.objects.exists()
    submission.refresh_from_db()
    assert (submission.case, submission.status) == (None, Submission.Status.NEW)


def test_a_locked_key_is_sent_to_unlock_and_back(client, recovery_key, officer):
    submission = _submit()
    client.force_login(officer)
    response = client.get(_url(submission))
    assert response["Location"] == f"/staff/unlock/?next=/staff/cases/new/from/{submission.uid}/"


def test_a_submission_filed_already_leads_to_its_case(unlocked, officer):
    submission = _submit()
    case = actions.create_case(by=officer, title="Earlier")
    actions.link_submission(case, submission, by=officer)
    response = unlocked.get(_url(submission))
    assert response["Location"] == case.get_absolute_url()


def test_link_refuses_a_submission_filed_under_another_case(recovery_key, officer):
    submission = _submit()
    first = actions.create_case(by=officer, title="First")
    second = actions.create_case(by=officer, title="Second")
    actions.link_submission(first, submission, by=officer)
    with pytest.raises(ValidationError, match="another case"):
        actions.link_submission(second, submission, by=officer)
    actions.unlink_submission(first, submission, by=officer)
    submission.refresh_from_db()
    assert submission.case is None and submission.status == Submission.Status.ACCEPTED
    with pytest.raises(ValidationError, match="not filed under this case"):
        actions.unlink_submission(first, submission, by=officer)


def test_link_refuses_a_reader_the_submission_is_not_sealed_to(recovery_key, officer, mandate_holder):
    submission = _submit()
    case = actions.create_case(by=officer, title="Case")
    with pytest.raises(ValidationError, match="not sealed to your key"):
        actions.link_submission(case, submission, by=mandate_holder)
    submission.refresh_from_db()
    assert submission.case is None


def test_the_inbox_page_offers_to_open_a_case(unlocked):
    submission = _submit()
    page = unlocked.get(f"/staff/inbox/{submission.uid}/").content.decode()
    assert f'href="/staff/cases/new/from/{submission.uid}/">Open a case from this submission' in page
