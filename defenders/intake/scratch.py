"""Scratch space for uploads: each request gets its own folder in memory-backed space, removed when the request
ends whatever happens; the whole space is cleared when the server starts, never while workers run."""

import shutil
import tempfile
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from django.conf import settings

_request_folder: ContextVar[Path | None] = ContextVar("intake_request_scratch_folder", default=None)


def space() -> Path:
    """The scratch space every worker shares; each request works in its own folder inside it."""
    directory = Path(settings.DEFENDERS_SCRATCH_DIR) / "defenders-intake"
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def request_folder() -> Path:
    """The current request's folder, made on first use; uploads and mat2's working copies go inside it."""
    folder = _request_folder.get()
    if folder is None or not folder.is_dir():
        folder = Path(tempfile.mkdtemp(prefix="request-", dir=space()))
        _request_folder.set(folder)
    return folder


def end_request(**kwargs: Any) -> None:
    """Remove the current request's folder (connected to `request_finished`, which fires after errors too)."""
    folder = _request_folder.get()
    if folder is not None:
        _request_folder.set(None)
        shutil.rmtree(folder, ignore_errors=True)


def clear_space() -> None:
    """Remove everything in the scratch space: what a killed worker left. Only before any worker runs."""
    directory = Path(settings.DEFENDERS_SCRATCH_DIR) / "defenders-intake"
    shutil.rmtree(directory, ignore_errors=True)
