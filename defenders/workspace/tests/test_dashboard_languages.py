"""Every tile of the dashboard (each app's counts: communications becoming public in the next 7 days, replies
overdue, drafts waiting, cases to follow up...) and the account page speak the staff member's language."""

from datetime import date

import pytest

from defenders.workspace.tiles import tiles_for
from tests.english_left import english_words_left

pytestmark = pytest.mark.django_db
LANGUAGES = {"ar": "ar", "zh-CN": "zh-hans", "fr": "fr", "ru": "ru", "es": "es"}


@pytest.fixture
def busy_office(make_communication, officer):
    """Something behind most tiles: a letter public soon, one unanswered, a fresh urgent appeal, a draft."""
    make_communication(sent_on=date.today(), type="UA", reference="UA RUS 1/2026")
    make_communication(sent_on=None, title="a draft")
    return officer


@pytest.mark.parametrize(("accept", "language"), LANGUAGES.items())
def test_every_dashboard_tile_is_in_the_staff_members_language(client, busy_office, accept, language):
    client.force_login(busy_office)
    html = client.get("/staff/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert f'<html lang="{language}"' in html
    assert english_words_left(html) == []
    from django.utils import translation

    with translation.override(language):
        labels = [str(tile.label) for tile in tiles_for(busy_office)]
    with translation.override("en"):
        english = [str(tile.label) for tile in tiles_for(busy_office)]
    assert len(labels) >= 5
    assert not set(labels) & set(english), "a tile's label is the English one"


@pytest.mark.parametrize(("accept", "language"), LANGUAGES.items())
def test_the_account_page_is_in_the_staff_members_language(client, officer, accept, language):
    client.force_login(officer)
    html = client.get("/staff/account/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert f'<html lang="{language}"' in html
    assert english_words_left(html) == []
