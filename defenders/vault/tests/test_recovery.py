"""The recovery key as base64 text, and fingerprints people compare before trusting a key."""

import re

import pytest

from defenders.vault import recovery
from defenders.vault.recovery import MalformedKey


def test_recovery_key_survives_a_base64_round_trip_with_stray_whitespace(office_recovery):
    private_b64, public_b64 = office_recovery
    private_key = recovery.private_key_from_b64(f"  {private_b64}\n")
    assert bytes(private_key.public_key) == recovery.public_key_from_b64(public_b64 + "\n")
    assert recovery.to_b64(private_key) == private_b64


def test_fingerprint_is_five_groups_of_four_hex_digits_that_tell_keys_apart(officer, newcomer):
    print_ = recovery.fingerprint(officer.public_key)
    assert re.fullmatch(r"[0-9a-f]{4}( [0-9a-f]{4}){4}", print_)
    assert print_ != recovery.fingerprint(newcomer.public_key)
    assert print_ == recovery.fingerprint(officer.private_key.public_key)


@pytest.mark.parametrize("text", ["", "not base64 at all!", "c2hvcnQ=", "clé privée"])
def test_text_that_is_not_a_key_is_refused_as_malformed(text):
    with pytest.raises(MalformedKey):
        recovery.private_key_from_b64(text)
    with pytest.raises(MalformedKey):
        recovery.public_key_from_b64(text)
