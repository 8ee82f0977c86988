"""The timeline on a public communication's page: the dated events its letter reports, by kind and date only."""

from datetime import date

import pytest
from django.test import Client

from defenders.cases import actions as case_actions
from defenders.cases.models import Case


@pytest.mark.django_db
def test_public_page_shows_the_reported_events_without_their_summaries(make_communication):
    communication = make_communication(sent_on=date(2023, 10, 25))
    case = case_actions.create_case(by=None, title="A defender detained")
    for kind, day in (
        ("arrest", date(2023, 3, 1)),
        ("sentence", date(2023, 9, 1)),
        ("release", date(2024, 2, 1)),
    ):
        case_actions.add_event(
            case,
            case_actions.EventDetails(kind=kind, summary="Leyla Secret was held.", occurred_on=day),
            by=None,
        )
    communication.cases.add(case)
    page = Client().get(communication.get_absolute_url()).content.decode()
    assert "Events reported in the communication" in page
    assert ">Arrest<" in page and ">Sentence<" in page
    # After sending: not reported by this letter. Summaries: never on the public page.
    assert "Release" not in page and "Leyla Secret" not in page


@pytest.mark.django_db
def test_no_events_no_timeline(make_communication):
    communication = make_communication(sent_on=date(2023, 10, 25))
    communication.cases.add(Case.objects.create(title="a case"))
    assert "Events reported" not in Client().get(communication.get_absolute_url()).content.decode()
