"""Reasons in the audit trail: stored as a message and its parameters, read in the reader's language; plain text
(older rows, a person's own words) shown as written."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from defenders.cases import actions as case_actions
from defenders.communications import actions as communication_actions
from defenders.core.history import Reason, Text, is_record, on_day, reason_html, reason_text
from defenders.core.templatetags.locale_format import local_day
from defenders.workspace.audit import AuditEntry
from tests.english_left import english_words_left
from tests.staff_language import staff_pages_in_cookie_language

WITHHELD = Reason("Withheld: {reason}", reason="The family is moving")
RECEIVED = Reason("Reply received on {day}", day=on_day(date(2023, 11, 20)))


def test_a_reason_round_trips_and_reads_in_each_language():
    stored = WITHHELD.stored()
    assert is_record(stored)
    assert reason_text(stored) == "Withheld: The family is moving"
    with translation.override("fr"):
        assert reason_text(stored) == "Retenue : The family is moving"
    with translation.override("ar"):
        assert reason_text(stored) == "حُجبت: The family is moving"
    with translation.override(None):
        assert reason_text(stored) == "Withheld: The family is moving"


def test_a_day_reads_as_the_record_wrote_it_in_english_and_in_words_elsewhere():
    stored = RECEIVED.stored()
    assert reason_text(stored) == "Reply received on 2023-11-20"
    with translation.override("fr"):
        assert reason_text(stored) == "Réponse reçue le 20 novembre 2023"
    with translation.override("ar"):
        assert reason_text(stored) == f"ورد الرد في {local_day(date(2023, 11, 20))}"


def test_a_nested_reason_is_rendered_too():
    stored = Reason(
        "{reason}: sent on {day}",
        reason=Reason("Imported"),
        day=on_day(date(2024, 2, 28)),
    ).stored()
    assert reason_text(stored) == "Imported: sent on 2024-02-28"
    with translation.override("fr"):
        assert reason_text(stored) == "Importation : envoyée le 28 février 2024"


def test_a_plain_reason_reads_as_it_was_written():
    with translation.override("fr"):
        assert reason_text("Withheld: the family is moving") == "Withheld: the family is moving"
        assert reason_text('{"not": "a record"}') == '{"not": "a record"}'
        assert reason_text(None) == reason_text("") == ""
    assert not is_record("Imported")


def test_a_person_s_words_are_neither_translated_nor_escaped_twice():
    words = "<b>{day}</b> & « Imported »"
    stored = Reason("Withheld: {reason}", reason=words).stored()
    with translation.override("fr"):
        shown = reason_text(stored)
        assert shown == f"Retenue : {words}"
        entry = AuditEntry(at=timezone.now(), who="amina.officer", what="Changed", reason=reason_html(stored))
        html = render_to_string("workspace/_audit_trail.html", {"entries": [entry]})
    assert "Retenue : &lt;b&gt;{day}&lt;/b&gt; &amp; « Imported »" in html
    assert "&amp;lt;" not in html


def test_words_of_a_known_language_are_marked_with_it_on_a_page():
    stored = Reason("Follows up {communications}", communications=Text("an appeal", "en")).stored()
    with translation.override("fr"):
        assert reason_text(stored) == "Fait suite à an appeal"
        assert reason_html(stored) == 'Fait suite à <span lang="en">an appeal</span>'


def _audit_trail(html: str) -> str:
    found = re.search(r'<section class="audit-trail".*?</section>', html, flags=re.S)
    assert found is not None
    return found.group(0)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_case_page_shows_its_audit_trail_in_the_reader_s_language(client, officer, mandates, language):
    case = case_actions.create_case(by=officer, title="Leyla Demirtas")
    theme = case_actions.add_theme("Environnement", by=officer)
    case_actions.set_themes(case, [theme], by=officer)
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with staff_pages_in_cookie_language():
        trail = _audit_trail(client.get(f"/staff/cases/{case.uid}/").content.decode())
    expected = {"fr": ["Ouvert", "Thèmes : Environnement"], "ar": ["فُتحت", "المواضيع: Environnement"]}
    for reason in expected[language]:
        assert reason in trail
    assert 'lang="en"' not in trail
    assert english_words_left(f'<html lang="{language}"><body>{trail}</body></html>') == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_communication_page_shows_its_audit_trail_in_the_reader_s_language(
    client, officer, make_communication, language
):
    letter = make_communication(code="RUS", sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")
    communication_actions.withhold_communication(letter, reason="La famille déménage", by=officer)
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with staff_pages_in_cookie_language():
        trail = _audit_trail(client.get(f"/staff/communications/{letter.uid}/").content.decode())
    expected = {
        "fr": [
            "Retenue : La famille déménage",
            "envoyée le 25 octobre 2023 sous la référence AL RUS 15/2023",
        ],
        "ar": ["حُجبت: La famille déménage", "بالمرجع AL RUS 15/2023"],
    }
    for reason in expected[language]:
        assert reason in trail
    assert english_words_left(f'<html lang="{language}"><body>{trail}</body></html>') == []


@pytest.mark.django_db
def test_a_plain_reason_keeps_its_english_mark_on_the_page(client, officer, make_communication):
    letter = make_communication(code="RUS", sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")
    communication_actions.edit_communication(
        letter, by=officer, reason="Typed by hand", title="Another title"
    )
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    with staff_pages_in_cookie_language():
        trail = _audit_trail(client.get(f"/staff/communications/{letter.uid}/").content.decode())
    assert '<span lang="en">Typed by hand</span>' in trail
