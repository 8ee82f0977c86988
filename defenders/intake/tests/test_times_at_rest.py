"""Nothing at rest keeps the exact time a source came: stored files carry the office day, sessions the hour."""

from datetime import UTC, datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile

from defenders.clock import office_today, start_of_office_day
from defenders.intake.models import SubmissionFile
from defenders.intake.tests.helpers import confidential_form
from defenders.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_stored_files_carry_midnight_of_the_office_day(client, recovery_key, isolated_data_dir):
    upload = SimpleUploadedFile("notes.txt", b"what happened", content_type="text/plain")
    assert (
        client.post("/submit/confidential/", {**confidential_form(), "attachments": [upload]}).status_code
        == 200
    )
    midnight = int(start_of_office_day(office_today()).timestamp()) * 10**9
    stored = isolated_data_dir / "files" / "intake" / SubmissionFile.objects.get().stored_name
    assert stored.stat().st_mtime_ns == midnight
    assert stored.stat().st_atime_ns == midnight
    assert stored.parent.stat().st_mtime_ns == midnight


def test_a_visit_leaves_a_session_whose_expiry_is_a_whole_hour(client, settings):
    client.get("/submit/confidential/")  # the form's CSRF token lives in the session
    session = Session.objects.get()
    expiry = session.expire_date.astimezone(UTC)
    assert (expiry.minute, expiry.second, expiry.microsecond) == (0, 0, 0)
    lifetime = (expiry - datetime.now(UTC)).total_seconds()
    assert settings.SESSION_COOKIE_AGE - 5 <= lifetime <= settings.SESSION_COOKIE_AGE + 3600


def test_the_session_row_carries_no_timestamp_of_the_visit(client):
    client.get("/submit/confidential/")
    session = Session.objects.get()
    # Django's default signs session data with a TimestampSigner: payload:time-in-seconds:signature.
    assert session.session_data.count(":") == 1
    assert SessionStore().decode(session.session_data)  # still readable: the CSRF token is there
