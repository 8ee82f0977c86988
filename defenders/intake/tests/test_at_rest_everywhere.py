"""Every field of every form, every file name and file body, a follow-up and a staff reply each carry their own
marker; none may be found anywhere the server keeps things. A new form or field gets a row in FORMS."""

import io
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from PIL import Image, PngImagePlugin

from conftest import OFFICER_PASSWORD
from defenders.core import backups
from defenders.intake.actions import reading
from defenders.intake.models import Submission
from defenders.intake.tests.helpers import codename_from
from defenders.intake.tests.test_at_rest import database_bytes


class Markers:
    """Distinct markers, each remembering the field it was put in, so that a finding names the field."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def __call__(self, where: str) -> str:
        marker = f"zqxm{len(self.fields):03d}q"  # lower case, so that it survives an email field as it is
        self.fields[marker] = where
        return marker

    def text_file(self, where: str) -> SimpleUploadedFile:
        name, body = self(f"{where}: text file name"), self(f"{where}: text file content")
        return SimpleUploadedFile(f"{name}.txt", f"notes {body}\n".encode(), content_type="text/plain")

    def png_file(self, where: str) -> SimpleUploadedFile:
        name, comment = self(f"{where}: picture file name"), self(f"{where}: picture tEXt chunk")
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", comment)
        picture = io.BytesIO()
        Image.new("RGB", (8, 8), "white").save(picture, "PNG", pnginfo=info)
        return SimpleUploadedFile(f"{name}.png", picture.getvalue(), content_type="image/png")


@dataclass(frozen=True)
class Form:
    path: str
    post: Callable[[Markers], dict]  # the form data, a marker in every field that takes text
    answer: str  # the template of the receipt


def information(m: Markers) -> dict:
    where = "information"
    fields = {name: m(f"{where}.{name}") for name in ("name", "country", "subject", "information")}
    # Metadata removal unticked: the picture's tEXt chunk reaches the sealed file, which must still hide it.
    files = [m.text_file(where), m.png_file(where)]
    return {**fields, "email": f"{m(f'{where}.email')}@example.org", "language": "fr", "attachments": files}


def confidential(m: Markers) -> dict:
    where = "confidential"
    texts = ["perpetrators", "risk_now", "steps_taken", "context", "submitter_name"]
    texts += ["submitter_organisation", "submitter_relationship", "contact_details"]
    data: dict = {name: m(f"{where}.{name}") for name in texts}
    person_fields = ["name", "gender", "profession", "residence", "organisation", "activities"]
    for row in range(2):
        data.update({f"persons-{row}-{name}": m(f"{where}.persons[{row}].{name}") for name in person_fields})
        data[f"persons-{row}-age"] = "40"
        data.update(
            {
                f"incidents-{row}-{name}": m(f"{where}.incidents[{row}].{name}")
                for name in ("place", "account")
            }
        )
        data.update(
            {f"incidents-{row}-year": "2024", f"incidents-{row}-month": "3", f"incidents-{row}-day": "9"}
        )
    for prefix in ("persons", "incidents"):
        data.update({f"{prefix}-TOTAL_FORMS": "2", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(
        {
            "urgency": "weeks",
            "consents_to_naming_to_government": "yes",
            "consents_to_naming_in_public": "no",
            "preferred_contact": "email",
            "language": "es",
            "remove_metadata": "on",
            "attachments": [m.text_file(where), m.png_file(where)],
        }
    )
    return data


def meeting(m: Markers) -> dict:
    where = "meeting"
    texts = ["name", "organisation", "country", "topic", "preferred_dates", "time_zone"]
    texts += ["accessibility_needs", "participants"]
    data: dict = {name: m(f"{where}.{name}") for name in texts}
    return {
        **data,
        "email": f"{m(f'{where}.email')}@example.org",
        "meet_with": "team",
        "format": "online",
    } | {"language": "en"}


def contact(m: Markers) -> dict:
    where = "contact"
    data = {name: m(f"{where}.{name}") for name in ("name", "subject", "message")}
    return {**data, "email": f"{m(f'{where}.email')}@example.org"}


FORMS: dict[str, Form] = {
    "information": Form("/submit/", information, "intake/thanks.html"),
    "confidential": Form("/fr/submit/confidential/", confidential, "intake/receipt.html"),
    "meeting": Form("/es/meeting/", meeting, "intake/thanks.html"),
    "contact": Form("/contact/", contact, "intake/thanks.html"),
}


def files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def temporary_files() -> dict[str, tuple[int, int]]:
    """Every file under Python's temporary directory, with its modification time and size."""
    found = {}
    for directory, _, names in os.walk(tempfile.gettempdir(), onerror=lambda error: None):
        for name in names:
            path = os.path.join(directory, name)
            try:
                stat = os.stat(path, follow_symlinks=False)
            except OSError:
                continue
            found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def new_temporary_bytes(before: dict[str, tuple[int, int]]) -> dict[str, bytes]:
    """The content of files made or changed since `before`; other processes' files are read too, harmlessly."""
    changed = {}
    for path, stamp in temporary_files().items():
        if before.get(path) != stamp and stamp[1] < 256 * 1024 * 1024:
            try:
                changed[path] = Path(path).read_bytes()
            except OSError:
                continue
    return changed


def cache_bytes() -> bytes:
    store = getattr(cache, "_cache", None)
    assert isinstance(store, dict), "a cache this test cannot read: add a way to list it here"
    return b"".join(key.encode() + bytes(value) for key, value in store.items())


@pytest.mark.django_db(transaction=True)
def test_no_marker_of_any_field_file_follow_up_or_reply_is_kept_anywhere(
    client, recovery_key, officer, officer_private_key, tmp_path, caplog, capsys
):
    caplog.set_level(logging.DEBUG)  # every logger, every level
    connection.force_debug_cursor = True  # every query and its parameters go to the log as well
    temporary_before = temporary_files()
    m = Markers()
    try:
        codename = send_everything(client, m, officer)
    finally:
        connection.force_debug_cursor = False

    archive = tmp_path / "backup.tar"
    backups.write_backup(archive)
    captured = capsys.readouterr()
    places: dict[str, bytes] = {
        "database": database_bytes(),
        "backup archive": archive.read_bytes(),
        "cache": cache_bytes(),
        "logs": (caplog.text + "".join(r.getMessage() for r in caplog.records)).encode(),
        "standard output and error": (captured.out + captured.err).encode(),
    }
    for root in (
        Path(settings.MEDIA_ROOT),
        Path(settings.DEFENDERS_SCRATCH_DIR),
        Path(settings.DEFENDERS_KEY_DIR),
    ):
        for path in files_under(root):
            places[f"file {path}"] = path.read_bytes() + str(path).encode()
    for temporary, content in new_temporary_bytes(temporary_before).items():
        places[f"temporary file {temporary}"] = content + temporary.encode()
    assert any(name.startswith("file ") for name in places), "nothing stored: the test sent nothing"

    findings = [
        f"{where} ({marker}) in {place}"
        for marker, where in {**m.fields, codename: "the codename"}.items()
        for place, content in places.items()
        if marker.encode() in content
    ]
    assert not findings, "\n".join(findings)
    assert_staff_read_the_markers(m, officer, officer_private_key)


def send_everything(client: Client, m: Markers, officer) -> str:
    """Every form as a source sends it, a follow-up with files, and a staff reply; returns the codename."""
    client.raise_request_exception = True
    codename = ""
    for name, form in FORMS.items():
        response = client.post(form.path, form.post(m))
        assert response.status_code == 200, (name, response.content.decode()[:2000])
        assert form.answer in [t.name for t in response.templates], name
        if name == "confidential":
            codename = codename_from(response)
    assert client.post("/submit/follow-up/", {"codename": codename}).status_code == 200
    follow_up = {
        "message": m("follow-up.message"),
        "remove_metadata": "on",
        "attachments": [m.text_file("follow-up"), m.png_file("follow-up")],
    }
    assert client.post("/es/submit/follow-up/add/", follow_up).status_code == 200

    staff = Client(raise_request_exception=True)
    staff.force_login(officer)
    assert staff.post("/staff/unlock/", {"password": OFFICER_PASSWORD}).status_code == 302
    confidential = Submission.objects.get(kind=Submission.Kind.CONFIDENTIAL)
    reply = {"action": "reply", "text": m("staff reply to the source")}
    assert staff.post(f"/staff/inbox/{confidential.uid}/", reply).status_code == 302
    # The source reads the reply: the thread is opened with the codename, then nothing of it may stay either.
    thread = client.post("/submit/follow-up/", {"codename": codename}).content.decode()
    assert reply["text"] in thread
    return codename


def assert_staff_read_the_markers(m: Markers, officer, private_key) -> None:
    """The markers were really sent and sealed: the officer opens them all, the picture's chunk included."""
    opened_text = ""
    for submission in Submission.objects.all():
        opened = reading.open_submission(submission, by=officer, staff_private_key=private_key)
        opened_text += repr(opened.content) + repr(opened.messages)
        for row, details in opened.files:
            _, data = reading.download_file(row, by=officer, staff_private_key=private_key)
            opened_text += details["name"] + data.decode("latin-1")
    # mat2 removes the chunk when the box is ticked; only the information form sent its picture as it was.
    expected = {
        marker for marker, where in m.fields.items() if "tEXt" not in where or where.startswith("info")
    }
    missing = [m.fields[marker] for marker in expected if marker not in opened_text]
    assert not missing, missing
