"""What the fault tests share: how many rounds and sources they run, a source's browser over plain HTTP
(form, session, CSRF token, one attachment), and a look at the store from the server's own environment."""

import hashlib
import http.client
import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from defenders.intake.tests.helpers import CODENAME_PATTERN, confidential_form
from tests.serving import ROOT

# The counts are 200 sources, five rounds; the suite runs fewer so that CI stays within its budget.
# DEFENDERS_FAULT_ROUNDS=5 DEFENDERS_FAULT_SOURCES=200 runs the full load (see docs/security.md).
ROUNDS = int(os.environ.get("DEFENDERS_FAULT_ROUNDS", "2"))
SOURCES = int(os.environ.get("DEFENDERS_FAULT_SOURCES", "24"))
REQUEST_SECONDS = 60
CSRF_PATTERN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_PATH = "/submit/confidential/"


@dataclass
class Sent:
    """One source's attempt: what it sent, and what it was told."""

    marker: str
    attachment: bytes
    status: int = 0
    page: str = ""
    seconds: float = 0.0
    headers: dict = field(default_factory=dict)

    @property
    def codename(self) -> str | None:
        match = CODENAME_PATTERN.search(self.page) if self.status == 200 else None
        return match.group(1) if match else None

    @property
    def told_not_received(self) -> bool:
        return self.status == 503 and "not received" in self.page

    @property
    def attachment_sha256(self) -> str:
        return hashlib.sha256(self.attachment).hexdigest()


def fetch(opener, url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with opener.open(request, timeout=REQUEST_SECONDS) as response:
            try:
                body = response.read()
            except http.client.IncompleteRead as cut:
                # Killed in the middle of the answer: what arrived is all the source saw (a codename in it counts).
                body = cut.partial
            return response.status, body.decode(errors="replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), dict(error.headers)
    except OSError as error:  # refused, reset (a killed server) or timed out: no HTTP answer
        return 0, repr(error), {}


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Source:
    """A person with their own browser: opens the form (session and token), then sends it with a file."""

    def __init__(self, base_url: str, marker: str, attachment_bytes: int = 2048):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        line = f"Account from {marker}.\n".encode()
        self.sent = Sent(marker, (line * (attachment_bytes // len(line) + 1))[:attachment_bytes])
        self.token: str | None = None

    def open_form(self) -> tuple[int, str, dict]:
        status, page, headers = fetch(self.opener, self.base_url + FORM_PATH)
        token = CSRF_PATTERN.search(page)
        self.token = token.group(1) if status == 200 and token else None
        return status, page, headers

    def send(self) -> Sent:
        assert self.token is not None, "the form was not opened"
        fields = confidential_form(**{"persons-0-name": self.sent.marker, "csrfmiddlewaretoken": self.token})
        body, content_type = multipart(fields, {"attachments": ("account.txt", self.sent.attachment)})
        started = time.monotonic()
        status, page, headers = fetch(
            self.opener, self.base_url + FORM_PATH, body, {"Content-Type": content_type}
        )
        self.sent.status, self.sent.page, self.sent.headers = status, page, headers
        self.sent.seconds = time.monotonic() - started
        return self.sent


def store(env: dict[str, str], request: dict) -> dict:
    """Ask tests/faults/store.py, run with the server's environment, about what is stored."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.faults.store"],
        env=env,
        cwd=ROOT,
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def assert_every_receipt_is_stored_whole(
    env: dict[str, str], recovery_key: str, receipts: list[Sent]
) -> dict:
    """Each receipt's submission is there once, opens with the recovery key, and its file is the one sent;
    no submission is stored twice."""
    seen = store(
        env, {"do": "inspect", "recovery_key": recovery_key, "codenames": [s.codename for s in receipts]}
    )
    for sent in receipts:
        found = seen["found"][sent.codename]
        assert len(found) == 1, f"{sent.marker}: {len(found)} submissions for its codename"
        assert found[0]["marker"] == sent.marker
        assert found[0]["files"] == [sent.attachment_sha256], f"{sent.marker}: its file is not whole"
    duplicated = {marker for marker in seen["markers"] if seen["markers"].count(marker) > 1}
    assert not duplicated, f"stored twice: {sorted(duplicated)}"
    return seen
