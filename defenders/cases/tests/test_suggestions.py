"""“Suggest timeline”: the extractor's events offered on a case, from a pasted text or a filed submission the
officer has unlocked, accepted one by one through the action that adds an event."""

from pathlib import Path

import pytest
from django.test import Client

from conftest import OFFICER_PASSWORD
from defenders.cases import actions
from defenders.cases.models import Event
from defenders.core.history import reason_text
from defenders.intake.models import AccessRecord, Submission
from defenders.intake.tests.helpers import confidential_form

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "extraction" / "gold" / "russia-khamroev-2023.txt"
ACCOUNT = (
    "On 3 September 2023, police officers searched the home of Ms. Yildiz in Izmir. "
    "On the same day, she was taken into custody."
)


@pytest.fixture
def case(officer):
    return actions.create_case(by=officer, title="Bakhrom Khamroev")


def _url(case) -> str:
    return f"/staff/cases/{case.uid}/suggest-timeline/"


def test_the_case_page_links_to_the_suggestions(client, officer, case):
    client.force_login(officer)
    assert _url(case) in client.get(f"/staff/cases/{case.uid}/").content.decode()


def test_a_pasted_text_gives_suggestions_with_their_words_and_adds_nothing(client, officer, case):
    client.force_login(officer)
    response = client.post(_url(case), {"source": "text", "text": SEED.read_text(encoding="utf-8")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Appeal decision" in page or "appeal court" in page.lower()
    assert "On 10 October 2023, the Military Appellate Court reduced the sentence by three months" in page
    assert page.count("Accept this event") == len(response.context["suggestions"]) >= 13
    assert not case.events.exists()


def test_accepting_one_suggestion_adds_that_event_through_the_action(client, officer, case):
    client.force_login(officer)
    text = SEED.read_text(encoding="utf-8")
    suggestions = client.post(_url(case), {"source": "text", "text": text}).context["suggestions"]
    sentence = next(s for s in suggestions if s.event["kind"] == "sentence")
    response = client.post(_url(case), {"source": "text", "text": text, "accept": sentence.index})
    assert response.status_code == 200
    event = case.events.get()
    assert (event.kind, str(event.occurred_on), event.date_precision) == ("sentence", "2023-05-23", "day")
    assert event.court == "Second Western District Military Court"
    assert [(t.years, t.months) for t in event.terms.all()] == [(14, 0)]
    assert event.source_excerpt in text
    assert event.history.count() == 1
    assert reason_text(case.history.first().history_change_reason).startswith("Added event")
    page = response.content.decode()
    assert page.count("Accept this event") == len(suggestions) - 1
    # Accepting the same one again adds nothing.
    client.post(_url(case), {"source": "text", "text": text, "accept": sentence.index})
    assert case.events.count() == 1


def test_a_kind_the_case_file_lacks_is_kept_as_other_and_named(client, officer, case):
    client.force_login(officer)
    text = "In March 2022, the Ministry of Justice ordered the liquidation of the Homel Legal Aid Centre."
    client.post(_url(case), {"source": "text", "text": text, "accept": 0})
    event = case.events.get()
    assert event.kind == Event.Kind.OTHER
    assert event.summary.startswith("An organisation dissolved")
    assert (str(event.occurred_on), event.date_precision) == ("2022-03-01", "month")


def test_an_accept_beyond_the_suggestions_is_refused(client, officer, case):
    client.force_login(officer)
    response = client.post(_url(case), {"source": "text", "text": ACCOUNT, "accept": 7})
    assert response.status_code == 400
    assert not case.events.exists()


def test_an_empty_paste_is_refused_in_words(client, officer, case):
    client.force_login(officer)
    response = client.post(_url(case), {"source": "text", "text": "  "})
    assert response.status_code == 400
    assert "Paste the text to read" in response.content.decode()


def _filed_submission(case, officer) -> Submission:
    form = confidential_form(**{"incidents-0-account": ACCOUNT})
    assert Client().post("/submit/confidential/", form).status_code == 200
    submission = Submission.objects.latest("pk")
    actions.link_submission(case, submission, by=officer)
    return submission


def test_a_filed_submission_is_read_once_unlocked_and_the_reading_is_recorded(
    client, officer, case, recovery_key
):
    submission = _filed_submission(case, officer)
    client.force_login(officer)
    locked = client.post(_url(case), {"source": str(submission.uid)})
    assert locked.status_code == 302 and "/staff/unlock/" in locked["Location"]
    assert client.post("/staff/unlock/", {"password": OFFICER_PASSWORD}).status_code == 302
    response = client.post(_url(case), {"source": str(submission.uid)})
    kinds = [(s.event["date"], s.event["kind"]) for s in response.context["suggestions"]]
    assert kinds == [("2023-09-03", "search"), ("2023-09-03", "detention")]
    assert AccessRecord.objects.filter(submission=submission, user=officer, action="read").exists()
    client.post(_url(case), {"source": str(submission.uid), "accept": 1})
    assert case.events.get().kind == "detention"


def test_a_submission_not_filed_under_the_case_cannot_be_chosen(client, officer, case, recovery_key):
    other = actions.create_case(by=officer, title="Another case")
    submission = _filed_submission(other, officer)
    client.force_login(officer)
    response = client.post(_url(case), {"source": str(submission.uid)})
    assert response.status_code == 400
    assert "suggestions" not in response.context or response.context["suggestions"] is None


@pytest.mark.parametrize(
    "posted",
    [
        {"source": "text", "text": "x" * 100_001},
        {"source": "text", "text": ACCOUNT, "accept": "first"},
        {"source": "text", "text": ACCOUNT, "accept": "-1"},
        {"source": "00000000-0000-0000-0000-000000000000"},
        {"source": "text", "text": "On 3 May 2020 \x00 he was arrested."},
    ],
)
def test_hostile_posts_are_refused_in_words_never_a_500(client, officer, case, posted):
    client.force_login(officer)
    response = client.post(_url(case), posted)
    assert response.status_code == 400
    assert not case.events.exists()
