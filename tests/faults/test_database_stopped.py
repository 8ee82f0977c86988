"""PostgreSQL stopped mid-load: sources are told "not received" (never a receipt), public pages answer a quick
503 with Retry-After, and both come back by themselves when the database does. Runs when the suite runs on
PostgreSQL, against a throwaway cluster of its own (stopped with `pg_ctl -m immediate`, as if it had died)."""

import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.serving import create_recovery_key, says_not_received, serve_environment, served

from .support import SOURCES, Sent, Source, assert_every_receipt_is_stored_whole, fetch

QUICK_SECONDS = 2.0  # a 503 while the database is away comes at once, not after a timeout
RECOVERY_SECONDS = 30
PUBLIC_PATHS = ["/", "/communications/", "/fr/communications/"]


def _wait_until_public_pages_answer(base_url: str) -> None:
    opener = urllib.request.build_opener()
    deadline = time.monotonic() + RECOVERY_SECONDS
    while fetch(opener, base_url + "/")[0] != 200:
        assert time.monotonic() < deadline, "the public pages did not come back with the database"
        time.sleep(0.2)


def test_postgresql_stopped_mid_load_tells_sources_not_received_and_recovers(tmp_path, database_url):
    if database_url is None:
        pytest.skip("the suite runs on SQLite: stopping PostgreSQL is tested when DATABASE_URL names it")
    env = serve_environment(tmp_path / "data", DATABASE_URL=database_url.url)
    recovery_key = create_recovery_key(env)
    receipts: list[Sent] = []
    with served(env, tmp_path / "serve.log") as server:
        # Every source opens the form while the database is up; half send before it stops, half during.
        sources = [Source(server.url, f"Marker {n}") for n in range(SOURCES)]
        for source in sources:
            assert source.open_form()[0] == 200
        stopped = threading.Event()
        with ThreadPoolExecutor(max_workers=SOURCES) as pool:
            first = [pool.submit(source.send) for source in sources[: SOURCES // 2]]
            time.sleep(0.3)
            database_url.stop()  # mid-load: some of the first half are being stored now
            stopped.set()
            during = [source.send() for source in sources[SOURCES // 2 :]]
            sent_first = [future.result(timeout=120) for future in first]

        for sent in sent_first + during:
            assert sent.codename or sent.told_not_received, (sent.status, sent.page[:300])
            assert "Internal Server Error" not in sent.page
        for sent in during:
            assert sent.told_not_received and sent.codename is None
            assert sent.headers.get("Retry-After") == "30"
            assert sent.seconds < QUICK_SECONDS
        receipts += [sent for sent in sent_first if sent.codename]

        # Public pages and the form pages themselves (a GET opens a session): a quick 503, no traceback.
        opener = urllib.request.build_opener()
        for path in [*PUBLIC_PATHS, "/submit/confidential/", "/contact/"]:
            started = time.monotonic()
            status, page, headers = fetch(opener, server.url + path)
            assert (status, headers.get("Retry-After")) == (503, "30"), (path, status, page[:300])
            assert time.monotonic() - started < QUICK_SECONDS
            assert "Traceback" not in page and says_not_received(page, path)

        database_url.start()
        _wait_until_public_pages_answer(server.url)
        for path in PUBLIC_PATHS:
            assert fetch(opener, server.url + path)[0] == 200
        # The same sources, told to try again, now get their receipts: nobody restarted anything.
        for source in sources[SOURCES // 2 :]:
            assert source.open_form()[0] == 200
            assert source.send().codename, source.sent.page[:300]
            receipts.append(source.sent)
    assert_every_receipt_is_stored_whole(env, recovery_key, receipts)
