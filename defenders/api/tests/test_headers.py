"""What every open data answer carries: conditional GET, CORS for reading, the rate limit without addresses."""

import logging

import pytest
from django.core.cache import cache
from django.test import Client

from defenders.api.limits import client_key


def test_an_unchanged_answer_is_304_for_its_etag(client, world):
    url = f"/api/v1/communications/{world.public.slug}"
    first = client.get(url)
    assert first["ETag"] and first["Cache-Control"] == "public, no-cache"
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, headers={"If-None-Match": '"another"'}).status_code == 200


def test_last_modified_is_when_the_record_last_changed_and_answers_if_modified_since(client, world):
    url = f"/api/v1/communications/{world.public.slug}"
    first = client.get(url)
    # Edited when built (1 February 2024), after it became public (24 December 2023) and its reply with it.
    assert first["Last-Modified"] == "Thu, 01 Feb 2024 11:00:00 GMT"
    assert client.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": "Wed, 31 Jan 2024 11:00:00 GMT"}).status_code == 200


def test_an_edit_changes_the_etag(client, world):
    url = f"/api/v1/communications/{world.public.slug}"
    before = client.get(url)["ETag"]
    from defenders.communications.models import Communication

    Communication.objects.filter(pk=world.public.pk).update(topic="A new topic")
    assert client.get(url, headers={"If-None-Match": before}).status_code == 200


def test_any_site_may_read_but_never_with_credentials(client, world):
    response = client.get("/api/v1/mandates", headers={"Origin": "https://newsroom.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options("/api/v1/mandates", headers={"Origin": "https://newsroom.example"})
    assert preflight.status_code == 204
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_writing_methods_are_refused_in_json(client, db):
    response = client.post("/api/v1/mandates")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"
    assert "GET" in response.json()["detail"]


def test_no_cookie_is_set_by_the_api(client, world):
    assert not client.get("/api/v1/mandates").cookies


def test_head_is_answered_like_get(client, world):
    assert client.head("/api/v1/mandates").status_code == 200


@pytest.fixture
def tight_limit(settings):
    settings.DEFENDERS_API_RATE = "3/m"


def test_past_the_rate_a_client_gets_a_clear_429_with_retry_after(client, world, tight_limit):
    answers = [client.get("/api/v1/mandates") for _ in range(4)]
    assert [response.status_code for response in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["retry_after"] == int(refused["Retry-After"])
    assert "Too many requests" in refused.json()["detail"]
    assert refused["Access-Control-Allow-Origin"] == "*"


def test_each_client_has_its_own_count(world, tight_limit):
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    for _ in range(3):
        first.get("/api/v1/mandates")
    assert first.get("/api/v1/mandates").status_code == 429
    assert second.get("/api/v1/mandates").status_code == 200


def test_behind_a_proxy_clients_are_told_apart_by_the_header_it_appends(world, tight_limit, settings):
    settings.DEFENDERS_CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(3):
        # A client cannot pick its own count by sending the header: the proxy's entry is the last one.
        proxy.get("/api/v1/mandates", headers={"X-Forwarded-For": "198.51.100.9, 203.0.113.5"})
    assert proxy.get("/api/v1/mandates", headers={"X-Forwarded-For": "203.0.113.5"}).status_code == 429
    assert proxy.get("/api/v1/mandates", headers={"X-Forwarded-For": "203.0.113.6"}).status_code == 200


def test_the_cache_holds_no_address_and_nothing_is_logged(world, tight_limit, caplog):
    caplog.set_level(logging.DEBUG)
    address = "192.0.2.77"
    Client(REMOTE_ADDR=address).get("/api/v1/mandates")
    stored = repr(cache._cache)  # type: ignore[attr-defined]
    assert address not in stored and address not in caplog.text
    # Nor the keyed hash in clear: the cache key is a hash of it with the window.
    assert client_key("api", _request(address)) not in stored


def _request(address: str):
    from django.test import RequestFactory

    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_the_client_key_depends_on_the_site_secret(settings):
    before = client_key("api", _request("192.0.2.1"))
    settings.SECRET_KEY = "another secret that is long enough for the test"
    assert client_key("api", _request("192.0.2.1")) != before
