"""The staff pages of cases, drafts and meetings in French and Arabic: no English word left anywhere on the page
(header, navigation, forms, choices, errors). Staff pages have no address prefix: the language comes from Django's language
cookie."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape

from defenders.addressees.models import Addressee
from defenders.cases.models import Case, CasePerson, Event, Person
from defenders.drafting import actions
from defenders.meetings import actions as meeting_actions
from tests.english_left import english_words_left
from tests.staff_language import staff_pages_in_cookie_language

from .conftest import mandate

LANGUAGES = ["fr", "ar"]


def _others_words() -> list[str]:
    from defenders.communications.models import Communication

    labels = [str(label) for _code, label in [*Communication.Type.choices, *Communication.Language.choices]]
    return [*labels, Addressee.state("TUR").formal_name, "[name withheld]"]


@pytest.fixture
def case(mandates):
    """Names and places only: a case's own words (titles, summaries) are the office's data, in no set language."""
    case = Case.objects.create(
        title="Leyla Demirtas", country=Addressee.state("TUR"), risk_level=Case.RiskLevel.HIGH
    )
    CasePerson.objects.create(
        case=case,
        person=Person.objects.create(name="Leyla Demirtas"),
        consents_to_naming_to_addressee=True,
        consents_to_naming_in_public=True,
    )
    Event.objects.create(
        case=case,
        kind=Event.Kind.ARREST,
        occurred_on=date(2023, 5, 14),
        place="Istanbul",
        summary="Istanbul.",
    )
    Event.objects.create(
        case=case,
        kind=Event.Kind.SENTENCE,
        occurred_on=date(2024, 3, 1),
        date_precision=Event.Precision.MONTH,
        summary="Istanbul.",
    )
    Event.objects.create(
        case=case, kind=Event.Kind.THREAT, date_precision=Event.Precision.UNKNOWN, summary="—"
    )
    return case


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_case_draft_and_meeting_pages_have_no_english_left(start_draft, case, officer, language):
    draft = start_draft()
    actions.request_sign_off(draft, by=officer)
    meeting_actions.open_meeting(case=case, by=None)
    client = Client()
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    meeting = case.meetings.get()
    pages = [
        "/staff/cases/",
        "/staff/cases/?q=nothing",
        case.get_absolute_url(),
        "/staff/drafts/",
        f"/staff/drafts/{draft.uid}/",
        f"/staff/drafts/{draft.uid}/edit/",
        f"/staff/drafts/{draft.uid}/sign-off/{mandate('SR HRDs').pk}/",
        "/staff/meetings/",
        f"/staff/meetings/{meeting.uid}/",
    ]
    left = {}
    with staff_pages_in_cookie_language():
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, path
            words = english_words_left(whole_page(response.content.decode()))
            if words:
                left[path] = words
        # The form's errors too, in the language: an edit with an empty addressee and no actor.
        errors = client.post(f"/staff/meetings/{meeting.uid}/decline/", {"reason": ""}, follow=True)
        words = english_words_left(whole_page(errors.content.decode()))
        if words:
            left["decline"] = words
    assert left == {}, (language, left)


@pytest.mark.django_db
def test_event_dates_name_their_month_in_the_language(case):
    from django.utils import translation

    sentence = case.events.get(kind=Event.Kind.SENTENCE)
    arrest = case.events.get(kind=Event.Kind.ARREST)
    assert (sentence.date_display, arrest.date_display) == ("March 2024", "14 May 2023")
    with translation.override("fr"):
        assert (sentence.date_display, arrest.date_display) == ("mars 2024", "14 mai 2023")
    with translation.override("ru"):
        assert arrest.date_display.startswith("14 ") and "May" not in arrest.date_display


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_versions_library_and_signatories_pages_have_no_english_left_on_the_whole_page(
    start_draft, case, officer, language
):
    from defenders.drafting.models import LawParagraph, StandardQuestion

    draft = start_draft()
    actions.save_version(draft, {"opening": "Excellence,"}, by=officer, note="")
    law, question = LawParagraph.objects.first(), StandardQuestion.objects.first()
    assert law is not None and question is not None
    client = Client()
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = [
        f"/staff/drafts/new/?case={case.uid}",
        f"/staff/drafts/{draft.uid}/versions/",
        f"/staff/drafts/{draft.uid}/compare/?a=1&b=2",
        f"/staff/drafts/{draft.uid}/signatories/",
        "/staff/drafts/library/law/",
        "/staff/drafts/library/questions/",
        "/staff/drafts/library/law/new/",
        "/staff/drafts/library/questions/new/",
        f"/staff/drafts/library/law/{law.pk}/",
        f"/staff/drafts/library/questions/{question.pk}/",
    ]
    left = {}
    with staff_pages_in_cookie_language():
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, path
            if words := english_words_left(whole_page(response.content.decode())):
                left[path] = words
    assert left == {}, (language, left)


def whole_page(html: str) -> str:
    """The whole page, header and navigation included, less what is data rather than interface: the letter's own
    text (compared or edited, in the letter's language), the library's entries (the office's standard English
    paragraphs, which go into letters as they are) and the audit trail's recorded reasons."""
    html = re.sub(r'<section class="audit-trail".*?</section>', "", html, flags=re.S)
    html = re.sub(r"(<textarea\b[^>]*>).*?</textarea>", r"\1</textarea>", html, flags=re.S)
    html = re.sub(r"(<table class=\"drafting-diff\">.*?<tbody>).*?(</tbody>)", r"\1\2", html, flags=re.S)
    for foreign in _others_words():
        html = html.replace(escape(foreign), "")
    return html
