"""The case file's staff pages in French and Arabic: no English word left anywhere on the page (header, navigation,
forms, their choices and errors), and the dashboard's tiles of cases, drafts and meetings in the language. Staff
pages have no address prefix: the language comes from Django's language cookie."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape

from conftest import OFFICER_PASSWORD
from defenders.addressees.models import Addressee
from defenders.cases import actions
from defenders.cases.models import Case, CasePerson, Event, Person
from defenders.intake.models import Submission
from defenders.intake.tests.helpers import confidential_form
from tests.english_left import english_words_left
from tests.staff_language import staff_pages_in_cookie_language

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "ar"]
# Only names, places and dates: the office's own words (titles, summaries) are its data, in no set language.
ACCOUNT = "3 septembre 2023, Izmir."


@pytest.fixture
def case(mandates, officer):
    case = actions.create_case(by=officer, title="Leyla Demirtas", country=Addressee.state("TUR"))
    CasePerson.objects.create(case=case, person=Person.objects.create(name="Leyla Demirtas"))
    Event.objects.create(
        case=case, kind=Event.Kind.ARREST, occurred_on=date(2023, 5, 14), place="Izmir", summary="Izmir."
    )
    return case


def _in(language: str, client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _english_left(client: Client, path: str, data: dict | None = None) -> list[str]:
    response = client.post(path, data) if data is not None else client.get(path)
    assert response.status_code in (200, 400), (path, response.status_code)
    # The audit trail lists the history's reasons as they were recorded (the workspace's include): data, not text.
    html = re.sub(r'<section class="audit-trail".*?</section>', "", response.content.decode(), flags=re.S)
    return english_words_left(html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_case_forms_and_themes_have_no_english_left(client, officer, case, language):
    client.force_login(officer)
    _in(language, client)
    theme = actions.add_theme("Environnement", by=officer)
    link = case.caseperson_set.get()
    event = case.events.get()
    pages = [
        "/staff/cases/new/",
        f"/staff/cases/{case.uid}/edit/",
        "/staff/cases/themes/",
        f"/staff/cases/themes/{theme.slug}/",
        f"/staff/cases/{case.uid}/persons/new/",
        f"/staff/cases/{case.uid}/persons/{link.pk}/remove/",
        f"/staff/cases/{case.uid}/events/new/",
        f"/staff/cases/{case.uid}/events/{event.pk}/",
        f"/staff/cases/{case.uid}/suggest-timeline/",
    ]
    left = {}
    with staff_pages_in_cookie_language():
        for path in pages:
            if words := _english_left(client, path):
                left[path] = words
        # The refusals in the language too: an empty theme's name, an empty paste, a retired theme.
        posted = {
            "/staff/cases/themes/": {"name": ""},
            f"/staff/cases/{case.uid}/suggest-timeline/": {"source": "text", "text": " "},
            f"/staff/cases/{case.uid}/events/new/": {"kind": "arrest", "date_precision": "day"},
        }
        for path, data in posted.items():
            if words := _english_left(client, path, data):
                left[f"POST {path}"] = words
    assert left == {}, (language, left)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_suggested_timeline_speaks_the_language(client, officer, case, language):
    client.force_login(officer)
    _in(language, client)
    url = f"/staff/cases/{case.uid}/suggest-timeline/"
    text = "On 3 September 2023, police officers searched the home of Ms. Yildiz in Izmir."
    with staff_pages_in_cookie_language():
        response = client.post(url, {"source": "text", "text": text})
        suggestions = response.context["suggestions"]
        assert suggestions
        page = response.content.decode()
        # The source's own words are quoted in their language: the blockquote is the text, not the interface.
        interface = page.replace(text, "").replace("police officers searched the home of Ms. Yildiz", "")
        assert english_words_left(interface) == [], language
        accepted = client.post(url, {"source": "text", "text": text, "accept": 0}, follow=True)
    assert str(Event.Kind(suggestions[0].details.kind).label) in accepted.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_opening_a_case_from_a_submission_speaks_the_language(client, officer, recovery_key, language):
    response = Client().post(
        "/submit/confidential/",
        confidential_form(
            **{
                "incidents-TOTAL_FORMS": "2",
                "incidents-1-account": "Izmir.",
                "context": "Izmir.",
                "persons-0-gender": "F",
                "persons-0-age": "34",
            }
        ),
    )
    assert response.status_code == 200
    submission = Submission.objects.latest("pk")
    client.force_login(officer)
    assert client.post("/staff/unlock/", {"password": OFFICER_PASSWORD}).status_code == 302
    _in(language, client)
    with staff_pages_in_cookie_language():
        page = client.get(f"/staff/cases/new/from/{submission.uid}/").content.decode()
    # What the source wrote stays in their words; the page around it, the labels of their answers included, is in
    # the language.
    assert english_words_left(page) == [], language
    assert ">gender<" not in page and ">age<" not in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dashboard_tiles_of_cases_drafts_and_meetings_are_in_the_language(
    client, officer, mandate_holder, case, language
):
    from django.utils import translation

    from defenders.workspace.tiles import tiles_for

    case.status, case.follow_up_on, case.officer = Case.Status.FOLLOW_UP, date(2020, 1, 1), officer
    case.save()
    for user in (officer, mandate_holder):
        client.force_login(user)
        _in(language, client)
        with staff_pages_in_cookie_language():
            page = client.get("/staff/").content.decode()
        with translation.override("en"):
            english = {tile.url: tile.label for tile in tiles_for(user)}
        with translation.override(language):
            shown = {tile.url: tile.label for tile in tiles_for(user)}
        ours = [
            url for url in english if url.startswith(("/staff/cases/", "/staff/drafts/", "/staff/meetings/"))
        ]
        assert ours
        for url in ours:
            assert shown[url] != english[url] and escape(shown[url]) in page and english[url] not in page, url
    # Between them, the two staff members see the tiles of all three apps.
    seen = {
        url.split("/")[2] for user in (officer, mandate_holder) for url in (t.url for t in tiles_for(user))
    }
    assert {"cases", "drafts", "meetings"} <= seen
