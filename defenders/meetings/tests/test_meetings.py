"""Meetings: opened from a meeting request or a case, scheduled in Geneva time and never in the past, declined
with a reason, held once their outcome is recorded; the list shows waiting requests without their content."""

import html
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from defenders.cases.models import Case
from defenders.clock import OFFICE_TIME_ZONE
from defenders.core.history import reason_text
from defenders.intake.models import Submission
from defenders.meetings import actions
from defenders.meetings.dashboard import tiles
from defenders.meetings.models import Meeting

pytestmark = pytest.mark.django_db
NOW = datetime(2024, 3, 1, 9, tzinfo=OFFICE_TIME_ZONE)
SEALED = b"sealed content that must never be shown"


def text(response) -> str:
    return html.unescape(response.content.decode())


def meeting_request(received_on=date(2024, 2, 26)) -> Submission:
    return Submission.objects.create(
        kind=Submission.Kind.MEETING,
        received_on=received_on,
        status_changed_on=received_on,
        public_key=b"public",
        sealed_payload=SEALED,
    )


@pytest.fixture
def meeting(db):
    return actions.open_meeting(case=Case.objects.create(title="Khamroev"), by=None)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def test_a_meeting_request_opens_one_meeting_only(officer):
    request = meeting_request()
    meeting = actions.open_meeting(submission=request, by=officer)
    assert (meeting.status, meeting.created_by) == (Meeting.Status.PENDING, officer)
    with pytest.raises(actions.MeetingStateError, match="already has its meeting"):
        actions.open_meeting(submission=request, by=officer)


def test_only_a_meeting_request_opens_a_meeting(db):
    other = meeting_request()
    other.kind = Submission.Kind.CONTACT
    other.save()
    with pytest.raises(actions.MeetingStateError, match="not one"):
        actions.open_meeting(submission=other, by=None)
    with pytest.raises(actions.MeetingStateError, match="either"):
        actions.open_meeting(by=None)


def test_scheduling_keeps_the_time_in_geneva(meeting, now):
    utc_moment = datetime(2024, 3, 5, 13, tzinfo=OFFICE_TIME_ZONE).astimezone(UTC)
    actions.schedule(
        meeting, at=utc_moment, place_or_link="Palais Wilson, room 3", participants="M. R.", by=None
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert meeting.scheduled_at == datetime(2024, 3, 5, 13, tzinfo=OFFICE_TIME_ZONE)
    assert (
        reason_text(meeting.history.order_by("-history_id").first().history_change_reason)
        == "Scheduled for 2024-03-05 13:00 Geneva time"
    )


def test_a_meeting_cannot_be_scheduled_in_the_past_or_without_a_zone_or_a_place(meeting, now):
    with pytest.raises(actions.MeetingStateError, match="past"):
        actions.schedule(meeting, at=now - timedelta(minutes=1), place_or_link="Room 3", by=None)
    with pytest.raises(actions.MeetingStateError, match="time zone"):
        actions.schedule(meeting, at=datetime(2024, 3, 5, 13), place_or_link="Room 3", by=None)
    with pytest.raises(actions.MeetingStateError, match="place or link"):
        actions.schedule(meeting, at=now + timedelta(days=1), place_or_link=" ", by=None)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PENDING


def test_declining_needs_a_reason_and_ends_the_meeting(meeting, now):
    with pytest.raises(actions.MeetingStateError, match="reason"):
        actions.decline(meeting, reason="  ", by=None)
    actions.decline(meeting, reason="Outside the mandate.", by=None)
    assert meeting.status == Meeting.Status.DECLINED
    with pytest.raises(actions.MeetingStateError, match="declined"):
        actions.schedule(meeting, at=now + timedelta(days=1), place_or_link="Room 3", by=None)
    with pytest.raises(actions.MeetingStateError, match="Only a scheduled meeting"):
        actions.record_outcome(meeting, outcome="Nothing.", by=None)


def test_the_outcome_is_recorded_once_the_meeting_took_place(meeting, now):
    actions.schedule(meeting, at=now + timedelta(days=1), place_or_link="Room 3", by=None)
    with pytest.raises(actions.MeetingStateError, match="not taken place yet"):
        actions.record_outcome(meeting, outcome="Agreed to send an urgent appeal.", by=None)
    with time_machine.travel(now + timedelta(days=2), tick=False):
        actions.record_outcome(meeting, outcome="Agreed to send an urgent appeal.", by=None)
    assert meeting.status == Meeting.Status.HELD
    with pytest.raises(actions.MeetingStateError, match="held"):
        actions.decline(meeting, reason="Too late.", by=None)


def test_pending_lists_waiting_requests_by_day_with_a_link_to_the_inbox_and_no_content(client, officer):
    request = meeting_request()
    client.force_login(officer)
    shown = text(client.get("/staff/meetings/?status=pending"))
    assert "26 February 2024" in shown
    assert f"/staff/inbox/{request.uid}/" in shown
    assert SEALED.decode() not in shown
    assert f"/staff/inbox/{request.uid}/" not in text(client.get("/staff/meetings/?status=held"))
    assert tiles(officer)[0].count == 1
    assert tiles(officer)[0].url == "/staff/meetings/?status=pending"


def test_a_request_is_opened_scheduled_and_held_through_the_pages(client, officer):
    request = meeting_request()
    client.force_login(officer)
    answer = client.post("/staff/meetings/open/", {"submission": str(request.uid)})
    meeting = Meeting.objects.get()
    assert answer["Location"] == f"/staff/meetings/{meeting.uid}/"
    assert f"/staff/inbox/{request.uid}/" not in text(client.get("/staff/meetings/?status=pending"))
    refused = client.post(
        f"/staff/meetings/{meeting.uid}/schedule/", {"at": "2020-01-01 10:00", "place_or_link": "Room 3"}
    )
    assert refused.status_code == 400
    assert "cannot be scheduled in the past" in text(refused)
    client.post(
        f"/staff/meetings/{meeting.uid}/schedule/",
        {"at": "2099-01-01 10:00", "place_or_link": "https://video.example.org/hrd", "participants": "M. R."},
    )
    meeting.refresh_from_db()
    assert meeting.scheduled_at == datetime(2099, 1, 1, 10, tzinfo=OFFICE_TIME_ZONE)
    shown = text(client.get(f"/staff/meetings/{meeting.uid}/"))
    assert "https://video.example.org/hrd" in shown
    assert "Scheduled for 2099-01-01 10:00 Geneva time" in shown


def test_a_co_signer_and_an_analyst_may_not_open_the_meeting_pages(client, co_signer, analyst, meeting):
    for person in (co_signer, analyst):
        client.force_login(person)
        assert client.get("/staff/meetings/").status_code == 403
        assert client.get(f"/staff/meetings/{meeting.uid}/").status_code == 403
        assert client.post(f"/staff/meetings/{meeting.uid}/decline/", {"reason": "no"}).status_code == 403
        assert tiles(person) == []
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PENDING


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_refusals_are_in_the_officer_s_language(meeting, now, language):
    from django.utils import translation

    from tests.english_left import english_words_left

    refusals = []
    with translation.override(language):
        for attempt in (
            lambda: actions.schedule(meeting, at=now - timedelta(minutes=1), place_or_link="Genève", by=None),
            lambda: actions.decline(meeting, reason="  ", by=None),
            lambda: actions.record_outcome(meeting, outcome="—", by=None),
        ):
            with pytest.raises(actions.MeetingStateError) as refused:
                attempt()
            refusals.append(str(refused.value))
        actions.decline(meeting, reason="—", by=None)
        refusals.append(actions.schedule_problem(meeting, now + timedelta(days=1)) or "")
    for refusal in refusals:
        assert refusal and english_words_left(f'<html lang="{language}"><p>{refusal}</p></html>') == [], (
            refusal
        )
    if language == "fr":
        assert refusals[0] == "Une réunion ne peut pas être programmée dans le passé."
