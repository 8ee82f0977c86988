"""What sources do: send a submission, come back with the codename, read the conversation and add to it."""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from defenders.clock import office_today
from defenders.vault import boxes, codenames, kdf, submissions

from .. import files, keyring
from ..models import Message, Submission, SubmissionFile, WrappedSubmissionKey
from .messages import add_message


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
    except (
        BaseException
    ):  # any failure, an interrupt included, must not leave sealed files without their rows
        _remove_written(written)
        raise
    return Receipt(submission, codename)


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
            message = add_message(submission, Message.Author.SOURCE, text) if text.strip() else None
            for row in file_rows:
                row.submission = submission
            SubmissionFile.objects.bulk_create(file_rows)
            if submission.status == Submission.Status.NEEDS_INFORMATION:
                submission.status = Submission.Status.NEW
                submission.status_changed_on = office_today()
                submission.save(update_fields=["status", "status_changed_on"])
    except (
        BaseException
    ):  # any failure, an interrupt included, must not leave sealed files without their rows
        _remove_written(written)
        raise
    return message
