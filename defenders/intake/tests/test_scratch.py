"""Plaintext of uploads lives only in the request's own scratch folder, which goes when the request ends, and
whatever a killed process left in the scratch space is cleared when the server starts again."""

from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from defenders.intake import scratch, source_views
from defenders.intake.tests.helpers import confidential_form

pytestmark = pytest.mark.django_db


def files_in(directory: Path) -> list[Path]:
    return [path for path in directory.rglob("*") if path.is_file()] if directory.exists() else []


def test_each_request_keeps_its_uploads_in_its_own_folder_and_removes_it(
    client, recovery_key, isolated_data_dir
):
    seen: list[Path] = []
    real_prepare = source_views.prepare

    def spy(path, *args, **kwargs):
        seen.append(Path(path))
        return real_prepare(path, *args, **kwargs)

    upload = SimpleUploadedFile("notes.txt", b"what happened", content_type="text/plain")
    form = {**confidential_form(), "attachments": [upload]}
    del form["remove_metadata"]
    with mock.patch.object(source_views, "prepare", spy):
        assert client.post("/submit/confidential/", form).status_code == 200
    [upload_path] = seen
    space = scratch.space().resolve()
    assert upload_path.resolve().parent.parent == space  # space / <request folder> / upload
    assert not upload_path.parent.exists()
    assert files_in(space) == [] and list(space.iterdir()) == []


def test_the_request_folder_goes_even_when_the_view_fails(recovery_key, isolated_data_dir):
    client = Client(raise_request_exception=False)
    upload = SimpleUploadedFile("notes.txt", b"what happened", content_type="text/plain")
    with mock.patch.object(source_views, "_prepare_files", side_effect=RuntimeError("a bug")):
        response = client.post("/submit/confidential/", {**confidential_form(), "attachments": [upload]})
    assert response.status_code == 500
    assert list(scratch.space().iterdir()) == []


def left_by_a_killed_worker() -> Path:
    folder = scratch.space() / "request-killed"
    folder.mkdir(parents=True)
    (folder / "upload.upload").write_bytes(b"plaintext of an attachment")
    return folder


def test_serve_clears_the_scratch_space_before_gunicorn_starts(settings, recovery_key, isolated_data_dir):
    settings.SECRET_KEY = "a-production-like-secret-key-that-is-long-enough-0123456789"
    settings.DEBUG = False
    left = left_by_a_killed_worker()
    started: list[list[str]] = []

    def exec_gunicorn(program, args):
        assert not left.exists(), "the scratch space must be clear before workers start"
        started.append(args)

    with (
        mock.patch("defenders.publication.management.commands.serve.os.execvp", exec_gunicorn),
        mock.patch("defenders.publication.management.commands.serve.Command.check"),
        mock.patch("defenders.publication.management.commands.serve.call_command"),
    ):
        call_command("serve")
    [args] = started
    assert "--timeout" in args


def test_demo_clears_the_scratch_space(isolated_data_dir):
    left = left_by_a_killed_worker()
    with (
        mock.patch("defenders.demo.management.commands.demo.load_demo", return_value="nothing"),
        mock.patch("defenders.demo.management.commands.demo.ensure_demo_staff", return_value=[]),
        mock.patch("defenders.demo.management.commands.demo.load_workspace", return_value=[]),
    ):
        call_command("demo", no_serve=True)
    assert not left.exists()
