import os
import shutil
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from defenders.intake.actions import reading
from defenders.intake.models import Submission
from defenders.intake.tests.helpers import confidential_form

# CI must have mat2 (scripts/bootstrap installs it); elsewhere a missing mat2 skips rather than fails.
pytestmark = pytest.mark.skipif(
    shutil.which("mat2") is None and not os.environ.get("CI"),
    reason="Debian's mat2 is installed by scripts/bootstrap",
)


def png_with_author(author: str) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", b"Author\x00" + author.encode())
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def stored_file(officer, officer_private_key) -> tuple[dict, bytes]:
    private = officer_private_key
    opened = reading.open_submission(Submission.objects.get(), by=officer, staff_private_key=private)
    [(row, _)] = opened.files
    return reading.download_file(row, by=officer, staff_private_key=private)


def test_metadata_is_removed_by_default(client, recovery_key, officer, officer_private_key):
    upload = SimpleUploadedFile("photo.png", png_with_author("Ms Source Herself"), content_type="image/png")
    assert (
        client.post("/submit/confidential/", {**confidential_form(), "attachments": [upload]}).status_code
        == 200
    )
    details, data = stored_file(officer, officer_private_key)
    assert details["metadata_removed"] is True
    assert data.startswith(b"\x89PNG") and b"Ms Source Herself" not in data


def test_the_source_may_keep_metadata(client, recovery_key, officer, officer_private_key):
    upload = SimpleUploadedFile("photo.png", png_with_author("Ms Source Herself"), content_type="image/png")
    form = confidential_form()
    del form["remove_metadata"]
    assert client.post("/submit/confidential/", {**form, "attachments": [upload]}).status_code == 200
    details, data = stored_file(officer, officer_private_key)
    assert details["metadata_removed"] is None
    assert b"Ms Source Herself" in data
