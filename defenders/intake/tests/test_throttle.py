"""Codename throttling: counted per attempted codename and in all, in the database that every worker shares,
never by address."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from defenders.intake import throttle
from defenders.intake.models import CodenameFailures, Submission
from defenders.intake.tests.helpers import codename_from, confidential_form

GUESSED = "alpha bravo charlie delta echo foxtrot golf"


@pytest.fixture
def source(client, recovery_key, officer) -> str:
    codename = codename_from(client.post("/submit/confidential/", confidential_form()))
    client.logout()
    return codename


def test_a_codename_tried_too_often_is_throttled_across_workers(source):
    # Two workers: separate clients, and the cache emptied before each attempt, as another process would see it.
    workers = [Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")]
    for attempt in range(throttle.MAX_FAILURES):
        cache.clear()
        assert workers[attempt % 2].post("/submit/follow-up/", {"codename": GUESSED}).status_code == 400
    cache.clear()
    blocked = workers[0].post("/submit/follow-up/", {"codename": GUESSED})
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.content.decode()


def test_the_right_codename_gets_in_from_the_same_address_while_another_is_being_guessed(source):
    # Behind a proxy or an onion service, the attacker and every source share one address.
    shared = Client(REMOTE_ADDR="127.0.0.1")
    for _ in range(throttle.MAX_FAILURES + 3):
        shared.post("/submit/follow-up/", {"codename": GUESSED})
    assert shared.post("/submit/follow-up/", {"codename": GUESSED}).status_code == 429
    returning = Client(REMOTE_ADDR="127.0.0.1").post("/submit/follow-up/", {"codename": source})
    assert returning.status_code == 200
    assert "Your conversation with the team" in returning.content.decode()


def test_a_ceiling_on_all_failures_slows_a_guesser_who_spreads_over_many_codenames(source, monkeypatch):
    monkeypatch.setattr(throttle, "MAX_FAILURES_IN_ALL", 3)
    for number in range(3):
        guess = f"{GUESSED} {number}"
        assert Client().post("/submit/follow-up/", {"codename": guess}).status_code == 400
    # Beyond the ceiling no codename is even looked up until the window ends: the price of bounding guesses.
    assert Client().post("/submit/follow-up/", {"codename": f"{GUESSED} 9"}).status_code == 429
    assert Client().post("/submit/follow-up/", {"codename": source}).status_code == 429


def test_the_throttled_page_is_in_the_sources_language(source):
    client = Client()
    for _ in range(throttle.MAX_FAILURES):
        client.post("/fr/submit/follow-up/", {"codename": GUESSED})
    blocked = client.post("/fr/submit/follow-up/", {"codename": GUESSED})
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.content.decode()


def test_the_counts_keep_no_address_and_no_lookup_key(source):
    Client(REMOTE_ADDR="203.0.113.77").post("/submit/follow-up/", {"codename": GUESSED})
    rows = list(CodenameFailures.objects.values_list("scope", flat=True))
    assert len(rows) == 2 and throttle.ALL in rows
    lookups = set(Submission.objects.values_list("codename_lookup", flat=True))
    assert not any("203.0.113.77" in scope or scope in lookups for scope in rows)


def test_stale_counts_are_deleted(source, monkeypatch):
    Client().post("/submit/follow-up/", {"codename": GUESSED})
    later = throttle.window_start() + timedelta(seconds=throttle.WINDOW_SECONDS)
    monkeypatch.setattr(throttle, "window_start", lambda: later)
    Client().post("/submit/follow-up/", {"codename": GUESSED})
    assert set(CodenameFailures.objects.values_list("window_starts", flat=True)) == {later}
    assert set(CodenameFailures.objects.values_list("failures", flat=True)) == {1}
