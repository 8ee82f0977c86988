"""Background work of the intake: deleting declined and closed submissions when their retention ends."""

from datetime import datetime, time

from django_tasks import task

from defenders.clock import OFFICE_TIME_ZONE

from .actions import retention
from .models import Submission


@task()
def purge_expired_submissions() -> int:
    return retention.purge_expired()


def schedule_purge(submission: Submission) -> None:
    """Queue the purge for the day this submission falls due; the purge checks again then (staff may extend)."""
    due = retention.deletion_due_on(submission)
    if due is not None:
        purge_expired_submissions.using(
            run_after=datetime.combine(due, time(3), tzinfo=OFFICE_TIME_ZONE)
        ).enqueue()
