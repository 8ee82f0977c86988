"""The public cache with a moving clock: a cached page never shows a letter before its moment and shows it from that
moment; withholding, a withdrawn consent or a reply reaches every cached surface at once; staff figures are kept
apart from public ones."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from defenders.analytics import figures
from defenders.cases.actions import update_person
from defenders.cases.models import CasePerson
from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions, embargo
from defenders.press.actions import draft_press_release, schedule_press_release
from defenders.publication.cache import cached, public_cache_key, public_cache_timeout

from .conftest import FIRST_SENT, LATER, SECOND_PUBLIC

EVENING_BEFORE = SECOND_PUBLIC - timedelta(seconds=30)

SURFACES = (
    "/",
    "/communications/",
    "/statistics/addressees/",
    "/statistics/addressees.csv",
    "/statistics/map/",
)


def warm(client, paths):
    return {path: client.get(path).content.decode() for path in paths}


@pytest.mark.django_db
def test_a_cached_page_never_shows_a_letter_before_its_moment_and_shows_it_from_then(client, letters):
    first, second = letters
    with time_machine.travel(EVENING_BEFORE):
        before = warm(client, (*SURFACES, first.get_absolute_url()))
        assert client.get(second.get_absolute_url()).status_code == 404
        assert client.get(f"{second.get_absolute_url()}letter/").status_code == 404
        assert public_cache_timeout() <= 30
    assert "second letter" not in before["/communications/"]
    assert "TUR" not in before["/statistics/addressees.csv"]
    # Within the minute after 00:00 (the clock keeps running): every surface already shows it.
    with time_machine.travel(SECOND_PUBLIC + timedelta(seconds=1)):
        after = warm(client, (*SURFACES, second.get_absolute_url()))
        assert client.get(f"{second.get_absolute_url()}letter/").status_code == 200
    assert "second letter" in after["/communications/"]
    assert "second letter" in after["/"]
    assert "TUR" in after["/statistics/addressees.csv"]
    assert "second letter" in after[second.get_absolute_url()]


@pytest.mark.django_db
def test_a_page_asked_again_is_answered_from_the_cache(client, letters):
    first, _ = letters
    with time_machine.travel(LATER):
        assert client.get(first.get_absolute_url()).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            again = client.get(first.get_absolute_url())
    assert again.status_code == 200
    assert "first letter" in again.content.decode()
    assert len(queries) <= 2  # the version of the public data, nothing else


@pytest.mark.django_db
def test_withholding_a_public_communication_removes_it_at_once_from_every_cached_surface(client, letters):
    _, second = letters
    letter = f"{second.get_absolute_url()}letter/"
    with time_machine.travel(LATER):
        before = warm(client, (*SURFACES, second.get_absolute_url(), letter))
        assert "second letter" in before["/communications/"]
        assert "TUR" in before["/statistics/addressees.csv"]
        actions.withhold_communication(second, reason="a new risk to the defender", by=None)
        assert client.get(second.get_absolute_url()).status_code == 404
        assert client.get(letter).status_code == 404
        after = warm(client, SURFACES)
    for path in ("/", "/communications/"):
        assert "second letter" not in after[path]
    assert "TUR" not in after["/statistics/addressees.csv"]
    assert "first letter" in after["/communications/"]


@pytest.mark.django_db
def test_a_withdrawn_consent_removes_the_name_from_the_cached_page_at_once(
    client, make_communication, concerning
):
    communication = make_communication(
        sent_on=FIRST_SENT, full_text="Excellency, Ms. Nadia Example was detained."
    )
    person = concerning(communication, "Nadia Example", named_in_public=True)
    with time_machine.travel(LATER):
        assert "Nadia Example" in client.get(f"{communication.get_absolute_url()}letter/").content.decode()
        link = CasePerson.objects.get(person=person)
        update_person(link, by=None, consents_to_naming_in_public=False)
        shown = client.get(f"{communication.get_absolute_url()}letter/").content.decode()
    assert "Nadia Example" not in shown
    assert "[name withheld]" in shown


@pytest.mark.django_db
def test_a_reply_recorded_shows_on_the_cached_page_at_once(client, letters):
    first, _ = letters
    with time_machine.travel(LATER):
        assert "did not reply" in client.get(first.get_absolute_url()).content.decode()
        actions.record_reply(first, received_on=date(2024, 1, 20), kind="substantive", by=None)
        assert "replied on 20 January 2024" in client.get(first.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_staff_figures_are_kept_apart_from_public_ones(letters, make_communication):
    make_communication(code="FRA", sent_on=FIRST_SENT, withheld=True, withheld_reason="risk")
    with time_machine.travel(LATER):
        public = {row.key for row in figures.by_addressee(figures.Scope.PUBLIC)}
        staff = {row.key for row in figures.by_addressee(figures.Scope.STAFF)}
        public_again = {row.key for row in figures.by_addressee(figures.Scope.PUBLIC)}
    assert public == public_again == {"RUS", "TUR"}
    assert staff == {"RUS", "TUR", "FRA"}


@pytest.mark.django_db
def test_a_press_release_scheduled_today_bounds_the_lifetime(letters):
    first, _ = letters
    going_out = datetime(2024, 2, 1, 14, tzinfo=OFFICE_TIME_ZONE)
    release = draft_press_release(title="Experts alarmed", body="Text", communications=[first], by=None)
    with time_machine.travel(going_out - timedelta(minutes=1), tick=False):
        key_before = public_cache_key("page", "/")
        schedule_press_release(release, at=going_out, by=None)
        assert public_cache_key("page", "/") != key_before  # a change to public data
        assert public_cache_timeout() == 60
    with time_machine.travel(going_out + timedelta(seconds=1), tick=False):
        # Past the moment, the key changes even if the cache server's clock had not caught up.
        assert (
            public_cache_timeout()
            == embargo.next_publication_moment().timestamp() - going_out.timestamp() - 1
        )


@pytest.mark.django_db
def test_cached_keeps_an_answer_until_public_data_changes(letters):
    first, _ = letters
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    with time_machine.travel(LATER):
        assert cached(("answer",), compute) == 1
        assert cached(("answer",), compute) == 1
        actions.withhold_communication(first, reason="risk", by=None)
        assert cached(("answer",), compute) == 2
