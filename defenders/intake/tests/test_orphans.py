"""Files a crash left without a row (sealed files, `.partial` files) are removed at start and in the daily
purge, once they are older than the longest request; a file being written now is left alone."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from defenders.clock import office_now
from defenders.intake import files
from defenders.intake.actions import retention
from defenders.intake.models import SubmissionFile
from defenders.intake.tests.helpers import confidential_form

pytestmark = pytest.mark.django_db

LATER = retention.LONGEST_REQUEST.total_seconds() + 60


def crash_leftovers():
    directory = files.storage_dir()
    orphan, partial = directory / "0123abcd.sealed", directory / "4567ef01.partial"
    orphan.write_bytes(b"ciphertext without a row")
    partial.write_bytes(b"half a ciphertext")
    return orphan, partial


def test_old_orphans_and_partials_are_removed_and_stored_files_kept(client, recovery_key, isolated_data_dir):
    upload = SimpleUploadedFile("notes.txt", b"what happened", content_type="text/plain")
    assert (
        client.post("/submit/confidential/", {**confidential_form(), "attachments": [upload]}).status_code
        == 200
    )
    kept = files.storage_dir() / SubmissionFile.objects.get().stored_name
    orphan, partial = crash_leftovers()
    assert retention.remove_orphan_files(now=time.time() + LATER) == 2
    assert kept.exists() and not orphan.exists() and not partial.exists()


def test_files_younger_than_the_longest_request_are_left_alone(recovery_key, isolated_data_dir):
    orphan, partial = crash_leftovers()
    assert retention.remove_orphan_files() == 0
    assert orphan.exists() and partial.exists()


def test_the_daily_purge_removes_orphans(recovery_key, isolated_data_dir):
    orphan, partial = crash_leftovers()
    with mock.patch.object(retention, "office_now", return_value=office_now() + timedelta(seconds=LATER)):
        call_command("purge_submissions", stdout=mock.MagicMock())
    assert not orphan.exists() and not partial.exists()


def test_serve_removes_orphans_at_start(settings, recovery_key, isolated_data_dir):
    settings.SECRET_KEY = "a-production-like-secret-key-that-is-long-enough-0123456789"
    settings.DEBUG = False
    orphan, partial = crash_leftovers()
    with (
        mock.patch.object(retention, "office_now", return_value=office_now() + timedelta(seconds=LATER)),
        mock.patch("defenders.publication.management.commands.serve.os.execvp"),
        mock.patch("defenders.publication.management.commands.serve.Command.check"),
        mock.patch("defenders.publication.management.commands.serve.call_command"),
    ):
        call_command("serve")
    assert not orphan.exists() and not partial.exists()


def test_the_longest_request_outlasts_the_worker_timeout():
    from defenders.publication.management.commands import serve

    assert retention.LONGEST_REQUEST.total_seconds() > 2 * serve.WORKER_TIMEOUT_SECONDS
