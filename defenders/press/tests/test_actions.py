"""The ordering rule in the actions: a press release never goes out before every linked communication was sent."""

from datetime import date, datetime

import pytest
import time_machine

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions as communication_actions
from defenders.core.history import reason_text
from defenders.press import actions
from defenders.press.models import PressRelease

pytestmark = pytest.mark.django_db
MORNING = datetime(2024, 3, 1, 9, tzinfo=OFFICE_TIME_ZONE)


@pytest.fixture
def urgent_appeal(make_communication):
    """An urgent appeal still a draft: not sent."""
    return make_communication(type="UA", code="TUR", sent_on=None, title="detention of a lawyer")


def draft(**links) -> PressRelease:
    return actions.draft_press_release(
        title="Türkiye: experts alarmed by detention of lawyer",
        body="Geneva, 1 March 2024.",
        by=None,
        **links,
    )


def test_scheduling_with_an_unsent_linked_communication_is_refused(urgent_appeal):
    release = draft(communications=[urgent_appeal])
    with pytest.raises(actions.CommunicationNotSent):
        actions.schedule_press_release(release, at=MORNING, by=None)
    release.refresh_from_db()
    assert release.scheduled_for is None


def test_publishing_with_an_unsent_linked_communication_is_refused(urgent_appeal):
    release = draft(communications=[urgent_appeal])
    with pytest.raises(actions.CommunicationNotSent):
        actions.publish_press_release(release, by=None)
    release.refresh_from_db()
    assert release.published_at is None


def test_scheduling_and_publishing_are_allowed_once_the_communication_was_sent(urgent_appeal):
    release = draft(communications=[urgent_appeal])
    communication_actions.record_sent(urgent_appeal, sent_on=date(2024, 2, 28), by=None)
    actions.schedule_press_release(release, at=MORNING, by=None)
    with time_machine.travel(MORNING, tick=False):
        actions.publish_press_release(release, by=None)
    release.refresh_from_db()
    assert (release.scheduled_for, release.published_at) == (MORNING, MORNING)
    assert [reason_text(h.history_change_reason) for h in release.history.order_by("history_id")][-2:] == [
        "Scheduled for 2024-03-01T09:00+01:00",
        "Published",
    ]


def test_an_unsent_communication_cannot_be_linked_to_a_release_already_scheduled(
    make_communication, urgent_appeal
):
    sent = make_communication(type="UA", code="TUR", sent_on=date(2024, 2, 28))
    release = draft(communications=[sent])
    actions.schedule_press_release(release, at=MORNING, by=None)
    with pytest.raises(actions.CommunicationNotSent):
        actions.link(release, communications=[sent, urgent_appeal], by=None)
    assert list(release.communications.all()) == [sent]


def test_a_withdrawn_release_cannot_go_out_again(make_communication):
    release = draft()
    actions.publish_press_release(release, by=None)
    actions.withdraw_press_release(release, reason="Facts disputed by the family", by=None)
    with pytest.raises(actions.PressReleaseStateError):
        actions.schedule_press_release(release, at=MORNING, by=None)
    assert (
        reason_text(release.history.order_by("history_id").last().history_change_reason)
        == "Withdrawn: Facts disputed by the family"
    )


def test_withdrawing_needs_a_reason():
    with pytest.raises(actions.PressReleaseStateError):
        actions.withdraw_press_release(draft(), reason="  ", by=None)


def test_a_release_that_would_still_show_a_short_withheld_name_part_does_not_go_out(
    make_communication, concerning
):
    sent = make_communication(sent_on=date(2024, 2, 28))
    concerning(sent, "Li Wei", named_in_public=False)
    release = actions.draft_press_release(title="Experts on a case", body="Li said so.", by=None)
    actions.link(release, communications=[sent], by=None)
    with pytest.raises(actions.WithheldNameShown):
        actions.publish_press_release(release, by=None)


def test_the_slug_comes_from_the_redacted_title_made_unique(make_communication, concerning):
    sent = make_communication(sent_on=date(2024, 2, 28))
    concerning(sent, "Olga Sergeeva", named_in_public=False)
    first = draft()
    second = actions.draft_press_release(
        title="Türkiye: experts alarmed by detention of lawyer", body="", communications=[sent], by=None
    )
    actions.edit_press_release(second, title="Olga Sergeeva detained", by=None)
    assert first.slug == "turkiye-experts-alarmed-by-detention-of-lawyer"
    assert second.slug == "name-withheld-detained"
    third = draft()
    assert third.slug == "turkiye-experts-alarmed-by-detention-of-lawyer-2"


def test_the_slug_no_longer_changes_once_scheduled(make_communication):
    release = draft()
    actions.schedule_press_release(release, at=MORNING, by=None)
    actions.edit_press_release(release, title="A new title", by=None)
    assert release.slug == "turkiye-experts-alarmed-by-detention-of-lawyer"


def test_editing_only_touches_content_fields():
    with pytest.raises(TypeError):
        actions.edit_press_release(draft(), published_at=MORNING, by=None)
