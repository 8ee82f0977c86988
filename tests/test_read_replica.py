"""Public reads on a streaming replica, for real: a PostgreSQL 15 primary and replica on loopback
(tests/postgres_pair.py), the site run against both in its own process (tests/replica_scenario.py).
Skipped where Debian's PostgreSQL binaries are absent."""

import json
import os
import subprocess
import sys

import pytest

from tests import postgres_pair
from tests.serving import ROOT


@pytest.fixture(scope="module")
def scenario():
    reason = postgres_pair.available()
    if reason:
        pytest.skip(reason)
    pair = postgres_pair.start()
    (pair.folder / "ports").write_text(f"{pair.primary_port} {pair.replica_port}\n", encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DEFENDERS_") and key != "DATABASE_URL"
    }
    env.update(
        DATABASE_URL=pair.primary_url,
        DATABASE_REPLICA_URL=pair.replica_url,
        DEFENDERS_REPLICA_MAX_LAG_SECONDS="1",
        DEFENDERS_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="defenders.settings",
        PG_PAIR_DIR=str(pair.folder),
    )
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.replica_scenario"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        pair.stop()
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_public_page_is_read_from_the_replica(scenario):
    for page in ("public", "public_list"):
        assert scenario[page]["status"] == 200
        assert scenario[page]["replica"] > 0


def test_a_signed_in_session_and_the_staff_pages_read_only_the_primary(scenario):
    assert scenario["signed_in"]["status"] == 200
    assert scenario["signed_in"]["replica"] == 0
    assert scenario["staff_page"]["replica"] == 0


def test_a_replica_lagging_past_the_bound_leaves_public_pages_to_the_primary(scenario):
    assert scenario["lag_seconds"] > 1
    assert scenario["usable_while_lagging"] is False
    assert scenario["lagging"] == {"status": 200, "primary": scenario["lagging"]["primary"], "replica": 0}
    assert scenario["caught_up"]["status"] == 200
    assert scenario["caught_up"]["replica"] > 0


def test_a_replica_gone_away_still_gets_answers_from_the_primary(scenario):
    for request in ("replica_away_first", "replica_away_then", "replica_away_list"):
        assert scenario[request]["status"] == 200, request
    assert scenario["replica_away_then"]["replica"] == 0  # set aside after the first failure
