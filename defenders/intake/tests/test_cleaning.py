"""Metadata removal that cannot be turned against the server: mat2 works in the request's own memory-backed
folder, within a time and a size limit, on files bounded before it starts; what it cannot clean is refused
beside the field, by name, and nothing is stored."""

import io
import os
import shutil
import struct
import textwrap
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from defenders.intake import metadata
from defenders.intake.models import Submission, SubmissionFile
from defenders.intake.tests.helpers import confidential_form

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def fake_mat2(tmp_path, monkeypatch):
    """Put a stand-in for mat2 first on the PATH; it runs the given shell script."""

    def install(script: str) -> Path:
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        program = bin_dir / "mat2"
        program.write_text("#!/bin/sh\n" + textwrap.dedent(script))
        program.chmod(0o755)
        monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
        return program

    return install


def png_with_dimensions(width: int, height: int) -> bytes:
    """A real one-pixel PNG whose header claims other dimensions (with a correct CRC): what a bomb looks like."""
    buffer = io.BytesIO()
    Image.new("1", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def small_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def docx_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/>'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        )
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def post_with(client, name: str, data: bytes, content_type: str, **overrides):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post("/submit/confidential/", {**confidential_form(**overrides), "attachments": [upload]})


def nothing_stored(isolated_data_dir: Path) -> bool:
    stored = isolated_data_dir / "files" / "intake"
    return (
        not Submission.objects.exists()
        and not SubmissionFile.objects.exists()
        and (not stored.exists() or not any(stored.iterdir()))
    )


def scratch_is_empty(isolated_data_dir: Path) -> bool:
    scratch = isolated_data_dir / "scratch"
    return not scratch.exists() or not [p for p in scratch.rglob("*") if p.is_file()]


# 1. mat2 works in the request's scratch folder, bounded, and leaves nothing behind


def test_mat2_works_in_the_requests_scratch_folder_and_leaves_nothing_there(
    client, recovery_key, fake_mat2, isolated_data_dir, tmp_path
):
    seen = tmp_path / "seen"
    fake_mat2(
        f"""
        echo "$TMPDIR $TEMP $TMP" > {seen}
        echo plaintext > "$TMPDIR/left-behind"
        exit 1
        """
    )
    response = post_with(client, "notes.png", small_png(), "image/png")
    assert response.status_code == 400
    tmpdir, temp, tmp = seen.read_text().split()
    scratch = (isolated_data_dir / "scratch").resolve()
    assert Path(tmpdir).resolve().is_relative_to(scratch)
    assert tmpdir == temp == tmp
    assert not Path(tmpdir).exists()
    assert scratch_is_empty(isolated_data_dir)
    assert nothing_stored(isolated_data_dir)


def test_a_mat2_that_runs_too_long_is_killed_with_everything_it_started(
    client, recovery_key, fake_mat2, isolated_data_dir, tmp_path, monkeypatch
):
    pids = tmp_path / "pids"
    fake_mat2(
        f"""
        sleep 60 &
        echo $$ $! > {pids}
        sleep 60
        """
    )
    monkeypatch.setattr(metadata, "MAT2_TIMEOUT_SECONDS", 1)
    started = time.monotonic()
    response = post_with(client, "notes.png", small_png(), "image/png")
    assert time.monotonic() - started < 20
    assert response.status_code == 400
    assert "“notes.png”" in response.content.decode()
    for pid in map(int, pids.read_text().split()):
        assert not process_is_alive(pid), pid
    assert scratch_is_empty(isolated_data_dir)
    assert nothing_stored(isolated_data_dir)


def process_is_alive(pid: int) -> bool:
    for _ in range(50):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        if state in {"Z", "X"}:
            return False
        time.sleep(0.1)
    return True


def test_a_mat2_that_writes_too_much_is_stopped(
    client, recovery_key, fake_mat2, isolated_data_dir, monkeypatch
):
    fake_mat2(
        """
        head -c 50000000 /dev/zero > "$TMPDIR/expanded" || exit 1
        cp "$1" "${1%.*}.cleaned.${1##*.}"
        """
    )
    monkeypatch.setattr(metadata, "MAT2_MAX_FILE_BYTES", 1024 * 1024)
    response = post_with(client, "notes.png", small_png(), "image/png")
    assert response.status_code == 400
    assert scratch_is_empty(isolated_data_dir)
    assert nothing_stored(isolated_data_dir)


def test_an_office_file_that_expands_past_the_bound_is_refused_before_mat2_runs(
    client, recovery_key, fake_mat2, isolated_data_dir, tmp_path
):
    ran = tmp_path / "ran"
    fake_mat2(f"touch {ran}\nexit 1\n")
    bomb = docx_with({"word/media/zeros.bin": bytes(metadata.MAX_EXPANDED_BYTES + 1)})
    assert len(bomb) < 2 * 1024 * 1024
    response = post_with(client, "report.docx", bomb, DOCX)
    assert response.status_code == 400
    assert "“report.docx”" in response.content.decode()
    assert not ran.exists()
    assert nothing_stored(isolated_data_dir)


def test_an_office_file_with_too_many_entries_is_refused_before_mat2_runs(
    client, recovery_key, fake_mat2, isolated_data_dir, tmp_path
):
    ran = tmp_path / "ran"
    fake_mat2(f"touch {ran}\nexit 1\n")
    crowded = docx_with({f"word/part{n}.xml": b"" for n in range(metadata.MAX_ARCHIVE_ENTRIES + 1)})
    response = post_with(client, "report.docx", crowded, DOCX)
    assert response.status_code == 400
    assert not ran.exists()
    assert nothing_stored(isolated_data_dir)


# 2. Metadata is never kept silently when the source asked for its removal


def webp() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "WEBP")
    return buffer.getvalue()


def test_a_type_mat2_cannot_clean_is_refused_beside_the_field_when_removal_is_asked(
    client, recovery_key, isolated_data_dir
):
    response = post_with(client, "photo.webp", webp(), "image/webp")
    html = response.content.decode()
    assert response.status_code == 400
    assert "“photo.webp”" in html and "cannot remove the hidden information" in html
    assert 'href="#id_attachments"' in html
    assert nothing_stored(isolated_data_dir)


def test_the_same_type_is_accepted_as_sent_when_the_source_keeps_its_metadata(
    client, recovery_key, isolated_data_dir
):
    form = confidential_form()
    del form["remove_metadata"]
    upload = SimpleUploadedFile("photo.webp", webp(), content_type="image/webp")
    assert client.post("/submit/confidential/", {**form, "attachments": [upload]}).status_code == 200
    assert SubmissionFile.objects.count() == 1


def test_without_mat2_every_file_that_needs_cleaning_is_refused(
    client, recovery_key, isolated_data_dir, monkeypatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    response = post_with(client, "notes.png", small_png(), "image/png")
    assert response.status_code == 400
    assert "“notes.png”" in response.content.decode()
    assert nothing_stored(isolated_data_dir)


def test_a_file_mat2_fails_on_is_named_beside_the_field_and_nothing_is_sent(
    client, recovery_key, fake_mat2, isolated_data_dir
):
    fake_mat2("exit 1\n")
    response = post_with(client, "notes.png", small_png(), "image/png")
    html = response.content.decode()
    assert response.status_code == 400
    assert "“notes.png” could not be cleaned" in html
    assert "untick" in html
    assert nothing_stored(isolated_data_dir)


def test_the_refusals_are_in_the_sources_language(client, recovery_key, fake_mat2, isolated_data_dir):
    fake_mat2("exit 1\n")
    upload = SimpleUploadedFile("notes.png", small_png(), content_type="image/png")
    french = client.post("/fr/submit/confidential/", {**confidential_form(), "attachments": [upload]})
    assert "n’a pas pu être nettoyé" in french.content.decode()
    upload = SimpleUploadedFile("photo.webp", webp(), content_type="image/webp")
    spanish = client.post("/es/submit/confidential/", {**confidential_form(), "attachments": [upload]})
    assert "No podemos eliminar la información oculta" in spanish.content.decode()


# 6. An image bomb is refused from its header, before mat2 ever decodes it


def test_a_picture_whose_header_claims_huge_dimensions_is_refused_before_mat2_runs(
    client, recovery_key, fake_mat2, isolated_data_dir, tmp_path
):
    ran = tmp_path / "ran"
    fake_mat2(f"touch {ran}\nexit 1\n")
    bomb = png_with_dimensions(20_000, 20_000)
    assert len(bomb) < 1024
    response = post_with(client, "bomb.png", bomb, "image/png")
    html = response.content.decode()
    assert response.status_code == 400
    assert "“bomb.png”" in html and "too large" in html
    assert not ran.exists()
    assert nothing_stored(isolated_data_dir)


def test_mat2_stops_well_before_the_worker_is_killed():
    from defenders.publication.management.commands import serve

    assert metadata.MAT2_TIMEOUT_SECONDS * 2 <= serve.WORKER_TIMEOUT_SECONDS


@pytest.mark.skipif(shutil.which("mat2") is None and not os.environ.get("CI"), reason="needs Debian's mat2")
def test_the_real_mat2_still_cleans_pictures_and_office_files_within_the_limits(
    client, recovery_key, isolated_data_dir
):
    assert post_with(client, "notes.png", small_png(), "image/png").status_code == 200
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Ms Source</dc:creator></cp:coreProperties>'
    )
    document = docx_with({"docProps/core.xml": core.encode()})
    assert post_with(client, "report.docx", document, DOCX).status_code == 200
    for name, kind, mime in [("scan.pdf", "PDF", "application/pdf"), ("photo.jpg", "JPEG", "image/jpeg")]:
        buffer = io.BytesIO()
        Image.new("RGB", (200, 100), "white").save(buffer, kind)
        assert post_with(client, name, buffer.getvalue(), mime).status_code == 200, name
    assert scratch_is_empty(isolated_data_dir)
