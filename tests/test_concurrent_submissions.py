"""Fifty sources send at once: each gets its own codename, and the team can open every submission."""

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from defenders.intake.actions import reading
from defenders.intake.models import Submission
from defenders.intake.tests.helpers import CODENAME_PATTERN, confidential_form

SOURCES = 50
TIMEOUT_SECONDS = 60
CSRF_PATTERN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Outcome:
    n: int
    stage: str = "form"  # the step reached: "form" (GET), then "send" (POST)
    status: int = 0
    page: str = ""

    @property
    def codename(self) -> str | None:
        match = CODENAME_PATTERN.search(self.page) if self.stage == "send" and self.status == 200 else None
        return match.group(1) if match else None


def _fetch(opener: urllib.request.OpenerDirector, url: str, data: bytes | None = None) -> tuple[int, str]:
    try:
        with opener.open(url, data=data, timeout=TIMEOUT_SECONDS) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except OSError as error:  # refused, reset or timed out: no HTTP answer at all
        return 0, repr(error)


def _source(base_url: str, n: int, everyone_ready: threading.Barrier) -> Outcome:
    """One source with its own cookies: fetch the form (session and CSRF token), then send it."""
    outcome = Outcome(n)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base_url}/submit/confidential/"
    try:
        outcome.status, outcome.page = _fetch(opener, url)
        token = CSRF_PATTERN.search(outcome.page)
        if outcome.status != 200 or token is None or "session" not in {cookie.name for cookie in jar}:
            return outcome
        data = confidential_form(**{"persons-0-name": f"Marker person {n}"})
        data["csrfmiddlewaretoken"] = token.group(1)
        body = urllib.parse.urlencode(data).encode()
    finally:
        # Every thread waits here, even one whose form failed, so that all the POSTs leave at once.
        everyone_ready.wait(timeout=TIMEOUT_SECONDS)
    outcome.stage = "send"
    outcome.status, outcome.page = _fetch(opener, url, body)
    return outcome


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_submissions_each_get_a_codename_and_all_can_be_read(
    live_server, recovery_key, officer, officer_private_key
):
    # Django's test server listens with a backlog of 10 (gunicorn: 2048); fifty connections at once overflow it
    # and some are reset by the kernel before Django sees them. Listening again only lengthens the queue.
    live_server.thread.httpd.socket.listen(SOURCES * 2)
    everyone_ready = threading.Barrier(SOURCES)
    with ThreadPoolExecutor(max_workers=SOURCES) as pool:
        futures = [pool.submit(_source, live_server.url, n, everyone_ready) for n in range(SOURCES)]
        outcomes = [future.result(timeout=3 * TIMEOUT_SECONDS) for future in futures]

    failed = [(o.n, o.stage, o.status, o.page[:120]) for o in outcomes if o.codename is None]
    assert not failed, (
        f"{len(failed)} of {SOURCES} sources got no codename (n, stage, status, page): {failed}"
    )
    codenames = [o.codename for o in outcomes]
    assert all(codename and len(codename.split()) >= 7 for codename in codenames)
    assert len(set(codenames)) == SOURCES
    assert Submission.objects.count() == SOURCES

    key = officer_private_key
    names = {
        reading.open_submission(submission, by=officer, staff_private_key=key).content["persons"][0]["name"]
        for submission in Submission.objects.all()
    }
    assert names == {f"Marker person {n}" for n in range(SOURCES)}
