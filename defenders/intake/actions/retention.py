"""How long a submission is kept: deleted a set time after it is declined or closed, unless staff extend it."""

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from defenders.clock import office_now, office_today

from .. import files, keyring
from ..errors import RetentionRefused
from ..models import AccessRecord, Submission, SubmissionFile

CLOSED_STATUSES = {Submission.Status.DECLINED, Submission.Status.CLOSED}
# Longer than any request can last (gunicorn kills a worker after serve's WORKER_TIMEOUT_SECONDS): a file without
# a row, or a `.partial` file, older than this was left by a crash, not by a request still writing it.
LONGEST_REQUEST = timedelta(hours=1)


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


def remove_orphan_files(now: float | None = None) -> int:
    """Remove what a crash left in the intake storage: sealed files that no row refers to, and `.partial` files,
    once older than LONGEST_REQUEST (a younger one may belong to a request still writing it). Returns the count."""
    now = office_now().timestamp() if now is None else now
    directory = files.storage_dir()
    candidates = [
        path for path in directory.iterdir() if path.is_file() and _age(path, now) > LONGEST_REQUEST
    ]
    referred = set(
        SubmissionFile.objects.filter(stored_name__in=[p.name for p in candidates]).values_list(
            "stored_name", flat=True
        )
    )
    removed = 0
    for path in candidates:
        if path.suffix == ".partial" or path.name not in referred:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _age(path: Path, now: float) -> timedelta:
    # The change time, not the modification time: stored files' mtimes are set back to 00:00 of the day.
    status = path.stat()
    return timedelta(seconds=now - max(status.st_ctime, status.st_mtime))
