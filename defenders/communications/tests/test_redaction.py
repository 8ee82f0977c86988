"""Redaction of names withheld from the public, and the check that nothing of them is left."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from defenders.communications.redaction import REDACTED_NAME, fold, leftover_name_parts, redact

NAMES = ["Ivan Secretov"]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Ivan Secretov is a lawyer.",
        "Secretov's office was searched.",
        "IVAN\nSECRETOV was detained.",  # capitals across a line break
        "ivan   secretov",
        "the Secretov-led campaign",  # a hyphenated part
        "Ivan-Secretov",
        "Ivan\u2011Secretov",  # a non-breaking hyphen
    ],
)
def test_a_withheld_name_is_removed_however_it_is_written(text):
    redacted = redact(text, NAMES)
    assert "secretov" not in redacted.casefold() and "ivan" not in redacted.casefold()
    assert REDACTED_NAME in redacted


def test_decomposed_accents_and_the_other_apostrophe_are_found():
    name = "Ayşe O’Brien"
    decomposed = unicodedata.normalize("NFD", "Ayşe O'Brien said")
    assert redact(decomposed, [name]) == f"{REDACTED_NAME} said"
    assert redact("AYSE OBRIEN and Ayşe O'Brien", [name]) == f"{REDACTED_NAME} and {REDACTED_NAME}"


def test_a_short_part_is_removed_after_a_title_and_stops_publication_elsewhere():
    assert (
        redact("Ms. Li spoke; Ms Li spoke", ["Li Wei"])
        == f"Ms. {REDACTED_NAME} spoke; Ms {REDACTED_NAME} spoke"
    )
    redacted = redact("Li spoke for the group", ["Li Wei"])
    assert redacted == "Li spoke for the group"  # a word this short is not removed blindly...
    assert [leftover.part for leftover in leftover_name_parts(redacted, ["Li Wei"])] == [
        "li"
    ]  # ...it is caught


def test_particles_neither_redact_ordinary_words_nor_block_publication():
    text = "The head of the organisation, María de la Cruz, spoke de facto for la communauté."
    redacted = redact(text, ["María de la Cruz"])
    assert redacted == f"The head of the organisation, {REDACTED_NAME}, spoke de facto for la communauté."
    assert leftover_name_parts(redacted, ["María de la Cruz"]) == []


def test_names_in_other_scripts():
    assert redact("王伟被拘留了", ["王伟"]) == f"{REDACTED_NAME}被拘留了"
    assert redact("قال محمد علي ولمحمد", ["محمد علي"]) == f"قال {REDACTED_NAME} ول{REDACTED_NAME}"
    assert redact("Анны Секретовой и Секретову", ["Анна Секретова"]) == f"{REDACTED_NAME} и {REDACTED_NAME}"


def test_the_text_around_the_name_is_kept_as_written():
    assert redact("« Ivan Secretov », l’avocat", NAMES) == f"« {REDACTED_NAME} », l’avocat"


def test_the_placeholder_itself_is_not_a_leftover_of_a_person_called_name():
    assert leftover_name_parts(REDACTED_NAME, ["Withheld Name"]) == []


def test_folding_maps_every_folded_character_back_to_the_original():
    folded = fold("Straße ŞİŞLİ")
    assert folded.text == "strasse sisli"
    assert folded.span(0, 7) == (0, 6)


# Names drawn as people are named: several parts, accents, apostrophes, hyphens, other scripts.
PARTS = (
    "Anna José O'Neil N’Diaye Müller Ğülşen Øster Jean-Luc Łukasz 王伟 李娜 محمد فاطمة Ольга Сергеев Nguyễn"
)
PART = st.sampled_from([*PARTS.split(), "Ðặng", "Zoë", "Ábrahám", "Kwame"])
NAME = st.lists(PART, min_size=1, max_size=3).map(" ".join)
WRITINGS = st.sampled_from(["as is", "upper", "NFD", "line break", "curly", "hyphen"])
FILLER = st.sampled_from(
    ["The defender", "was arrested.", "Les avocats de", "Правозащитник", "قال", "被拘留", ""]
)


def written(name: str, how: str) -> str:
    if how == "upper":
        return name.upper()
    if how == "NFD":
        return unicodedata.normalize("NFD", name)
    if how == "line break":
        return name.replace(" ", "\n")
    if how == "curly":
        return name.replace("'", "’")
    if how == "hyphen":
        return name.replace(" ", "-")
    return name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAME, how=WRITINGS, before=FILLER, after=FILLER)
def test_no_part_of_a_withheld_name_survives_redaction(name, how, before, after):
    text = f"{before} {written(name, how)} {after}"
    redacted = redact(text, [name])
    assert leftover_name_parts(redacted, [name]) == []
    for part in name.replace("-", " ").split():
        assert fold(part).text not in fold(redacted).text.replace(fold(REDACTED_NAME).text, "")
