import pytest

from defenders.intake import codenames
from defenders.intake.codenames import eff_words, generate_codename, normalise_codename


def test_codename_has_seven_words_from_the_eff_list():
    words = generate_codename().split(" ")
    assert len(words) == 7
    assert set(words) <= set(eff_words())


def test_eff_list_is_read_whole_with_the_dice_digits_stripped():
    words = eff_words()
    assert len(words) == 7776
    assert (words[0], words[-1]) == ("abacus", "zoom")
    assert all("\t" not in word and not word[0].isdigit() for word in words)


def test_two_codenames_differ():
    assert generate_codename() != generate_codename()


def test_every_word_is_drawn_from_the_whole_list_with_secrets(monkeypatch):
    draws = []

    def recording_choice(sequence):
        draws.append(len(sequence))
        return sequence[0]

    monkeypatch.setattr(codenames.secrets, "choice", recording_choice)
    assert generate_codename() == " ".join(["abacus"] * 7)
    assert draws == [7776] * 7


def test_codename_can_be_longer_but_not_shorter_than_seven_words():
    assert len(generate_codename(words=9).split(" ")) == 9
    with pytest.raises(ValueError, match="at least 7"):
        generate_codename(words=6)


def test_word_list_is_loaded_once():
    assert eff_words() is eff_words()


def test_codename_typed_with_capitals_and_extra_spaces_normalises_to_the_issued_one():
    issued = "abacus drop-down t-shirt zoom yo-yo felt-tip enamel"
    typed = "  Abacus   DROP-DOWN\tt-shirt\nzoom yo-yo  felt-tip Enamel  "
    assert normalise_codename(typed) == issued


def test_codename_pasted_with_full_width_letters_and_non_breaking_spaces_normalises():
    assert normalise_codename("ａｂａｃｕｓ\u00a0zoom") == "abacus zoom"


def test_normalising_keeps_the_words_themselves():
    assert normalise_codename("abacus zoomy") != normalise_codename("abacus zoom")
    assert normalise_codename("drop-down") != normalise_codename("drop down")
