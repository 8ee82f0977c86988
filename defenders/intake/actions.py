"""Writes to the intake: each action seals what it stores, owns its transaction and leaves files consistent."""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from nacl.public import PrivateKey

from defenders.communications.embargo import office_today
from defenders.vault import boxes, codenames, kdf, staff_keys, submissions

from . import files, keyring
from .models import AccessRecord, Message, StaffKey, Submission, SubmissionFile, WrappedSubmissionKey

CLOSED_STATUSES = {Submission.Status.DECLINED, Submission.Status.CLOSED}


class NotSharedWithYou(Exception):
    """The submission was not sealed to this staff member's key (ask for access with the recovery key)."""


@dataclass
class Receipt:
    submission: Submission
    codename: str | None


def _store_files(
    prepared: list[files.PreparedFile], public_key: bytes, written: list[Path]
) -> list[SubmissionFile]:
    rows = []
    for item in prepared:
        path = files.store_encrypted(item, public_key)
        written.append(path)
        rows.append(
            SubmissionFile(
                stored_name=path.name,
                sealed_details=boxes.seal(public_key, json.dumps(item.details()).encode()),
                added_on=office_today(),
            )
        )
    return rows


def _remove_written(written: list[Path]) -> None:
    for path in written:
        path.unlink(missing_ok=True)


def receive_submission(
    *, kind: str, content: dict, prepared_files: list[files.PreparedFile], language: str, with_codename: bool
) -> Receipt:
    """Seal and store a submission with its files; the receipt exists only once everything is committed."""
    office_key = keyring.current_office_key()
    staff_keys = keyring.readers()
    recipients = {submissions.RECOVERY_RECIPIENT: bytes(office_key.public_key)}
    recipients.update({f"staff:{key.pk}": bytes(key.public_key) for key in staff_keys})
    sealed = submissions.seal_submission(recipients, json.dumps(content, ensure_ascii=False).encode())
    today = office_today()
    submission = Submission(
        kind=kind,
        received_on=today,
        status_changed_on=today,
        language=language,
        public_key=sealed.public_key,
        sealed_payload=sealed.content,
    )
    codename = None
    if with_codename:
        codename = codenames.generate_codename()
        salt = kdf.new_salt()
        submission.codename_lookup = codenames.codename_lookup_key(codename, keyring.pepper())
        submission.codename_hash = codenames.hash_codename(codename)
        submission.source_key_salt = salt
        submission.source_public_key = bytes(keyring.derive_source_private_key(codename, salt).public_key)
    written: list[Path] = []
    try:
        file_rows = _store_files(prepared_files, sealed.public_key, written)
        with transaction.atomic():
            submission.save()
            WrappedSubmissionKey.objects.bulk_create(
                [
                    WrappedSubmissionKey(
                        submission=submission,
                        office_key=office_key,
                        wrapped_key=sealed.wrapped_keys[submissions.RECOVERY_RECIPIENT],
                    )
                ]
                + [
                    WrappedSubmissionKey(
                        submission=submission,
                        staff_key=key,
                        wrapped_key=sealed.wrapped_keys[f"staff:{key.pk}"],
                    )
                    for key in staff_keys
                ]
            )
            for row in file_rows:
                row.submission = submission
            SubmissionFile.objects.bulk_create(file_rows)
    except BaseException:
        _remove_written(written)
        raise
    return Receipt(submission, codename)


def _add_message(submission: Submission, author: str, text: str) -> Message:
    """A message of the conversation, sealed once for the source's codename key and once for staff."""
    if submission.source_public_key is None:
        raise ValueError("This submission has no codename: there is no conversation through the site.")
    sealed = submissions.seal_message(bytes(submission.source_public_key), bytes(submission.public_key), text)
    return Message.objects.create(
        submission=submission,
        author=author,
        sealed_for_staff=sealed.for_staff,
        sealed_for_source=sealed.for_source,
        sent_on=office_today(),
    )


def authenticate_source(codename: str) -> Submission | None:
    """The submission this codename opens, or None; unknown and wrong codenames cost the same."""
    lookup = codenames.codename_lookup_key(codename, keyring.pepper())
    submission = Submission.objects.filter(codename_lookup=lookup).first()
    stored_hash = submission.codename_hash if submission is not None else None
    if codenames.verify_codename(stored_hash, codename) and submission is not None:
        return submission
    return None


def read_thread_as_source(submission: Submission, codename: str) -> list[tuple[str, str, date]]:
    """The conversation as the source sees it: (author, text, day), opened with the codename-derived key."""
    assert submission.source_key_salt is not None, "only codename submissions have a thread for the source"
    source_key = keyring.derive_source_private_key(codename, bytes(submission.source_key_salt))
    return [
        (
            message.author,
            submissions.open_message(source_key, bytes(message.sealed_for_source or b"")),
            message.sent_on,
        )
        for message in submission.messages.exclude(sealed_for_source=None)
    ]


def add_source_message(
    submission: Submission, text: str, prepared_files: list[files.PreparedFile]
) -> Message | None:
    """The source adds information or files to their submission; both sides can read the message."""
    public_key = bytes(submission.public_key)
    written: list[Path] = []
    try:
        file_rows = _store_files(prepared_files, public_key, written)
        with transaction.atomic():
            message = _add_message(submission, Message.Author.SOURCE, text) if text.strip() else None
            for row in file_rows:
                row.submission = submission
            SubmissionFile.objects.bulk_create(file_rows)
            if submission.status == Submission.Status.NEEDS_INFORMATION:
                submission.status = Submission.Status.NEW
                submission.status_changed_on = office_today()
                submission.save(update_fields=["status", "status_changed_on"])
    except BaseException:
        _remove_written(written)
        raise
    return message


# Staff side


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
    """A staff reply, readable by the source (with the codename) and by staff, and by no one else."""
    message = _add_message(submission, Message.Author.STAFF, text)
    AccessRecord.objects.create(submission=submission, user=by, action=AccessRecord.Action.REPLIED)
    return message


@transaction.atomic
def change_status(submission: Submission, status: str, *, by: User) -> Submission:
    if status not in Submission.Status.values:
        raise ValueError(f"unknown status {status!r}")
    previous = submission.status
    submission.status = status
    submission.status_changed_on = office_today()
    submission.save(update_fields=["status", "status_changed_on"])
    AccessRecord.objects.create(
        submission=submission, user=by, action=AccessRecord.Action.STATUS, note=f"{previous} → {status}"
    )
    if status in CLOSED_STATUSES:
        from .tasks import schedule_purge

        transaction.on_commit(lambda: schedule_purge(submission))
    return submission


@transaction.atomic
def extend_retention(submission: Submission, *, until: date, reason: str, by: User) -> Submission:
    if not reason.strip():
        raise ValueError("Extending retention needs a reason.")
    if until <= office_today():
        raise ValueError("The new date must be in the future.")
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
    due = submission.status_changed_on + timedelta(days=settings.INTAKE_RETENTION_DAYS)
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


# Staff keys


def set_up_staff_key(user: User, password: str) -> StaffKey:
    """Give a staff member a keypair sealed with their password; new submissions are then sealed to them too."""
    keypair = staff_keys.new_staff_key(password, cost=keyring.kdf_cost())
    staff_key, _ = StaffKey.objects.update_or_create(
        user=user,
        defaults={
            "public_key": keypair.public_key,
            "wrapped_private_key": keypair.wrapped_private_key,
            "salt": keypair.salt,
        },
    )
    return staff_key


@transaction.atomic
def change_staff_password(user, *, old_password: str, new_password: str) -> None:
    """Change the password and rewrap the private key under it, in one step, so access is never lost."""
    staff_key = StaffKey.objects.select_for_update().filter(user=user).first()
    if staff_key is not None:
        salt, wrapped = staff_keys.rewrap_staff_key(
            old_password,
            new_password,
            bytes(staff_key.salt),
            bytes(staff_key.wrapped_private_key),
            cost=keyring.kdf_cost(),
        )
        staff_key.salt, staff_key.wrapped_private_key = salt, wrapped
        staff_key.save(update_fields=["salt", "wrapped_private_key"])
    user._staff_key_rewrapped = True
    user.set_password(new_password)
    user.save()


def revoke_staff_key(user) -> int:
    """Remove a staff member's key and every submission key wrapped for it; returns how many were revoked."""
    with transaction.atomic():
        count, _ = WrappedSubmissionKey.objects.filter(staff_key__user=user).delete()
        StaffKey.objects.filter(user=user).delete()
    return count


@transaction.atomic
def grant_access(user, *, recovery_private_key: PrivateKey) -> int:
    """Seal every stored submission to a staff member's key, opening each with the office recovery key."""
    staff_key = StaffKey.objects.get(user=user)
    granted = 0
    already = set(
        WrappedSubmissionKey.objects.filter(staff_key=staff_key).values_list("submission_id", flat=True)
    )
    office_wraps = WrappedSubmissionKey.objects.filter(
        office_key__isnull=False, office_key__retired_on__isnull=True
    ).select_related("submission")
    for office_wrap in office_wraps:
        if office_wrap.submission_id in already:
            continue
        WrappedSubmissionKey.objects.create(
            submission=office_wrap.submission,
            staff_key=staff_key,
            wrapped_key=submissions.reseal_submission_key(
                recovery_private_key, bytes(office_wrap.wrapped_key), bytes(staff_key.public_key)
            ),
        )
        AccessRecord.objects.create(
            submission=office_wrap.submission, user=user, action=AccessRecord.Action.GRANTED
        )
        granted += 1
    return granted
