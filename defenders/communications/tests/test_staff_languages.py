"""The staff pages of sent communications and of press releases in French and Arabic, each form with an error: no
English word left on the whole page. Staff pages have no address prefix: the language comes from the cookie."""

from datetime import date, datetime

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import translation

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions, states
from defenders.communications.models import Reply
from defenders.press import actions as press_actions
from defenders.press.workspace_views import waiting_for
from tests.english_left import english_words_left
from tests.staff_language import staff_pages_in_cookie_language

LANGUAGES = ["fr", "ar"]
# 12 December 2023: the letter sent on 25 October 2023 becomes public on 24 December 2023, in 12 days.
BEFORE_PUBLICATION = datetime(2023, 12, 12, 15, tzinfo=OFFICE_TIME_ZONE)


@pytest.fixture
def letter(make_communication):
    letter = make_communication(code="RUS", sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")
    actions.record_reply(
        letter,
        by=None,
        received_on=date(2023, 11, 20),
        kind=Reply.Kind.SUBSTANTIVE,
        language="en",
        summary="",
    )
    return letter


def english_left_on(client: Client, language: str, pages: dict[str, tuple[str, dict | None, int]]) -> dict:
    """Each page fetched (GET, or POST with its data) in the language, and the English words it still shows."""
    left = {}
    with staff_pages_in_cookie_language():
        for name, (path, data, status) in pages.items():
            response = client.get(path) if data is None else client.post(path, data)
            assert response.status_code == status, (name, response.status_code)
            html = response.content.decode()
            assert f'<html lang="{language}"' in html, name
            words = english_words_left(html)
            if words:
                left[name] = words
    return left


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_communication_pages_have_no_english_left(client, officer, letter, language):
    reply = letter.replies.get()
    # A correction, so that the audit trails list changed fields and values (a choice, a yes or no, a date).
    actions.correct_reply(
        reply, by=None, reason="Corrected: the date", received_on=date(2023, 11, 21), translation_pending=True
    )
    page = f"/staff/communications/{letter.uid}/"
    reply_page = f"{page}replies/{reply.uid}/"
    with time_machine.travel(BEFORE_PUBLICATION, tick=False):
        client.force_login(officer)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        left = english_left_on(
            client,
            language,
            {
                "list": ("/staff/communications/", None, 200),
                "list filtered": ("/staff/communications/?state=embargoed&type=AL", None, 200),
                "detail": (page, None, 200),
                "withhold without a reason": (page + "withhold/", {"withhold-reason": " "}, 400),
                "reply without a date": (page + "replies/", {"kind": "substantive", "language": "en"}, 400),
                "reply edit": (reply_page, None, 200),
                "reply edit without a reason": (
                    reply_page,
                    {"received_on": "2023-11-20", "kind": "substantive"},
                    400,
                ),
                "reply delete": (reply_page + "delete/", None, 200),
                "reply delete without a reason": (reply_page + "delete/", {"reason": ""}, 400),
            },
        )
    assert left == {}, (language, left)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_press_release_pages_have_no_english_left(client, officer, make_communication, language):
    unsent = make_communication(code="TUR", type="UA", sent_on=None, title="an appeal still in draft")
    release = press_actions.draft_press_release(
        title="Experts alarmed", body="Geneva.", communications=[unsent], by=None
    )
    press_actions.edit_press_release(release, by=None, title="Experts inquiets", language="fr")
    page = f"/staff/press-releases/{release.uid}/"
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    left = english_left_on(
        client,
        language,
        {
            "list": ("/staff/press-releases/", None, 200),
            "new": ("/staff/press-releases/new/", None, 200),
            "new without a title": ("/staff/press-releases/new/", {"body": "Genève.", "language": "fr"}, 400),
            "detail": (page, None, 200),
            "detail without a title": (page, {"title": "", "body": "Genève.", "language": "fr"}, 400),
            "withdraw without a reason": (page + "withdraw/", {"reason": " "}, 400),
            "schedule without a moment": (page + "schedule/", {"moment": "tomorrow"}, 400),
        },
    )
    assert left == {}, (language, left)


def test_the_countdown_and_the_ordering_rule_speak_the_language(make_communication, db):
    moment = datetime(2023, 12, 24, tzinfo=OFFICE_TIME_ZONE)
    with translation.override("fr"):
        assert states.countdown(moment, BEFORE_PUBLICATION) == (
            "Publique le 24 décembre 2023 à 00:00, heure de Genève — dans 12 jours"
        )
        assert states.countdown(moment, datetime(2024, 1, 2, tzinfo=OFFICE_TIME_ZONE)).startswith(
            "Publique depuis le 24 décembre 2023"
        )
    unsent = make_communication(code="TUR", type="UA", sent_on=None, title="an appeal still in draft")
    release = press_actions.draft_press_release(
        title="Experts", body="Genève.", communications=[unsent], by=None
    )
    with translation.override("fr"):
        said = waiting_for(release)
    assert said.startswith("Ce communiqué ne peut pas encore être programmé ni publié : 1 communication liée")


@pytest.mark.django_db
def test_the_error_the_state_and_the_tiles_are_the_languages_own_words(client, officer, letter):
    """Words the checker cannot tell from French (an error, a state) are the French ones."""
    from defenders.communications.dashboard import tiles

    page = f"/staff/communications/{letter.uid}/"
    with time_machine.travel(BEFORE_PUBLICATION, tick=False):
        client.force_login(officer)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        with staff_pages_in_cookie_language():
            refused = client.post(page + "withhold/", {"withhold-reason": " "}).content.decode()
            listed = client.get("/staff/communications/").content.decode()
        with translation.override("fr"):
            labels = [tile.label for tile in tiles(officer)]
    assert "Ce champ est obligatoire." in refused
    assert "dans 12 jours" in refused
    assert "Réponse sur le fond, reçue le 20 novembre 2023" in refused
    assert ">Confidentielle</span>" in listed
    assert labels == [
        "Rendues publiques dans les 7 prochains jours",
        "Plus de 60 jours sans réponse",
        "Appels urgents des dernières 48 heures",
    ]
    with translation.override("fr"):
        assert str(letter.replies.get()) == "Réponse sur le fond à AL RUS 15/2023, reçue le 20 novembre 2023"
