from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import embargo
from defenders.communications.models import Communication, Reply

GENEVA = OFFICE_TIME_ZONE


def letter(type="AL", sent_on=date(2023, 10, 25), withheld=False, exposes_withheld_name=False):
    return SimpleNamespace(
        type=type, sent_on=sent_on, withheld=withheld, exposes_withheld_name=exposes_withheld_name
    )


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=GENEVA)


def test_public_from_is_midnight_geneva_on_day_60_as_in_the_published_fixture():
    # The Khamroev summary: sent 25 October 2023, public from 24 December 2023.
    assert embargo.public_from(letter()) == at(date(2023, 12, 24))


def test_communication_is_not_public_on_day_59():
    day_59 = date(2023, 10, 25) + timedelta(days=59)
    assert not embargo.is_public(letter(), at=at(day_59, 23, 59))


def test_communication_is_public_from_the_first_minute_of_day_60():
    day_60 = date(2023, 10, 25) + timedelta(days=60)
    assert not embargo.is_public(letter(), at=at(day_60) - timedelta(seconds=1))
    assert embargo.is_public(letter(), at=at(day_60))


def test_communication_is_public_on_day_61():
    assert embargo.is_public(letter(), at=at(date(2023, 10, 25) + timedelta(days=61), 12))


def test_boundary_is_geneva_midnight_not_utc_midnight():
    # 23:30 UTC on 23 December is 00:30 in Geneva on the 24th (winter time, UTC+1).
    from datetime import UTC

    assert embargo.is_public(letter(), at=datetime(2023, 12, 23, 23, 30, tzinfo=UTC))
    assert not embargo.is_public(letter(), at=datetime(2023, 12, 22, 22, 59, tzinfo=UTC))


def test_urgent_appeal_follows_the_same_60_days():
    assert embargo.public_from(letter(type="UA")) == at(date(2023, 12, 24))


def test_other_letter_sent_on_friday_is_public_from_tuesday():
    friday = date(2024, 3, 1)
    assert friday.weekday() == 4
    ol = letter(type="OL", sent_on=friday)
    assert embargo.public_from(ol) == at(date(2024, 3, 5))
    assert not embargo.is_public(ol, at=at(date(2024, 3, 4), 23, 59))


def test_other_letter_sent_on_monday_is_public_from_wednesday():
    assert embargo.public_from(letter(type="OL", sent_on=date(2024, 3, 4))) == at(date(2024, 3, 6))


def test_unsent_communication_is_never_public():
    assert embargo.public_from(letter(sent_on=None)) is None
    assert not embargo.is_public(letter(sent_on=None), at=at(date(2099, 1, 1)))


def test_withheld_communication_is_never_public_whatever_the_date():
    assert embargo.public_from(letter(withheld=True)) is None
    assert not embargo.is_public(letter(withheld=True), at=at(date(2030, 1, 1)))


def reply(received_on, communication=None):
    return SimpleNamespace(received_on=received_on, communication=communication or letter())


def test_reply_received_before_publication_is_public_with_its_communication():
    early = reply(date(2023, 11, 20))
    assert embargo.reply_public_from(early) == at(date(2023, 12, 24))
    assert embargo.replied_within_period(early)


def test_reply_received_after_day_60_is_posted_on_receipt():
    late = reply(date(2024, 2, 2))
    assert embargo.reply_public_from(late) == at(date(2024, 2, 2))
    assert not embargo.replied_within_period(late)
    assert not embargo.is_reply_public(late, at=at(date(2024, 2, 1), 23))


def test_communication_whose_redacted_text_shows_a_withheld_name_is_never_public():
    assert embargo.public_from(letter(exposes_withheld_name=True)) is None
    assert embargo.reply_public_from(reply(date(2023, 11, 1), letter(exposes_withheld_name=True))) is None


def test_reply_to_withheld_communication_is_never_public():
    assert embargo.reply_public_from(reply(date(2023, 11, 1), letter(withheld=True))) is None


def test_last_public_sent_on_inverts_first_public_day_for_every_day_of_a_year():
    for letter_type in ("AL", "OL"):
        for offset in range(366):
            today = date(2024, 1, 1) + timedelta(days=offset)
            cutoff = embargo.last_public_sent_on(letter_type, today)
            assert embargo.first_public_day(letter_type, cutoff) <= today
            assert embargo.first_public_day(letter_type, cutoff + timedelta(days=1)) > today


@pytest.mark.parametrize("letter_type", ["AL", "UA", "OL"])
def test_public_queryset_agrees_with_the_rule_around_the_boundary(
    make_communication, concerning, letter_type
):
    sent = [date(2024, 3, 1) + timedelta(days=n) for n in range(-70, 5)]
    for day in sent:
        make_communication(type=letter_type, sent_on=day, code="TUR")
    make_communication(type=letter_type, sent_on=None, code="TUR")
    make_communication(
        type=letter_type, sent_on=date(2023, 1, 1), code="TUR", withheld=True, withheld_reason="x"
    )
    exposed = make_communication(
        type=letter_type, sent_on=date(2023, 1, 2), code="TUR", background="Li said so."
    )
    concerning(exposed, "Li Wei", named_in_public=False)
    for moment in [at(date(2024, 3, 4)), at(date(2024, 3, 5), 23, 59), at(date(2024, 5, 1))]:
        expected = {c.pk for c in Communication.objects.all() if embargo.is_public(c, at=moment)}
        assert set(Communication.objects.public(at=moment).values_list("pk", flat=True)) == expected


def test_public_reply_queryset_agrees_with_the_rule(make_communication):
    communication = make_communication(sent_on=date(2023, 10, 25))
    early = Reply.objects.create(communication=communication, received_on=date(2023, 11, 1))
    late = Reply.objects.create(communication=communication, received_on=date(2024, 1, 10))
    with time_machine.travel(at(date(2023, 12, 23), 12)):
        assert list(Reply.objects.public()) == []
    with time_machine.travel(at(date(2023, 12, 24), 0, 1)):
        assert list(Reply.objects.public()) == [early]
    with time_machine.travel(at(date(2024, 1, 10), 9)):
        assert list(Reply.objects.public()) == [early, late]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (
            datetime(2023, 12, 23, 23, 59, 30, tzinfo=OFFICE_TIME_ZONE),
            datetime(2023, 12, 24, tzinfo=OFFICE_TIME_ZONE),
        ),
        (
            datetime(2023, 12, 24, 0, 0, tzinfo=OFFICE_TIME_ZONE),
            datetime(2023, 12, 25, tzinfo=OFFICE_TIME_ZONE),
        ),
        # The night the clocks go forward: the next midnight is 23 hours away, and still a start of an office day.
        (datetime(2024, 3, 30, 12, tzinfo=OFFICE_TIME_ZONE), datetime(2024, 3, 31, tzinfo=OFFICE_TIME_ZONE)),
        (datetime(2024, 3, 30, 23, 30, tzinfo=UTC), datetime(2024, 4, 1, tzinfo=OFFICE_TIME_ZONE)),
    ],
)
def test_next_publication_moment_is_the_next_office_midnight(now, expected):
    assert embargo.next_publication_moment(now) == expected


def test_nothing_embargoed_becomes_public_before_the_next_publication_moment():
    sent = SimpleNamespace(type="AL", sent_on=date(2023, 10, 25), withheld=False, exposes_withheld_name=False)
    moment = embargo.public_from(sent)
    assert moment is not None
    just_before = moment - timedelta(seconds=1)
    assert not embargo.is_public(sent, just_before)
    assert embargo.next_publication_moment(just_before) == moment
    assert embargo.is_public(sent, embargo.next_publication_moment(just_before))
