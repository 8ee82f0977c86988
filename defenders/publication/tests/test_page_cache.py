"""The early answer (publication/page_cache.py): a kept public page is given with exactly the headers and body the
whole middleware stack gives it, only to readers who would get the same page, and never after what made it public
has changed, even across threads and with a moving clock."""

import gzip
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings

from defenders.communications import actions
from defenders.publication.page_cache import shareable

from .conftest import LATER, SECOND_PUBLIC

EARLY = "defenders.publication.page_cache.PublicPageCacheMiddleware"
ONION = "defendersx" + "a" * 46 + ".onion"
CLEAR_WEB = "defenders.example.org"
# What the stack below the early answer sets on a public page; each must come back on the early answer.
STACK_HEADERS = {
    "Content-Type",
    "Content-Language",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
    "Vary",
}


def kept_pages(communication) -> list[str]:
    page = communication.get_absolute_url()
    return ["/", "/communications/", "/communications/?page=2", page, f"{page}letter/", f"/fr{page}", "/zh/"]


def answered_early(response) -> bool:
    # AuthenticationMiddleware, below the early answer, gives every request it sees a `user`.
    return not hasattr(response.wsgi_request, "user")


def body(response) -> bytes:
    content = response.content
    return gzip.decompress(content) if response.get("Content-Encoding") == "gzip" else content


def without_length(response) -> dict[str, str]:
    # gzip pads each body it makes with a random number of bytes: only the length differs between two makings.
    return {name: value for name, value in response.items() if name != "Content-Length"}


def full_stack(settings, path: str, **headers: Any):
    with override_settings(MIDDLEWARE=[name for name in settings.MIDDLEWARE if name != EARLY]):
        return Client(**headers).get(path)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["", "gzip, deflate, br"])
@pytest.mark.parametrize("accept_language", ["", "fr-CH, fr;q=0.9"])
def test_the_early_answer_has_the_headers_and_body_of_the_full_stack(
    settings, letters, encoding, accept_language
):
    first, _ = letters
    headers: dict[str, Any] = {"HTTP_ACCEPT_ENCODING": encoding, "HTTP_ACCEPT_LANGUAGE": accept_language}
    client = Client(**headers)
    with time_machine.travel(LATER):
        for path in kept_pages(first):
            full = full_stack(settings, path, **headers)
            made = client.get(path)
            early = client.get(path)
            assert (full.status_code, made.status_code, early.status_code) == (200, 200, 200), path
            assert not answered_early(made) and answered_early(early), path
            assert list(early.items()) == list(made.items()), path
            assert without_length(early) == without_length(full), path
            assert set(early.headers) >= STACK_HEADERS, (path, STACK_HEADERS - set(early.headers))
            assert ("Content-Encoding" in early) == bool(encoding), path
            assert body(early) == body(made) == body(full), path


@pytest.mark.django_db
def test_the_early_answer_carries_onion_location_for_its_host_only(settings, letters):
    settings.DEFENDERS_ONION_ADDRESS = ONION
    settings.ALLOWED_HOSTS = [CLEAR_WEB, ONION, "testserver"]
    page = letters[0].get_absolute_url()
    with time_machine.travel(LATER):
        full = full_stack(settings, page, HTTP_HOST=CLEAR_WEB)
        Client(HTTP_HOST=CLEAR_WEB).get(page)
        early = Client(HTTP_HOST=CLEAR_WEB).get(page)
        on_onion = Client(HTTP_HOST=ONION).get(page)
    assert answered_early(early)
    assert early["Onion-Location"] == full["Onion-Location"] == f"http://{ONION}{page}"
    assert not answered_early(on_onion)  # another host, another key
    assert "Onion-Location" not in on_onion


@pytest.mark.django_db
def test_an_english_address_offers_each_reader_their_own_language(letters):
    page = letters[0].get_absolute_url()
    with time_machine.travel(LATER):
        french = [Client(HTTP_ACCEPT_LANGUAGE="fr").get(page) for _ in range(2)]
        spanish = Client(HTTP_ACCEPT_LANGUAGE="es").get(page)
        english = Client(HTTP_ACCEPT_LANGUAGE="en").get(page)
        in_french = [Client().get(f"/fr{page}") for _ in range(2)]
    assert answered_early(french[1]) and not answered_early(spanish)
    assert 'hreflang="fr">Français' in french[1].content.decode()
    assert 'hreflang="es">Español' in spanish.content.decode()
    assert "language-suggestion" not in english.content.decode()
    assert answered_early(in_french[1])
    assert in_french[1]["Content-Language"] == "fr"
    assert french[1]["Content-Language"] == "en"


@pytest.mark.django_db
def test_no_kept_public_page_holds_a_token_a_nonce_or_a_cookie(settings, letters):
    first, _ = letters
    with time_machine.travel(LATER):
        for path in kept_pages(first):
            response = full_stack(settings, path)
            assert "csrfmiddlewaretoken" not in response.content.decode(), path
            assert "nonce-" not in response["Content-Security-Policy"], path
            assert not response.cookies, path
            assert shareable(response.wsgi_request, response), path


def test_an_answer_made_for_one_reader_is_not_shared():
    def answer(**headers: str) -> HttpResponse:
        return HttpResponse("<p>page</p>", headers=headers)

    request = HttpRequest()
    assert shareable(request, answer(Vary="Accept-Encoding, Accept-Language, Cookie"))
    with_cookie = answer()
    with_cookie.set_cookie("session", "a reader's")
    assert not shareable(request, with_cookie)
    assert not shareable(request, answer(Vary="User-Agent"))
    assert not shareable(request, answer(**{"Cache-Control": "private, max-age=60"}))
    assert not shareable(request, HttpResponse("not found", status=404))
    with_nonce = HttpRequest()
    with_nonce._csp_nonce = "drawn for this answer"  # type: ignore[attr-defined]
    assert not shareable(with_nonce, answer())


@pytest.mark.django_db
def test_readers_with_a_session_or_a_message_and_pages_not_kept_go_through_the_whole_stack(letters):
    first, second = letters
    page = first.get_absolute_url()
    with time_machine.travel(SECOND_PUBLIC - timedelta(days=1)):
        for cookie in ("session", "messages"):
            client = Client()
            client.cookies[cookie] = "something"
            assert not answered_early(client.get(page)) and not answered_early(client.get(page))
        client = Client()
        for path in (second.get_absolute_url(), "/communications/?page=6", "/how-communications-work/"):
            client.get(path)
            assert not answered_early(client.get(path)), path


@pytest.mark.django_db
def test_withholding_removes_the_letter_from_every_early_answer_at_once(letters):
    _, second = letters
    client = Client()
    paths = ["/", "/communications/", second.get_absolute_url(), f"{second.get_absolute_url()}letter/"]
    with time_machine.travel(LATER):
        for path in paths:
            client.get(path)
            assert answered_early(client.get(path)), path
        actions.withhold_communication(second, reason="a new risk to the defender", by=None)
        after = {path: client.get(path) for path in paths}
    assert after[second.get_absolute_url()].status_code == 404
    assert after[f"{second.get_absolute_url()}letter/"].status_code == 404
    assert "second letter" not in after["/"].content.decode()
    assert "second letter" not in after["/communications/"].content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kept_for", [0, 600])
def test_a_commit_reaches_the_early_answers_of_every_thread_and_the_clock_its_moment(letters, kept_for):
    """Outside a transaction the version is read on a connection kept between requests (the thread's own, or
    Django's when DEFENDERS_DB_CONN_MAX_AGE keeps it): a withholding committed elsewhere must be seen there at the
    next request, and a publication moment must end what was kept before it."""
    _, second = letters
    database = connections.settings["default"]  # every thread's connections are made from it
    reader = ThreadPoolExecutor(max_workers=1)  # another worker thread, with its own connections

    def read(path: str):
        return reader.submit(Client().get, path).result()

    def read_twice(path: str):
        read(path)
        return read(path)

    database["CONN_MAX_AGE"], kept_before = kept_for, database["CONN_MAX_AGE"]
    try:
        with time_machine.travel(SECOND_PUBLIC - timedelta(seconds=30)):
            before = read_twice("/communications/")
            assert answered_early(before)
            assert "second letter" not in before.content.decode()
        with time_machine.travel(SECOND_PUBLIC + timedelta(seconds=1)):
            assert "second letter" in read("/communications/").content.decode()
            assert answered_early(read_twice(second.get_absolute_url()))
            actions.withhold_communication(second, reason="a new risk to the defender", by=None)
            assert read(second.get_absolute_url()).status_code == 404
            listed = read("/communications/").content.decode()
            assert "second letter" not in listed and "first letter" in listed
    finally:
        database["CONN_MAX_AGE"] = kept_before
        reader.submit(connections.close_all).result()
        reader.shutdown()
