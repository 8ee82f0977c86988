"""SIGTERM, as a service manager sends it on a restart: `defenders serve` answers the request in flight (a
source's submission still uploading) and `defenders worker` finishes the task in hand, then both exit cleanly."""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from defenders.intake.tests.helpers import CODENAME_PATTERN, confidential_form
from tests.serving import CLI, ROOT, create_recovery_key, migrate, serve_environment, served

CSRF_PATTERN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FILE_BYTES = 512 * 1024


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def _multipart(fields: dict[str, str], file_name: str, file_bytes: bytes) -> tuple[str, bytes, bytes]:
    """The content type and the body of a form with one file, split where the file's content begins."""
    boundary = uuid.uuid4().hex
    head = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="{file_name}"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    tail = file_bytes + f"\r\n--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", head, tail


def test_serve_answers_a_submission_in_flight_when_sigterm_arrives(tmp_path):
    env = serve_environment(tmp_path, DEFENDERS_KDF_COST="moderate")
    create_recovery_key(env)
    uploads = Path(env["DEFENDERS_SCRATCH_DIR"]) / "defenders-intake"
    with served(env, tmp_path / "serve.log", workers=1) as server:
        host, port = server.url.removeprefix("http://").split(":")
        form = http.client.HTTPConnection(host, int(port), timeout=30)
        form.request("GET", "/submit/confidential/")
        answer = form.getresponse()
        page = answer.read().decode()
        cookies = "; ".join(
            value.split(";", 1)[0] for name, value in answer.getheaders() if name.lower() == "set-cookie"
        )
        token = CSRF_PATTERN.search(page)
        assert token is not None
        fields = {**confidential_form(), "csrfmiddlewaretoken": token.group(1)}
        fields.pop("remove_metadata")  # plain text: nothing for mat2 to clean
        content_type, head, tail = _multipart(fields, "notes.txt", b"n" * FILE_BYTES)
        half = FILE_BYTES // 2
        with socket.create_connection((host, int(port)), timeout=120) as source:
            source.sendall(
                (
                    f"POST /submit/confidential/ HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookies}\r\n"
                    f"Content-Type: {content_type}\r\nContent-Length: {len(head) + len(tail)}\r\n"
                    "Connection: close\r\n\r\n"
                ).encode()
                + head
                + tail[:half]
            )
            # The worker has begun this request once its upload lands in the scratch space.
            _wait_for(lambda: any(uploads.glob("request-*/*.upload")), 60, "the upload to reach the worker")
            os.kill(server.process.pid, signal.SIGTERM)  # the arbiter, as systemd's stop would
            time.sleep(1)  # the arbiter has told its worker to stop by now
            source.sendall(tail[half:])
            received = b""
            while chunk := source.recv(65536):
                received += chunk
        assert server.process.wait(timeout=60) == 0
    response = received.decode(errors="replace")
    assert response.startswith("HTTP/1.1 200"), response[:300]
    assert CODENAME_PATTERN.search(response), "the source was given a codename"
    assert "Shutting down" in server.output() or "Handling signal" in server.output()


def test_worker_finishes_its_task_when_sigterm_arrives(tmp_path):
    env = serve_environment(tmp_path)
    migrate(env)
    marks = tmp_path / "marks"
    marks.mkdir()
    enqueued = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from tests.slow_task import write_slowly; "
            f"print(write_slowly.enqueue({str(marks)!r}, 3).id)",
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "defenders.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert enqueued.returncode == 0, enqueued.stderr
    task_id = enqueued.stdout.split()[-1]
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(
            [*CLI, "worker", "--interval", "0.2"], env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        _wait_for(lambda: (marks / "started").exists(), 90, "the task to start")
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=60) == 0, log.read_text()
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert (marks / "finished").exists(), "the task ran to its end"
    status = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django_tasks_db.models import DBTaskResult; "
            f"print(DBTaskResult.objects.get(id={task_id!r}).status)",
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "defenders.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.stdout.split()[-1] == "SUCCESSFUL", status.stderr
