"""How long a submission is kept: deleted a set time after it is declined or closed, unless staff extend it."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from defenders.clock import office_today

from .. import files, keyring
from ..errors import RetentionRefused
from ..models import AccessRecord, Submission

CLOSED_STATUSES = {Submission.Status.DECLINED, Submission.Status.CLOSED}


@transaction.atomic
def extend_retention(submission: Submission, *, until: date, reason: str, by: User) -> Submission:
    """Keep a closed submission longer, with a reason; only staff it is sealed to may."""
    keyring.require_shared_with(submission, by)
    if not reason.strip():
        raise RetentionRefused("Extending retention needs a reason.")
    if until <= office_today():
        raise RetentionRefused("The new date must be in the future.")
    submission.keep_until = until
    submission.save(update_fields=["keep_until"])
    AccessRecord.objects.create(
        submission=submission,
        user=by,
        action=AccessRecord.Action.EXTENDED,
        note=f"until {until}: {reason.strip()}",
    )
    return submission


def deletion_due_on(submission: Submission) -> date | None:
    """When a declined or closed submission is deleted; None while it is still being handled."""
    if submission.status not in CLOSED_STATUSES:
        return None
    due = submission.status_changed_on + timedelta(days=settings.DEFENDERS_RETENTION_DAYS)
    return max(due, submission.keep_until) if submission.keep_until else due


def purge_submission(submission: Submission) -> None:
    """Delete the keys first, so that nothing left behind by a failure further on can be opened; then the rest."""
    with transaction.atomic():
        submission.wrapped_keys.all().delete()
        stored = list(submission.files.values_list("stored_name", flat=True))
        submission.delete()
    for name in stored:
        (files.storage_dir() / name).unlink(missing_ok=True)


def purge_expired(today: date | None = None) -> int:
    today = today or office_today()
    purged = 0
    for submission in Submission.objects.filter(status__in=CLOSED_STATUSES):
        due = deletion_due_on(submission)
        if due is not None and due <= today:
            purge_submission(submission)
            purged += 1
    return purged
