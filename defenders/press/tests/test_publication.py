"""The press-release publication rule, and the public() queryset built from it, agree."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions as communication_actions
from defenders.press import actions, publication
from defenders.press.models import PressRelease

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=OFFICE_TIME_ZONE)


def test_public_queryset_agrees_with_the_rule_at_several_moments(make_communication):
    sent = make_communication(type="UA", code="TUR", sent_on=date(2024, 3, 1))
    later = make_communication(type="UA", code="TUR", sent_on=None)
    for hours in range(-30, 30, 7):
        release = actions.draft_press_release(
            title=f"scheduled {hours}", body="", communications=[sent], by=None
        )
        actions.schedule_press_release(release, at=at(date(2024, 3, 2), 12) + timedelta(hours=hours), by=None)
    actions.draft_press_release(title="a draft", body="", by=None)
    withdrawn = actions.draft_press_release(title="withdrawn", body="", by=None)
    actions.schedule_press_release(withdrawn, at=at(date(2024, 3, 1)), by=None)
    actions.withdraw_press_release(withdrawn, reason="a reason", by=None)
    no_links = actions.draft_press_release(title="no links", body="", by=None)
    actions.schedule_press_release(no_links, at=at(date(2024, 3, 2), 9), by=None)
    # Sent later than the release was scheduled for (a sending recorded for a day to come): held back till then.
    future = actions.draft_press_release(title="future", body="", communications=[later], by=None)
    communication_actions.record_sent(later, sent_on=date(2024, 3, 4), by=None)
    actions.schedule_press_release(future, at=at(date(2024, 3, 2)), by=None)
    moments = [
        at(date(2024, 3, 1)),
        at(date(2024, 3, 2), 8, 59),
        at(date(2024, 3, 2), 12),
        at(date(2024, 3, 3), 23),
    ]
    moments += [at(date(2024, 3, 4)), at(date(2024, 6, 1))]
    for moment in moments:
        expected = {
            r.pk for r in PressRelease.objects.all() if publication.is_public(r, r.sending_days(), at=moment)
        }
        assert set(PressRelease.objects.public(at=moment).values_list("pk", flat=True)) == expected, moment
    assert PressRelease.objects.public(at=at(date(2024, 3, 3), 23)).filter(pk=future.pk).count() == 0
    assert PressRelease.objects.public(at=at(date(2024, 3, 4))).filter(pk=future.pk).count() == 1


def test_a_release_is_public_from_its_moment_and_not_when_withdrawn():
    release = SimpleNamespace(published_at=None, scheduled_for=at(date(2024, 3, 1), 9), withdrawn=False)
    assert not publication.is_public(release, [date(2024, 2, 28)], at=at(date(2024, 3, 1), 8, 59))
    assert publication.is_public(release, [date(2024, 2, 28)], at=at(date(2024, 3, 1), 9))
    assert not publication.is_public(release, [None], at=at(date(2024, 3, 2)))
    release.withdrawn = True
    assert not publication.is_public(release, [], at=at(date(2024, 3, 2)))


def test_references_of_unpublished_communications_are_hidden():
    text = "The experts wrote (UA TUR\n9/2024) and AL TUR 19/2024."
    assert publication.hide_references(text, ["UA TUR 9/2024"]) == (
        f"The experts wrote ({publication.HIDDEN_REFERENCE}) and AL TUR 19/2024."
    )
