"""The staff list's states and windows agree with embargo.py, day by day, and the countdown reads as staff say it."""

from datetime import date, datetime, timedelta

import pytest
import time_machine

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions, embargo, states
from defenders.communications.models import Communication

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=OFFICE_TIME_ZONE)


@pytest.fixture
def letters(make_communication):
    """An allegation letter (public from 24 December 2023), an other letter sent on a Friday (public from the
    Tuesday), a withheld urgent appeal, an answered letter, and a draft."""
    answered = make_communication(code="TUR", sent_on=date(2023, 11, 20), title="answered")
    actions.record_reply(answered, received_on=date(2023, 12, 1), by=None)
    return [
        make_communication(code="RUS", sent_on=date(2023, 10, 25), title="allegation"),
        make_communication(code="BLR", type="OL", sent_on=date(2023, 12, 15), title="other letter"),
        make_communication(
            code="IRN", type="UA", sent_on=date(2023, 11, 1), withheld=True, withheld_reason="A trial is on."
        ),
        answered,
        make_communication(code="EGY", sent_on=None, title="draft"),
    ]


def expected(letters, moment: datetime) -> dict[str, set[str]]:
    def public_from(one):
        return embargo.public_from(one)

    today = moment.date()
    return {
        "draft": {one.title for one in letters if one.sent_on is None},
        "sent": {one.title for one in letters if one.sent_on is not None},
        "public": {one.title for one in letters if embargo.is_public(one, at=moment)},
        "embargoed": {one.title for one in letters if public_from(one) and public_from(one) > moment},
        "withheld": {one.title for one in letters if one.withheld},
        "unanswered": {
            one.title
            for one in letters
            if one.sent_on is not None
            and embargo.first_public_day(one.type, one.sent_on) <= today
            and not one.replies.exists()
        },
        "public_within_7": {
            one.title
            for one in letters
            if public_from(one) and moment < public_from(one) <= moment + timedelta(days=7)
        },
    }


def test_every_state_and_window_agrees_with_embargo_day_by_day(letters):
    day = date(2023, 10, 20)
    while day <= date(2024, 1, 25):
        for moment in (at(day), at(day, 23, 59)):
            everything = Communication.objects.all()
            got = {
                state: {one.title for one in states.in_state(everything, state, moment)}
                for state in states.STATES
            }
            got["public_within_7"] = {one.title for one in states.public_within(everything, 7, moment)}
            assert got == expected(letters, moment), moment
        day += timedelta(days=1)


def test_state_of_one_communication_agrees_with_the_list(letters):
    moment = at(date(2023, 12, 20), 12)
    for one in letters:
        word = states.state_of(one, moment)
        assert states.in_state(Communication.objects.filter(pk=one.pk), word, moment).exists(), (one, word)


def test_sent_within_counts_today_and_the_days_before(make_communication):
    today = date(2024, 3, 6)
    for days_ago in range(4):
        make_communication(
            code="TUR", type="UA", sent_on=today - timedelta(days=days_ago), title=f"{days_ago}"
        )
    found = states.sent_within(Communication.objects.all(), 2, at(today, 10))
    assert {one.title for one in found} == {"0", "1"}


def test_countdown_names_the_day_the_hour_and_the_days_left():
    public_on = at(date(2023, 12, 24))
    assert (
        states.countdown(public_on, at(date(2023, 12, 12), 15))
        == "Public on 24 December 2023 at 00:00 Geneva time — in 12 days"
    )
    assert states.countdown(public_on, at(date(2023, 12, 23), 9)).endswith("— tomorrow")
    assert states.countdown(public_on, at(date(2023, 12, 24), 9)) == (
        "Public since 24 December 2023 at 00:00 Geneva time"
    )


def test_the_list_filters_by_state_on_the_office_clock(client, officer, letters):
    client.force_login(officer)
    with time_machine.travel(at(date(2023, 12, 23), 23, 59), tick=False):
        embargoed = client.get("/staff/communications/?state=embargoed").content.decode()
    assert "allegation" in embargoed
    with time_machine.travel(at(date(2023, 12, 24)), tick=False):
        embargoed = client.get("/staff/communications/?state=embargoed").content.decode()
        public = client.get("/staff/communications/?state=public").content.decode()
    assert "allegation" not in embargoed
    assert "allegation" in public


def test_an_unreadable_filter_filters_nothing_and_an_empty_result_says_so(client, officer, letters):
    client.force_login(officer)
    response = client.get("/staff/communications/?state=nonsense&public_within=x&sent_within=-3")
    assert response.status_code == 200
    assert "allegation" in response.content.decode()
    empty = client.get("/staff/communications/?q=nothing-like-this")
    assert "No communication matches these filters" in empty.content.decode()
