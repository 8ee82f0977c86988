"""Writes to meetings: each action owns its transaction and leaves a reasoned row in the history."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from defenders.cases.models import Case
from defenders.clock import OFFICE_TIME_ZONE, office_now
from defenders.core.history import Reason, StaffUser, When, save_with_reason
from defenders.intake.models import Submission

from .models import Meeting


class MeetingStateError(Exception):
    """The meeting is not in a state that allows this action (e.g. recording the outcome of a declined one)."""


def schedule_problem(meeting: Meeting, at: datetime, *, now: datetime | None = None) -> str | None:
    """Why the meeting cannot be scheduled at that moment, or None; forms ask this before the action."""
    if at.tzinfo is None:
        return gettext("The time of a meeting needs its time zone (Geneva time).")
    if at <= (now or office_now()):
        return gettext("A meeting cannot be scheduled in the past.")
    if meeting.status in (Meeting.Status.DECLINED, Meeting.Status.HELD):
        if meeting.status == Meeting.Status.DECLINED:
            return gettext("This meeting was declined: it cannot be scheduled.")
        return gettext("This meeting was held: it cannot be scheduled.")
    return None


@transaction.atomic
def open_meeting(*, submission: Submission | None = None, case: Case | None = None, by: StaffUser) -> Meeting:
    """Open a pending meeting for a meeting request from the intake, or for a case."""
    if (submission is None) == (case is None):
        raise MeetingStateError(gettext("A meeting answers either a meeting request or a case."))
    if submission is not None:
        if submission.kind != Submission.Kind.MEETING:
            raise MeetingStateError(
                gettext("Only a meeting request opens a meeting; this submission is not one.")
            )
        if submission.meetings.exists():
            raise MeetingStateError(gettext("This meeting request already has its meeting."))
    meeting = Meeting(submission=submission, case=case)
    if by is not None and by.is_authenticated:
        meeting.created_by_id = by.pk
    save_with_reason(
        meeting,
        Reason(gettext_noop("Opened from a meeting request"))
        if submission
        else Reason(gettext_noop("Opened from a case")),
        by,
    )
    return meeting


@transaction.atomic
def schedule(
    meeting: Meeting, *, at: datetime, place_or_link: str, participants: str = "", by: StaffUser
) -> Meeting:
    """Set (or move) the meeting's time, place or link and participants."""
    problem = schedule_problem(meeting, at)
    if problem is not None:
        raise MeetingStateError(problem)
    if not place_or_link.strip():
        raise MeetingStateError(gettext("A scheduled meeting needs its place or link."))
    meeting.status = Meeting.Status.SCHEDULED
    meeting.scheduled_at = at.astimezone(OFFICE_TIME_ZONE)
    meeting.place_or_link = place_or_link.strip()
    meeting.participants = participants.strip()
    scheduled = When(meeting.scheduled_at, f"{meeting.scheduled_at:%Y-%m-%d %H:%M}")
    save_with_reason(meeting, Reason(gettext_noop("Scheduled for {at} Geneva time"), at=scheduled), by)
    return meeting


@transaction.atomic
def decline(meeting: Meeting, *, reason: str, by: StaffUser) -> Meeting:
    """Decline the meeting, for a reason that the history keeps."""
    if not reason.strip():
        raise MeetingStateError(gettext("Declining a meeting needs a reason."))
    if meeting.status == Meeting.Status.HELD:
        raise MeetingStateError(gettext("This meeting was held: it cannot be declined."))
    meeting.status = Meeting.Status.DECLINED
    meeting.decline_reason = reason.strip()
    save_with_reason(meeting, Reason(gettext_noop("Declined: {reason}"), reason=reason.strip()), by)
    return meeting


@transaction.atomic
def record_outcome(meeting: Meeting, *, outcome: str, by: StaffUser) -> Meeting:
    """Record what came of a scheduled meeting once its time has come; it is then held."""
    if not outcome.strip():
        raise MeetingStateError(gettext("An outcome needs a few words on what came of the meeting."))
    if meeting.status not in (Meeting.Status.SCHEDULED, Meeting.Status.HELD):
        raise MeetingStateError(gettext("Only a scheduled meeting has an outcome."))
    if meeting.scheduled_at is not None and meeting.scheduled_at > office_now():
        raise MeetingStateError(
            gettext("The meeting has not taken place yet: record its outcome afterwards.")
        )
    meeting.status = Meeting.Status.HELD
    meeting.outcome = outcome.strip()
    save_with_reason(meeting, Reason(gettext_noop("Outcome recorded")), by)
    return meeting
