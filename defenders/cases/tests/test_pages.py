"""The case pages: the list's filters and pagination, a case with everything linked to it, who may open them, the
edit pages, the theme vocabulary and the dashboard tiles."""

from datetime import date, timedelta

import pytest
from django.test import Client

from defenders.addressees.models import Addressee
from defenders.cases import actions
from defenders.cases.dashboard import tiles
from defenders.cases.models import Case, CasePerson, Event, Theme
from defenders.clock import office_today
from defenders.communications import actions as communication_actions
from defenders.press import actions as press_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, officer) -> Client:
    client.force_login(officer)
    return client


def _titles(response) -> list[str]:
    return [case.title for case in response.context["page"].object_list]


def _case(by, title: str, **fields) -> Case:
    return actions.create_case(by=by, title=title, **fields)


def test_the_list_filters_as_the_contract_says(signed_in, officer, mandate_holder):
    theme = Theme.objects.get(slug="judicial-harassment")
    russia = _case(officer, "Russia case", country=Addressee.state("RUS"), officer=officer)
    actions.set_themes(russia, [theme], by=officer)
    actions.add_person(russia, actions.PersonDetails(name="Bakhrom Khamroev"), by=officer)
    _case(
        officer,
        "Turkey case",
        country=Addressee.state("TUR"),
        officer=mandate_holder,
        summary="A lawyer held.",
    )
    _case(officer, "Due", status=Case.Status.FOLLOW_UP, follow_up_on=office_today())
    _case(
        officer, "Not yet due", status=Case.Status.FOLLOW_UP, follow_up_on=office_today() + timedelta(days=1)
    )
    _case(officer, "Closed one", status=Case.Status.CLOSED, officer=officer)

    def listed(query: str) -> set[str]:
        response = signed_in.get(f"/staff/cases/?{query}")
        assert response.status_code == 200
        return set(_titles(response))

    assert listed("") == {"Russia case", "Turkey case", "Due", "Not yet due"}
    assert listed("q=khamroev") == {"Russia case"}
    assert listed("q=lawyer") == {"Turkey case"}
    assert listed("country=tur") == {"Turkey case"}
    assert listed("theme=judicial-harassment") == {"Russia case"}
    assert listed("status=closed") == {"Closed one"}
    assert listed("status=all&officer=me") == {"Russia case", "Closed one"}
    assert listed("officer=me") == {"Russia case"}
    assert listed("officer=mary.rapporteur") == {"Turkey case"}
    assert listed("follow_up_due=1") == {"Due"}
    assert listed("theme=no-such-theme") == set()


def test_an_empty_list_says_so_and_a_filtered_one_says_why(signed_in, officer):
    assert "There are no open cases yet" in signed_in.get("/staff/cases/").content.decode()
    _case(officer, "One")
    assert "No case matches these filters" in signed_in.get("/staff/cases/?q=nothing").content.decode()


def test_the_list_is_paginated_by_25_keeping_the_filters(signed_in, officer):
    for number in range(30):
        _case(officer, f"Case {number:02}", officer=officer)
    first = signed_in.get("/staff/cases/?officer=me")
    assert len(_titles(first)) == 25
    assert "?officer=me&amp;page=2" in first.content.decode()
    assert len(_titles(signed_in.get("/staff/cases/?officer=me&page=2"))) == 5
    assert len(_titles(signed_in.get("/staff/cases/?page=99"))) == 5  # past the end: the last page


def test_the_case_page_shows_everything_linked_to_the_case(signed_in, officer, make_communication):
    case = _case(officer, "Leyla Defender", status=Case.Status.COMMUNICATION_SENT, risk_level="high")
    actions.add_person(
        case, actions.PersonDetails(name="Leyla Defender", consents_to_naming_to_addressee=True), by=officer
    )
    actions.add_organisation(case, name="Leyla's Centre", relation="founded by her", by=officer)
    actions.set_themes(case, [Theme.objects.get(slug="arbitrary-detention")], by=officer)
    actions.add_event(
        case,
        actions.EventDetails(
            kind=Event.Kind.ARREST, summary="Arrested at home.", occurred_on=date(2024, 3, 2)
        ),
        by=officer,
    )
    actions.add_event(
        case,
        actions.EventDetails(kind=Event.Kind.THREAT, summary="Threatened.", date_precision="unknown"),
        by=officer,
    )
    communication = make_communication(title="detention of a lawyer")
    communication.cases.add(case)
    communication_actions.record_reply(
        communication, received_on=date(2023, 12, 1), summary="Denied.", by=None
    )
    press_actions.draft_press_release(title="Experts alarmed", body="Geneva.", cases=[case], by=None)

    page = signed_in.get(case.get_absolute_url()).content.decode()
    for expected in (
        "Communication sent",
        "High",
        "Leyla&#x27;s Centre",
        "founded by her",
        "Arbitrary detention",
        "Yes, consented",
        "No: redacted in public",
        '<svg xmlns="http://www.w3.org/2000/svg" role="img"',
        "2 March 2024</time>: Arrest",
        "Events whose date is unknown",
        f'href="/staff/communications/{communication.uid}/"',
        "detention of a lawyer",
        "Substantive reply, received 1 December 2023",
        "Experts alarmed",
        f'href="/staff/drafts/new/?case={case.uid}"',
        "Added person Leyla Defender",  # the audit trail
    ):
        assert expected in page, expected


@pytest.mark.parametrize("role", ["co_signer", "analyst"])
def test_co_signers_and_analysts_may_not_open_case_pages(client, officer, role, request):
    case = _case(officer, "A case")
    client.force_login(request.getfixturevalue(role))
    for url in ("/staff/cases/", case.get_absolute_url(), "/staff/cases/new/", "/staff/cases/themes/"):
        assert client.get(url).status_code == 403, url
    assert not tiles(request.getfixturevalue(role))


def test_an_unknown_case_is_404(signed_in):
    assert signed_in.get("/staff/cases/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_open_a_case_from_scratch_and_edit_it(signed_in, officer):
    response = signed_in.post(
        "/staff/cases/new/",
        {
            "title": "New case",
            "status": "open",
            "risk_level": "critical",
            "officer": officer.pk,
            "themes": [Theme.objects.get(slug="lawyers").pk],
        },
    )
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert [theme.slug for theme in case.themes.all()] == ["lawyers"]
    response = signed_in.post(
        f"/staff/cases/{case.uid}/edit/",
        {"title": "Renamed", "status": "follow_up", "risk_level": "high", "follow_up_on": "2031-02-03"},
    )
    case.refresh_from_db()
    assert (case.title, case.follow_up_on, case.themes.count()) == ("Renamed", date(2031, 2, 3), 0)
    assert signed_in.post(f"/staff/cases/{case.uid}/edit/", {"title": ""}).status_code == 400


def test_persons_events_and_removals_through_the_pages(signed_in, officer):
    case = _case(officer, "A case")
    signed_in.post(
        f"/staff/cases/{case.uid}/persons/new/",
        {"name": "Leyla", "role": "defender", "consents_to_naming_in_public": "on"},
    )
    link = CasePerson.objects.get(case=case)
    assert link.consents_to_naming_in_public and not link.consents_to_naming_to_addressee
    response = signed_in.post(
        f"/staff/cases/{case.uid}/events/new/",
        {
            "kind": "sentence",
            "occurred_on": "2024-05-17",
            "date_precision": "year",
            "summary": "Sentenced.",
            "persons": [link.person.pk],
            "provisions-TOTAL_FORMS": "2",
            "provisions-INITIAL_FORMS": "0",
            "provisions-0-code": "Criminal Code",
            "provisions-0-article": "205.5-2",
            "terms-TOTAL_FORMS": "1",
            "terms-INITIAL_FORMS": "0",
            "terms-0-years": "14",
            "terms-0-regime": "penal colony",
        },
    )
    assert response.status_code == 302
    event = case.events.get()
    assert (event.date_display, [str(t) for t in event.terms.all()]) == ("2024", ["14 years (penal colony)"])
    assert list(event.persons.all()) == [link.person]
    # A removal is confirmed: an empty post removes nothing.
    assert signed_in.post(f"/staff/cases/{case.uid}/persons/{link.pk}/remove/").status_code == 400
    assert (
        signed_in.post(f"/staff/cases/{case.uid}/persons/{link.pk}/remove/", {"confirm": "on"}).status_code
        == 302
    )
    assert not CasePerson.objects.exists()
    signed_in.post(f"/staff/cases/{case.uid}/events/{event.pk}/delete/", {"confirm": "on"})
    assert not Event.objects.exists()


def test_an_event_page_refuses_a_damaged_formset_in_words(signed_in, officer):
    case = _case(officer, "A case")
    response = signed_in.post(
        f"/staff/cases/{case.uid}/events/new/",
        {"kind": "arrest", "summary": "S", "date_precision": "unknown"},
    )
    assert response.status_code == 400
    assert "damaged" in response.content.decode()


def test_themes_are_added_renamed_and_retired_through_the_pages(signed_in):
    signed_in.post("/staff/cases/themes/", {"name": "Students"})
    theme = Theme.objects.get(name="Students")
    signed_in.post(f"/staff/cases/themes/{theme.slug}/", {"action": "rename", "name": "Student defenders"})
    signed_in.post(f"/staff/cases/themes/{theme.slug}/", {"action": "retire"})
    theme.refresh_from_db()
    assert (theme.name, theme.slug, theme.is_active) == ("Student defenders", "students", False)
    offered = signed_in.get("/staff/cases/new/").context["form"].fields["themes"].queryset
    assert theme not in offered


def test_dashboard_tiles_count_my_open_cases_and_follow_ups_due(officer):
    _case(officer, "Mine", officer=officer)
    _case(officer, "Mine but closed", officer=officer, status=Case.Status.CLOSED)
    _case(officer, "Due", status=Case.Status.FOLLOW_UP, follow_up_on=office_today() - timedelta(days=3))
    mine, due = tiles(officer)
    assert (mine.label, mine.count, mine.url) == ("My cases", 1, "/staff/cases/?officer=me")
    assert (due.count, due.url, due.urgent) == (1, "/staff/cases/?follow_up_due=1", True)
