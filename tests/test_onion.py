"""The source pages on an onion service: Tor Browser is offered the onion address (`Onion-Location`) where one is
configured, and no source page links to the clear-web host, so that a source on the onion stays on it."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from defenders.core import onion
from defenders.intake.tests.helpers import confidential_form

ONION = "defendersx" + "a" * 46 + ".onion"
CLEAR_WEB = "defenders.example.org"
SOURCE_PAGES = ["/submit/", "/submit/confidential/", "/submit/follow-up/", "/meeting/", "/contact/"]
ABSOLUTE_LINK = re.compile(r"""(?:href|src|action|content)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture
def onion_configured(settings):
    settings.DEFENDERS_ONION_ADDRESS = ONION
    settings.ALLOWED_HOSTS = [CLEAR_WEB, ONION, "testserver"]
    settings.DEFENDERS_SITE_URL = f"https://{CLEAR_WEB}"
    yield


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/communications/", *SOURCE_PAGES, "/fr/submit/confidential/"])
def test_clear_web_pages_offer_the_onion_address_for_the_same_page(client, onion_configured, path):
    response = client.get(path, HTTP_HOST=CLEAR_WEB)
    assert response.status_code == 200
    assert response["Onion-Location"] == f"http://{ONION}{path}"


@pytest.mark.django_db
def test_the_query_string_is_kept_and_the_onion_service_itself_is_not_told_again(client, onion_configured):
    assert client.get("/communications/?q=lawyer", HTTP_HOST=CLEAR_WEB)["Onion-Location"] == (
        f"http://{ONION}/communications/?q=lawyer"
    )
    on_onion = client.get("/submit/", HTTP_HOST=ONION)
    assert on_onion.status_code == 200
    assert "Onion-Location" not in on_onion


@pytest.mark.django_db
def test_no_onion_location_without_an_address_nor_on_the_staff_pages(client, settings, onion_configured):
    assert "Onion-Location" not in client.get("/staff/login/", HTTP_HOST=CLEAR_WEB)
    settings.DEFENDERS_ONION_ADDRESS = ""
    assert "Onion-Location" not in client.get("/submit/", HTTP_HOST=CLEAR_WEB)


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*SOURCE_PAGES, "/fr/submit/", "/ar/submit/confidential/"])
def test_source_pages_carry_no_absolute_link_to_the_clear_web_host(client, onion_configured, path):
    page = client.get(path, HTTP_HOST=ONION).content.decode()
    assert CLEAR_WEB not in page
    assert not ABSOLUTE_LINK.search(page), ABSOLUTE_LINK.search(page)


@pytest.mark.django_db
def test_the_page_after_a_submission_carries_no_link_to_the_clear_web_host(
    client, onion_configured, recovery_key
):
    client.get("/submit/confidential/", HTTP_HOST=ONION)
    response = client.post("/submit/confidential/", confidential_form(), HTTP_HOST=ONION)
    page = response.content.decode()
    assert response.status_code == 200 and 'id="codename"' in page
    assert CLEAR_WEB not in page
    assert not ABSOLUTE_LINK.search(page)


def test_an_address_that_is_not_a_v3_onion_stops_start_up(settings):
    settings.DEFENDERS_ONION_ADDRESS = "example.onion"
    assert [error.id for error in onion.onion_address_is_valid(None)] == ["defenders.E040"]
    with pytest.raises(SystemCheckError, match=r"defenders\.E040"):
        call_command("check")
    settings.DEFENDERS_ONION_ADDRESS = ONION
    assert onion.onion_address_is_valid(None) == []
