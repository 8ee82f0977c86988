"""Attachments: type checked by content, metadata removed with Debian's mat2, then encrypted to the data dir."""

import io
import logging
import os
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import puremagic
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from defenders.clock import office_today, start_of_office_day
from defenders.vault import streams

from . import metadata
from .scratch import request_folder

logger = logging.getLogger(__name__)

# What people send the office: documents, pictures, sound and video. The extension is the one mat2 needs.
ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/tiff": ".tiff",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "audio/mpeg": ".mp3",
    "audio/ogg": ".ogg",
    "audio/x-wav": ".wav",
    "audio/wav": ".wav",
    "audio/flac": ".flac",
    "video/mp4": ".mp4",
    "audio/mp4": ".m4a",
    "text/plain": ".txt",
}
# Refusals the source can act on, shown beside the field: remove the file, or untick removal and send it as is.
CANNOT_CLEAN_TYPE = _(
    "We cannot remove the hidden information from “%(name)s”: this type of file cannot be cleaned. Nothing has "
    "been sent yet. Remove this file, or untick “Remove hidden information” to send your files as they are."
)
NOT_CLEANED = _(
    "“%(name)s” could not be cleaned: its hidden information (author, location, device) could not be removed. "
    "Nothing has been sent yet. Remove this file, or untick “Remove hidden information” to send your files as "
    "they are."
)
TOO_LARGE_TO_CHECK = _(
    "“%(name)s” is too large to be checked once opened (a picture of more than %(megapixels)s million pixels, "
    "or a document that unpacks to more than %(megabytes)s MB). Nothing has been sent yet. Please send a "
    "smaller version."
)


class RejectedFile(Exception):
    """A file the office cannot accept; the message is shown to the person beside the field."""


@dataclass
class PreparedFile:
    """An upload checked and cleaned, waiting in the scratch directory to be encrypted."""

    path: Path
    name: str
    content_type: str
    size: int
    metadata_removed: bool | None  # None: the person chose to keep it

    def details(self) -> dict:
        return {
            "name": self.name,
            "content_type": self.content_type,
            "size": self.size,
            "metadata_removed": self.metadata_removed,
        }


def detect_type(path: Path) -> str | None:
    """The MIME type read from the file's bytes, if it is one the office accepts; the name is never trusted."""
    try:
        candidates = puremagic.magic_file(str(path))
    except (puremagic.PureError, ValueError, OSError):
        candidates = []
    for candidate in candidates:
        if candidate.mime_type in ALLOWED_TYPES:
            return candidate.mime_type
    head = path.read_bytes()[: 64 * 1024] if path.stat().st_size else b""
    if not candidates and head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # a multi-byte character cut at the end of the sample is fine
                return None
        return "text/plain"
    return None


def safe_name(name: str) -> str:
    name = os.path.basename(name.replace("\\", "/")).strip() or "attachment"
    return "".join(ch for ch in name if ch.isprintable())[:200]


def prepare(
    upload_path: Path, original_name: str, *, strip_metadata: bool, deadline: float | None = None
) -> PreparedFile:
    """Check an uploaded file and, if asked, remove its metadata; raises RejectedFile with a reason.

    `deadline` (time.monotonic()) is when mat2's share of the request ends, for all of its files together."""
    name = safe_name(original_name)
    size = upload_path.stat().st_size
    if size == 0:
        raise RejectedFile(_("“%(name)s” is empty.") % {"name": name})
    content_type = detect_type(upload_path)
    if content_type is None:
        raise RejectedFile(
            _(
                "“%(name)s” is not a type of file we can accept. Please send documents (PDF, Word, "
                "OpenDocument, text), pictures, sound or video."
            )
            % {"name": name}
        )
    if strip_metadata and not metadata.can_clean(content_type):
        raise RejectedFile(CANNOT_CLEAN_TYPE % {"name": name})
    try:
        metadata.check_bounds(upload_path, content_type)
    except metadata.TooLarge:
        limits = {
            "megapixels": metadata.MAX_PICTURE_PIXELS // 1_000_000,
            "megabytes": metadata.MAX_EXPANDED_BYTES // (1024 * 1024),
        }
        raise RejectedFile(TOO_LARGE_TO_CHECK % {"name": name, **limits}) from None
    except metadata.NotCleaned:
        if strip_metadata:
            raise RejectedFile(NOT_CLEANED % {"name": name}) from None
    working = Path(tempfile.mkdtemp(dir=request_folder()))
    # mat2 chooses its parser by extension, so the copy carries the extension of the detected type.
    path = working / f"upload{ALLOWED_TYPES[content_type]}"
    shutil.copyfile(upload_path, path)
    removed: bool | None = None
    if strip_metadata:
        if content_type != "text/plain":  # plain text has no metadata to remove
            end = deadline if deadline is not None else time.monotonic() + metadata.MAT2_TIMEOUT_SECONDS
            try:
                metadata.remove_metadata(path, content_type, seconds=end - time.monotonic())
            except metadata.NotCleaned as error:
                shutil.rmtree(working, ignore_errors=True)
                logger.warning("mat2 could not clean a file of type %s (%s)", content_type, error)
                raise RejectedFile(NOT_CLEANED % {"name": name}) from None
        removed = True
    return PreparedFile(path, name, content_type, path.stat().st_size, removed)


def discard(prepared: PreparedFile) -> None:
    shutil.rmtree(prepared.path.parent, ignore_errors=True)


def storage_dir() -> Path:
    directory = Path(settings.MEDIA_ROOT) / "intake"
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def store_encrypted(prepared: PreparedFile, submission_public_key: bytes) -> Path:
    """Encrypt the file into the data dir under a random name; the caller deletes it if its rows are not saved."""
    final = storage_dir() / f"{secrets.token_hex(16)}.sealed"
    partial = final.with_suffix(".partial")
    try:
        with prepared.path.open("rb") as reader, partial.open("wb") as writer:
            streams.encrypt_stream(submission_public_key, reader, writer)
            writer.flush()
            os.fsync(writer.fileno())
        partial.replace(final)
        _to_office_day(final)
        _sync_directory(final.parent)
    finally:
        partial.unlink(missing_ok=True)
    return final


def _to_office_day(path: Path) -> None:
    """Set the file's and its directory's access and modification times to 00:00 of the office day: the exact
    arrival time would point at a source, and the threat model promises dates to the day."""
    midnight = int(start_of_office_day(office_today()).timestamp()) * 10**9
    os.utime(path, ns=(midnight, midnight))
    os.utime(path.parent, ns=(midnight, midnight))


def _sync_directory(directory: Path) -> None:
    """Make the new name itself durable: the receipt promises the file survives a power cut."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def open_decrypted(stored_name: str, submission_private_key) -> bytes:
    """Decrypt a stored file into memory, for one download by a staff member."""
    buffer = io.BytesIO()
    with (storage_dir() / stored_name).open("rb") as reader:
        streams.decrypt_stream(submission_private_key, reader, buffer)
    return buffer.getvalue()
