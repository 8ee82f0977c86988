"""What a seized server holds: no submission content in the database, its dumps or the data dir."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from defenders.intake.actions import reading
from defenders.intake.models import Submission
from defenders.intake.tests.helpers import confidential_form

MARKERS = [f"ZQXMARKER{n:02d}" for n in range(6)]


def database_bytes() -> bytes:
    """The raw database as an attacker copying it would get it: the SQLite image, or a PostgreSQL dump."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        name = connection.settings_dict["NAME"]
        if isinstance(name, str) and Path(name).exists():
            data = Path(name).read_bytes()
            wal = Path(f"{name}-wal")
            return data + (wal.read_bytes() if wal.exists() else b"")
        return connection.connection.serialize()
    settings_dict = connection.settings_dict
    pg_dump = shutil.which("pg_dump") or "/usr/lib/postgresql/15/bin/pg_dump"
    result = subprocess.run(
        [
            pg_dump,
            "--host",
            settings_dict["HOST"] or "127.0.0.1",
            "--port",
            str(settings_dict["PORT"] or 5432),
            "--username",
            settings_dict["USER"],
            "--dbname",
            settings_dict["NAME"],
        ],
        capture_output=True,
        check=True,
        env={"PGPASSWORD": settings_dict["PASSWORD"] or ""},
    )
    return result.stdout


@pytest.mark.django_db(transaction=True)
def test_markers_appear_nowhere_at_rest_and_staff_read_every_one(
    client, recovery_key, officer, isolated_data_dir, officer_private_key
):
    for marker in MARKERS:
        upload = SimpleUploadedFile(
            f"{marker}.txt", f"file body {marker}".encode(), content_type="text/plain"
        )
        form = confidential_form(
            **{
                "persons-0-name": f"Person {marker}",
                "incidents-0-account": f"Account {marker}",
                "risk_now": marker,
            }
        )
        response = client.post("/submit/confidential/", {**form, "attachments": [upload]})
        assert response.status_code == 200
    client.post(
        "/contact/", {"name": "N", "email": "n@example.org", "subject": "S", "message": "ZQXMARKERCONTACT"}
    )
    reading.reply_to_source(
        Submission.objects.filter(kind="confidential").latest("pk"), "ZQXMARKERREPLY", by=officer
    )

    raw = database_bytes()
    assert b"$argon2id$" in raw  # the image is real: the codename verifiers are in it
    assert b"Leyla" not in raw  # the form's fixed text is sealed too, not only the markers
    for marker in [*MARKERS, "ZQXMARKERCONTACT", "ZQXMARKERREPLY"]:
        assert marker.encode() not in raw, marker
        for path in isolated_data_dir.rglob("*"):
            if path.is_file():
                assert marker.encode() not in path.read_bytes(), (marker, path)
                assert marker not in path.name

    private = officer_private_key
    risks = set()
    for submission in Submission.objects.filter(kind="confidential"):
        opened = reading.open_submission(submission, by=officer, staff_private_key=private)
        risks.add(opened.content["form"]["risk_now"])
        [(row, details)] = opened.files
        assert details["name"] == f"{opened.content['form']['risk_now']}.txt"
        _, data = reading.download_file(row, by=officer, staff_private_key=private)
        assert data == f"file body {opened.content['form']['risk_now']}".encode()
    assert risks == set(MARKERS)
