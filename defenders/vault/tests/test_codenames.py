"""Codenames: the words, their normal form, the peppered lookup key, the argon2 verifier and the source's key."""

import hashlib
import re

import pytest
from argon2 import PasswordHasher
from nacl.pwhash import argon2id

from defenders.vault import codenames, kdf
from defenders.vault.codenames import eff_words, generate_codename, normalise_codename
from defenders.vault.kdf import KdfCost

from .helpers import FAST, SOURCE_CODENAME


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


# Codename verifier and lookup key


def test_codename_verifies_against_its_hash():
    assert codenames.verify_codename(codenames.hash_codename(SOURCE_CODENAME), SOURCE_CODENAME)


def test_codename_verifies_when_typed_with_capitals_and_extra_spaces():
    typed = "  ABACUS drop-down   t-shirt Zoom yo-yo felt-tip enamel\n"
    assert codenames.verify_codename(codenames.hash_codename(SOURCE_CODENAME), typed)
    assert codenames.verify_codename(codenames.hash_codename(typed), SOURCE_CODENAME)


def test_wrong_codename_does_not_verify():
    stored = codenames.hash_codename(SOURCE_CODENAME)
    assert not codenames.verify_codename(stored, SOURCE_CODENAME.replace("zoom", "zone"))
    assert not codenames.verify_codename(stored, SOURCE_CODENAME.rsplit(" ", 1)[0])


@pytest.mark.parametrize("damaged", ["", "not a hash", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$"])
def test_damaged_stored_hash_does_not_verify_and_does_not_raise(damaged):
    assert codenames.verify_codename(damaged, SOURCE_CODENAME) is False


def test_same_codename_hashes_differently_each_time():
    assert codenames.hash_codename(SOURCE_CODENAME) != codenames.hash_codename(SOURCE_CODENAME)


class CountingHasher(PasswordHasher):
    verifications = 0

    def verify(self, hash, password):  # type: ignore[override]
        CountingHasher.verifications += 1
        return super().verify(hash, password)


def test_codename_login_costs_one_argon2_verification_for_unknown_and_wrong_alike(monkeypatch):
    stored = codenames.hash_codename(SOURCE_CODENAME)
    monkeypatch.setattr(kdf, "ARGON2_POOL", "threads")  # the counting stand-in lives in this process
    monkeypatch.setattr(kdf, "_hasher", CountingHasher())
    CountingHasher.verifications = 0
    assert codenames.verify_codename(None, SOURCE_CODENAME) is False
    assert CountingHasher.verifications == 1
    assert codenames.verify_codename(stored, generate_codename()) is False
    assert CountingHasher.verifications == 2


def test_lookup_key_is_the_same_however_the_codename_is_typed():
    pepper = codenames.new_pepper()
    assert codenames.codename_lookup_key(SOURCE_CODENAME, pepper) == codenames.codename_lookup_key(
        "Abacus  Drop-down t-shirt zoom yo-yo felt-tip ENAMEL ", pepper
    )


def test_lookup_key_changes_with_the_pepper_or_the_codename():
    pepper = codenames.new_pepper()
    key = codenames.codename_lookup_key(SOURCE_CODENAME, pepper)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert key != codenames.codename_lookup_key(SOURCE_CODENAME, codenames.new_pepper())
    assert key != codenames.codename_lookup_key(generate_codename(), pepper)


def test_lookup_key_cannot_be_computed_without_the_pepper():
    key = codenames.codename_lookup_key(SOURCE_CODENAME, codenames.new_pepper())
    plain = SOURCE_CODENAME.encode()
    assert key not in {hashlib.blake2b(plain, digest_size=32).hexdigest(), hashlib.sha256(plain).hexdigest()}


@pytest.mark.parametrize("pepper", [b"", b"short pepper", bytes(31), bytes(65)])
def test_lookup_key_refuses_a_pepper_of_the_wrong_length(pepper):
    with pytest.raises(ValueError, match="pepper"):
        codenames.codename_lookup_key(SOURCE_CODENAME, pepper)


# Source key derived from the codename


def test_source_key_is_rederived_from_codename_and_salt_alone():
    salt = kdf.new_salt()
    issued = codenames.derive_source_private_key(SOURCE_CODENAME, salt, cost=FAST)
    typed = codenames.derive_source_private_key(SOURCE_CODENAME.upper() + "  ", salt, cost=FAST)
    assert bytes(typed.public_key) == bytes(issued.public_key)


def test_source_key_changes_with_the_salt_the_codename_or_the_cost():
    salt = kdf.new_salt()
    issued = bytes(codenames.derive_source_private_key(SOURCE_CODENAME, salt, cost=FAST).public_key)
    lighter = KdfCost(argon2id.OPSLIMIT_MIN, argon2id.MEMLIMIT_MIN)
    others = [
        codenames.derive_source_private_key(SOURCE_CODENAME, kdf.new_salt(), cost=FAST),
        codenames.derive_source_private_key(generate_codename(), salt, cost=FAST),
        codenames.derive_source_private_key(SOURCE_CODENAME, salt, cost=lighter),
    ]
    assert issued not in {bytes(other.public_key) for other in others}
