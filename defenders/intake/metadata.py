"""Metadata removal with Debian's mat2, run so that a hostile file cannot turn it against the server: bounded
before it starts (pixels, unpacked size), then in its own process group, in the request's scratch folder, within
a time, a memory and a file-size limit, all of it removed whatever happens."""

import contextlib
import logging
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from PIL import Image

logger = logging.getLogger(__name__)

# Office documents are zip archives that mat2 unpacks into its temporary folder: bounded before it starts.
ARCHIVE_TYPES = frozenset(
    {
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }
)
# What mat2 0.13 (Debian 12) cleans here with its own dependencies, among the types the office accepts. Not
# WebP or M4A (mat2 has no parser for them), not HEIC (untested here), not MP4 video (needs ffmpeg, which is not
# installed): a source who asks for removal is refused these, beside the field, rather than sending them as is.
CLEANABLE_TYPES = (
    frozenset(
        {
            "application/pdf",
            "image/jpeg",
            "image/png",
            "image/gif",
            "image/tiff",
            "audio/mpeg",
            "audio/ogg",
            "audio/x-wav",
            "audio/wav",
            "audio/flac",
        }
    )
    | ARCHIVE_TYPES
)
PICTURE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/tiff"})

MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # the sum of an archive's unpacked member sizes
MAX_ARCHIVE_ENTRIES = 5_000
MAX_PICTURE_PIXELS = 50_000_000  # a 50-megapixel photo decodes to 200 MB; a phone's is 12 to 48
# All of mat2's work in one request, across its files: well under the worker's timeout (serve's
# WORKER_TIMEOUT_SECONDS), so that the source gets an answer and no mat2 outlives the request.
MAT2_TIMEOUT_SECONDS = 60
MAT2_MAX_FILE_BYTES = 256 * 1024 * 1024  # any one file mat2 writes (RLIMIT_FSIZE)
MAT2_MAX_MEMORY_BYTES = 2 * 1024 * 1024 * 1024  # its address space (RLIMIT_AS): a decoded bomb stops here


class TooLarge(Exception):
    """The file is a bomb, or near enough: refused before mat2 runs."""


class NotCleaned(Exception):
    """mat2 failed, ran out of time or of room: the file is not sent."""


def mat2_path() -> str | None:
    return shutil.which("mat2")


def can_clean(content_type: str) -> bool:
    if content_type == "text/plain":
        return True  # no metadata to remove
    return content_type in CLEANABLE_TYPES and mat2_path() is not None


def check_bounds(path: Path, content_type: str) -> None:
    """Refuse a picture with too many pixels, or an archive that unpacks too large, reading headers only."""
    if content_type in ARCHIVE_TYPES:
        try:
            with zipfile.ZipFile(path) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, OSError) as error:
            raise NotCleaned("not a readable archive") from error
        if len(members) > MAX_ARCHIVE_ENTRIES or sum(m.file_size for m in members) > MAX_EXPANDED_BYTES:
            raise TooLarge
    if content_type in PICTURE_TYPES:
        try:
            with Image.open(path) as picture:  # reads the header; the pixels are never decoded here
                width, height = picture.size
        except Image.DecompressionBombError as error:
            raise TooLarge from error
        except (OSError, ValueError, SyntaxError):  # Pillow cannot read it: mat2 decides
            return
        if width * height > MAX_PICTURE_PIXELS:
            raise TooLarge


def _limit_child() -> None:  # pragma: no cover (runs in the child, between fork and exec)
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAT2_MAX_FILE_BYTES, MAT2_MAX_FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_AS, (MAT2_MAX_MEMORY_BYTES, MAT2_MAX_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a core dump would hold the plaintext
    # A backstop should the worker itself be killed before it can kill mat2's group.
    seconds = MAT2_TIMEOUT_SECONDS + 5
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))


def remove_metadata(path: Path, content_type: str, *, seconds: float) -> None:
    """Replace the file at `path` with mat2's cleaned copy, or raise NotCleaned; `path` must be in the request's
    scratch folder, where mat2's own temporary files go too."""
    mat2 = mat2_path()
    if mat2 is None:
        raise NotCleaned("mat2 is not installed")
    if seconds <= 0:
        raise NotCleaned("no time left")
    # The default mode turns PDF pages into pictures and loses their text; lightweight keeps it.
    options = ["--lightweight"] if content_type == "application/pdf" else []
    working = Path(tempfile.mkdtemp(prefix="mat2-", dir=path.parent))
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(working),
        **{name: str(working) for name in ("TMPDIR", "TEMP", "TMP")},
    }
    try:
        process = subprocess.Popen(
            [mat2, *options, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=environment,
            cwd=working,
            start_new_session=True,  # its own process group, killed as a whole
            preexec_fn=_limit_child,  # limits set in the child before exec; sync workers have one thread
        )
        try:
            returncode = process.wait(timeout=seconds)
        except subprocess.TimeoutExpired as error:
            raise NotCleaned("mat2 ran out of time") from error
        finally:
            # Whatever happened (a timeout, or the worker being stopped), nothing mat2 started keeps running.
            _kill_group(process)
        cleaned = path.with_name(f"{path.stem}.cleaned{path.suffix}")
        if returncode != 0 or not cleaned.is_file():
            cleaned.unlink(missing_ok=True)
            raise NotCleaned(f"mat2 exited with {returncode}")
        cleaned.replace(path)
    finally:
        shutil.rmtree(working, ignore_errors=True)


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group is already gone
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
