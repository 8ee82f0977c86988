"""No address, user agent or referrer of a source reaches a log line or the database."""

import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from defenders.intake.models import Submission
from defenders.intake.tests.helpers import codename_from, confidential_form
from defenders.intake.tests.test_at_rest import database_bytes

ADDRESS = "203.0.113.77"
AGENT = "MarkerAgent/9.9 (source device)"
REFERRER = "https://referrer.example/secret-page"


@pytest.fixture
def captured_logs():
    """Swap the stream of every configured handler for a buffer: the lines exactly as they would be written."""
    buffer = io.StringIO()
    handlers = {
        h
        for name in ("", "django", "django.request", "django.security", "defenders")
        for h in logging.getLogger(name).handlers
    }
    swapped = []
    for handler in handlers:
        if isinstance(handler, logging.StreamHandler):
            swapped.append((handler, handler.setStream(buffer)))
    yield buffer
    for handler, stream in swapped:
        handler.setStream(stream)


@pytest.mark.django_db(transaction=True)
def test_a_source_session_leaves_no_address_or_agent_in_logs_or_database(
    captured_logs, recovery_key, officer, monkeypatch
):
    source = Client(
        REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_REFERER=REFERRER, raise_request_exception=False
    )
    codename = codename_from(source.post("/submit/confidential/", confidential_form()))
    source.post("/submit/follow-up/", {"codename": "wrong " * 7})
    source.post("/submit/follow-up/", {"codename": codename})
    source.post(
        "/submit/follow-up/add/",
        {"message": "more", "attachments": [SimpleUploadedFile("a.exe", b"MZ\x90\x00" * 20)]},
    )
    source.get("/communications/no-such-thing/")
    source.post("/contact/", {"name": "x"}, HTTP_HOST="evil.example")  # a DisallowedHost warning

    # A storage failure is logged; the log line must not carry the request.
    def broken(*args, **kwargs):
        raise RuntimeError(f"failure while handling {ADDRESS}")

    monkeypatch.setattr("defenders.intake.actions.sources.receive_submission", broken)
    assert source.post("/submit/confidential/", confidential_form()).status_code == 503

    logged = captured_logs.getvalue()
    assert "could not be stored" in logged  # the capture works
    for needle in (ADDRESS, AGENT, "MarkerAgent", "referrer.example", codename):
        assert needle not in logged, needle
    raw = database_bytes()
    for needle in (ADDRESS, AGENT, "referrer.example"):
        assert needle.encode() not in raw
    assert Submission.objects.count() == 1


def test_request_logger_drops_the_request_and_the_path(captured_logs, rf):
    request = rf.get("/submit/follow-up/", REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    logging.getLogger("django.request").error(
        "Internal Server Error: %s", request.path, extra={"request": request, "status_code": 500}
    )
    logged = captured_logs.getvalue()
    assert "Request failed" in logged
    assert "/submit/follow-up/" not in logged and ADDRESS not in logged
