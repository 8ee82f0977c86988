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

# Its own primary and replica, whatever the suite's database: the PostgreSQL pass of .ci/run leaves it out.
pytestmark = pytest.mark.same_on_every_database


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


def test_every_public_surface_reads_a_current_replica(scenario):
    for surface, answer in scenario["before_withholding"].items():
        assert answer["status"] == 200, surface
        assert answer["names_withheld"], surface
        assert answer["replica"] > 0, surface


def test_a_letter_withheld_while_the_replica_is_paused_is_on_no_public_surface(scenario):
    assert scenario["replica_still_shows_it"]  # the paused replica has not replayed the withholding
    for surface, answer in scenario["paused"].items():
        assert answer["status"] == (404 if surface in ("page", "api_record") else 200), surface
        assert not answer["names_withheld"], surface
        # Only the version check asks the replica; every page read goes to the primary.
        assert answer["replica"] <= 1, surface


def test_once_the_replica_replays_the_withholding_it_serves_again_without_the_letter(scenario):
    for surface, answer in scenario["resumed"].items():
        assert answer["status"] == (404 if surface in ("page", "api_record") else 200), surface
        assert not answer["names_withheld"], surface
        assert answer["replica"] > 1, surface


def test_an_export_whose_replica_goes_away_before_its_first_bytes_is_made_from_the_primary(scenario):
    for export in ("export_replica_away", "export_jsonl_replica_away"):
        answer = scenario[export]
        assert answer["status"] == 200, export
        assert answer["bytes"] > 0, export
        assert answer["primary"] > 0, export
    assert scenario["export_replica_away"]["stopped_mid_request"]
    assert scenario["export_replica_away"]["replica"] > 0  # it had chosen the replica


def test_a_replica_gone_away_still_gets_answers_from_the_primary(scenario):
    for request in ("replica_away_first", "replica_away_then", "replica_away_list"):
        assert scenario[request]["status"] == 200, request
    assert scenario["replica_away_then"]["replica"] == 0  # set aside after the first failure
