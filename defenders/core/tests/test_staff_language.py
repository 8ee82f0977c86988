"""The staff pages have one address (/staff/) and speak the staff member's language: Django's language cookie
where set, else the browser's Accept-Language, else English. No English is left on them in another language."""

import pytest
from django.conf import settings

from conftest import OFFICER_PASSWORD
from defenders.intake.tests.helpers import confidential_form
from defenders.workspace import tiles as tiles_module
from tests.english_left import english_words_left

pytestmark = pytest.mark.django_db

# Accept-Language value -> the language the page must declare.
BROWSERS = {
    "ar": "ar",
    "zh-CN,zh;q=0.9": "zh-hans",
    "fr-CH, fr;q=0.9, en;q=0.8": "fr",
    "ru": "ru",
    "es-419": "es",
}


@pytest.fixture
def only_the_intakes_tiles(monkeypatch):
    """The dashboard's other tiles are the other apps' strings (and their catalogues); these are ours."""
    monkeypatch.setattr(tiles_module, "DASHBOARD_MODULES", ["defenders.intake.dashboard"])


def assert_staff_page_in(response, language: str, status: int = 200) -> str:
    html = response.content.decode()
    assert response.status_code == status, html[:300]
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]
    assert english_words_left(html) == []
    return html


@pytest.mark.parametrize(("accept", "language"), BROWSERS.items())
def test_the_dashboard_speaks_the_staff_members_browser_language(
    client, officer, only_the_intakes_tiles, accept, language
):
    client.force_login(officer)
    html = assert_staff_page_in(client.get("/staff/", HTTP_ACCEPT_LANGUAGE=accept), language)
    assert "Dashboard" not in html and "Log out" not in html


@pytest.mark.parametrize(("accept", "language"), BROWSERS.items())
def test_the_inbox_and_a_submission_speak_the_staff_members_language(
    client, recovery_key, officer, accept, language
):
    client.post("/submit/confidential/", {**confidential_form(), "incidents-0-account": "—", "risk_now": "—"})
    client.cookies.clear()
    client.force_login(officer)
    assert_staff_page_in(client.get("/staff/unlock/", HTTP_ACCEPT_LANGUAGE=accept), language)
    wrong = client.post("/staff/unlock/", {"password": "not it"}, HTTP_ACCEPT_LANGUAGE=accept)
    assert_staff_page_in(wrong, language, status=400)
    client.post("/staff/unlock/", {"password": OFFICER_PASSWORD})
    inbox = assert_staff_page_in(client.get("/staff/inbox/", HTTP_ACCEPT_LANGUAGE=accept), language)
    uid = inbox.split('href="/staff/inbox/')[1].split("/")[0]
    assert_staff_page_in(client.get(f"/staff/inbox/{uid}/", HTTP_ACCEPT_LANGUAGE=accept), language)


@pytest.mark.parametrize(("accept", "language"), BROWSERS.items())
def test_the_staff_login_and_its_errors_speak_the_browsers_language(client, officer, accept, language):
    assert_staff_page_in(client.get("/staff/login/", HTTP_ACCEPT_LANGUAGE=accept), language)
    refused = client.post(
        "/staff/login/", {"username": "amina.officer", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE=accept
    )
    html = assert_staff_page_in(refused, language, status=400)
    assert "do not open a staff account" not in html


def test_the_language_cookie_wins_over_the_browser(client, officer, only_the_intakes_tiles):
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert_staff_page_in(client.get("/staff/", HTTP_ACCEPT_LANGUAGE="fr"), "ru")


def test_without_a_preference_the_staff_pages_are_in_english(client, officer, only_the_intakes_tiles):
    client.force_login(officer)
    html = client.get("/staff/").content.decode()
    assert '<html lang="en" dir="ltr">' in html and "Dashboard" in html


def test_a_public_address_keeps_the_language_of_its_prefix_whatever_the_browser_says(client, recovery_key):
    html = client.get("/contact/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="en"' in html  # the browser's language is offered, never imposed on an English address
    assert '<html lang="ru"' in client.get("/ru/contact/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
