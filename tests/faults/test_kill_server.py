"""kill -9 of the whole server while submissions are in flight: every receipt shown was for a submission that
is stored, whole (content and file open with the recovery key), once; the server starts again on the same data."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from defenders.intake.actions.retention import LONGEST_REQUEST
from tests.serving import create_recovery_key, serve_environment, served

from .support import (
    REQUEST_SECONDS,
    ROUNDS,
    SOURCES,
    Sent,
    Source,
    assert_every_receipt_is_stored_whole,
    store,
)

KILL_AFTER_SECONDS = 30  # the latest moment to kill, should the answers be slow to come


def _send_and_kill(server, round_number: int) -> list[Sent]:
    sources = [Source(server.url, f"Marker {round_number}-{n}") for n in range(SOURCES)]
    for source in sources:
        status, page, _ = source.open_form()
        assert status == 200 and source.token, page[:300]
    answered = threading.Semaphore(0)

    def send(source: Source) -> Sent:
        try:
            return source.send()
        finally:
            answered.release()

    with ThreadPoolExecutor(max_workers=SOURCES) as pool:
        futures = [pool.submit(send, source) for source in sources]
        # Kill once a third of the sources have their answer: the rest are queued, being read or mid-commit.
        deadline = time.monotonic() + KILL_AFTER_SECONDS
        for _ in range(max(1, SOURCES // 3)):
            if not answered.acquire(timeout=max(0.0, deadline - time.monotonic())):
                break
        server.kill_hard()
        return [future.result(timeout=REQUEST_SECONDS + 30) for future in futures]


def test_kill_9_mid_load_loses_no_receipted_submission(tmp_path, database_url):
    extra = {"DATABASE_URL": database_url.url} if database_url else {}
    env = serve_environment(tmp_path / "data", DEFENDERS_KEY_DIR=str(tmp_path / "keys"), **extra)
    recovery_key = create_recovery_key(env)
    receipts: list[Sent] = []
    for round_number in range(ROUNDS):
        with served(env, tmp_path / "serve.log") as server:
            outcomes = _send_and_kill(server, round_number)
        receipts += [sent for sent in outcomes if sent.codename]
        print(
            f"round {round_number}: {sum(1 for s in outcomes if s.codename)} receipts, statuses {sorted({s.status for s in outcomes})}"
        )
        unanswered = [sent for sent in outcomes if not sent.codename]
        # Whoever got no receipt got no page, or a page that says so: never a receipt for what was not kept.
        assert all(sent.status in {0, 503} or sent.told_not_received for sent in unanswered), [
            (sent.status, sent.page[:200]) for sent in unanswered if sent.status not in {0, 503}
        ]
    assert receipts, "no source got a receipt before the kills: the test proved nothing"
    assert_every_receipt_is_stored_whole(env, recovery_key, receipts)
    # What the kills left is tidied: the next start clears the plaintext in scratch at once, and the files of
    # requests cut off before their commit go once older than the longest request (the reconciliation run as
    # if that time had passed), leaving no ciphertext without its row and no row without its file.
    with served(env, tmp_path / "serve.log"):
        scratch = Path(env["DEFENDERS_SCRATCH_DIR"]) / "defenders-intake"
        assert not scratch.exists() or not any(scratch.iterdir()), sorted(p.name for p in scratch.iterdir())
    tidied = store(env, {"do": "reconcile", "after_seconds": LONGEST_REQUEST.total_seconds() + 60})
    assert tidied["orphans"] == [] and tidied["rows_without_file"] == [], tidied
