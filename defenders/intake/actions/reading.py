"""What staff do with a submission: open it and its files in memory, answer the source, change its status."""

import json
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from nacl.public import PrivateKey

from defenders.clock import office_today
from defenders.vault import boxes, submissions

from .. import files, keyring
from ..errors import NotSharedWithYou, UnknownStatus
from ..models import AccessRecord, Message, Submission, SubmissionFile, WrappedSubmissionKey
from ..tasks import schedule_purge
from .messages import add_message
from .retention import CLOSED_STATUSES


@dataclass
class OpenedSubmission:
    submission: Submission
    content: dict
    messages: list[tuple[str, str, date]]
    files: list[tuple[SubmissionFile, dict]]


def submission_key_for(submission: Submission, user: User, staff_private_key: PrivateKey) -> PrivateKey:
    wrapped = WrappedSubmissionKey.objects.filter(submission=submission, staff_key__user=user).first()
    if wrapped is None:
        raise NotSharedWithYou(str(submission.uid))
    return submissions.open_submission_key(staff_private_key, bytes(wrapped.wrapped_key))


def open_submission(submission: Submission, *, by: User, staff_private_key: PrivateKey) -> OpenedSubmission:
    """Decrypt a submission for one staff member, in memory only, and record that they read it."""
    key = submission_key_for(submission, by, staff_private_key)
    content = json.loads(boxes.open_sealed(key, bytes(submission.sealed_payload)))
    messages = [
        (message.author, submissions.open_message(key, bytes(message.sealed_for_staff)), message.sent_on)
        for message in submission.messages.all()
    ]
    attachments = [
        (row, json.loads(boxes.open_sealed(key, bytes(row.sealed_details)))) for row in submission.files.all()
    ]
    AccessRecord.objects.create(submission=submission, user=by, action=AccessRecord.Action.READ)
    return OpenedSubmission(submission, content, messages, attachments)


def download_file(row: SubmissionFile, *, by: User, staff_private_key: PrivateKey) -> tuple[dict, bytes]:
    key = submission_key_for(row.submission, by, staff_private_key)
    details = json.loads(boxes.open_sealed(key, bytes(row.sealed_details)))
    data = files.open_decrypted(row.stored_name, key)
    AccessRecord.objects.create(
        submission=row.submission, user=by, action=AccessRecord.Action.DOWNLOADED, note=row.stored_name
    )
    return details, data


@transaction.atomic
def reply_to_source(submission: Submission, text: str, *, by: User) -> Message:
    """A staff reply, readable by the source (with the codename) and by staff, and by no one else.
    Only staff the submission is sealed to may answer in the office's name."""
    keyring.require_shared_with(submission, by)
    message = add_message(submission, Message.Author.STAFF, text)
    AccessRecord.objects.create(submission=submission, user=by, action=AccessRecord.Action.REPLIED)
    return message


@transaction.atomic
def change_status(submission: Submission, status: str, *, by: User) -> Submission:
    """Move a submission along; declining or closing it queues its deletion, so only its readers may."""
    keyring.require_shared_with(submission, by)
    if status not in Submission.Status.values:
        raise UnknownStatus(f"Unknown status {status!r}.")
    previous = submission.status
    submission.status = status
    submission.status_changed_on = office_today()
    submission.save(update_fields=["status", "status_changed_on"])
    AccessRecord.objects.create(
        submission=submission, user=by, action=AccessRecord.Action.STATUS, note=f"{previous} → {status}"
    )
    if status in CLOSED_STATUSES:
        transaction.on_commit(lambda: schedule_purge(submission))
    return submission
