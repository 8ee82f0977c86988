import hashlib
import inspect
import re
from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from nacl.public import PrivateKey
from nacl.pwhash import argon2id

from defenders.intake import crypto
from defenders.intake.codenames import generate_codename
from defenders.intake.crypto import (
    INTERACTIVE,
    MODERATE,
    RECOVERY_RECIPIENT,
    KdfCost,
    TamperedCiphertext,
    WrongPassword,
)

FAST = INTERACTIVE
SOURCE_CODENAME = "abacus drop-down t-shirt zoom yo-yo felt-tip enamel"
MARKER = b"MARKER-Detained-in-pre-trial-facility-No-2"


@dataclass(frozen=True)
class StaffMember:
    id: str
    password: str
    public_key: bytes
    wrapped_private_key: bytes
    salt: bytes
    private_key: PrivateKey


def enrol(staff_id: str, password: str) -> StaffMember:
    public_key, wrapped, salt = crypto.new_staff_key(password, cost=FAST)
    private_key = crypto.unlock_staff_key(password, salt, wrapped, cost=FAST)
    return StaffMember(staff_id, password, public_key, wrapped, salt, private_key)


@pytest.fixture(scope="module")
def officer() -> StaffMember:
    return enrol("staff:officer-amina", "Amina's long passphrase for the office")


@pytest.fixture(scope="module")
def former_officer() -> StaffMember:
    return enrol("staff:former-officer-jorge", "Jorge's passphrase before he left")


@pytest.fixture(scope="module")
def newcomer() -> StaffMember:
    return enrol("staff:new-assistant-li", "Li's first passphrase in the office")


@pytest.fixture(scope="module")
def office_recovery() -> tuple[str, str]:
    return crypto.new_recovery_keypair()


@pytest.fixture
def recipients(officer, office_recovery) -> dict[str, bytes]:
    return {
        officer.id: officer.public_key,
        RECOVERY_RECIPIENT: crypto.public_key_from_b64(office_recovery[1]),
    }


@pytest.fixture
def submission(recipients) -> crypto.SealedSubmission:
    return crypto.seal_submission(recipients, b"What happened to the defender: " + MARKER)


# Codename verifier and lookup key


def test_codename_verifies_against_its_hash():
    assert crypto.verify_codename(crypto.hash_codename(SOURCE_CODENAME), SOURCE_CODENAME)


def test_codename_verifies_when_typed_with_capitals_and_extra_spaces():
    typed = "  ABACUS drop-down   t-shirt Zoom yo-yo felt-tip enamel\n"
    assert crypto.verify_codename(crypto.hash_codename(SOURCE_CODENAME), typed)
    assert crypto.verify_codename(crypto.hash_codename(typed), SOURCE_CODENAME)


def test_wrong_codename_does_not_verify():
    stored = crypto.hash_codename(SOURCE_CODENAME)
    assert not crypto.verify_codename(stored, SOURCE_CODENAME.replace("zoom", "zone"))
    assert not crypto.verify_codename(stored, SOURCE_CODENAME.rsplit(" ", 1)[0])


@pytest.mark.parametrize("damaged", ["", "not a hash", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$"])
def test_damaged_stored_hash_does_not_verify_and_does_not_raise(damaged):
    assert crypto.verify_codename(damaged, SOURCE_CODENAME) is False


def test_same_codename_hashes_differently_each_time():
    assert crypto.hash_codename(SOURCE_CODENAME) != crypto.hash_codename(SOURCE_CODENAME)


class CountingHasher(PasswordHasher):
    verifications = 0

    def verify(self, hash, password):  # type: ignore[override]
        CountingHasher.verifications += 1
        return super().verify(hash, password)


def test_codename_login_costs_one_argon2_verification_for_unknown_and_wrong_alike(monkeypatch):
    stored = crypto.hash_codename(SOURCE_CODENAME)
    monkeypatch.setattr(crypto, "_codename_hasher", CountingHasher())
    CountingHasher.verifications = 0
    assert crypto.verify_codename(None, SOURCE_CODENAME) is False
    assert CountingHasher.verifications == 1
    assert crypto.verify_codename(stored, generate_codename()) is False
    assert CountingHasher.verifications == 2


def test_lookup_key_is_the_same_however_the_codename_is_typed():
    pepper = crypto.new_pepper()
    assert crypto.codename_lookup_key(SOURCE_CODENAME, pepper) == crypto.codename_lookup_key(
        "Abacus  Drop-down t-shirt zoom yo-yo felt-tip ENAMEL ", pepper
    )


def test_lookup_key_changes_with_the_pepper_or_the_codename():
    pepper = crypto.new_pepper()
    key = crypto.codename_lookup_key(SOURCE_CODENAME, pepper)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert key != crypto.codename_lookup_key(SOURCE_CODENAME, crypto.new_pepper())
    assert key != crypto.codename_lookup_key(generate_codename(), pepper)


def test_lookup_key_cannot_be_computed_without_the_pepper():
    key = crypto.codename_lookup_key(SOURCE_CODENAME, crypto.new_pepper())
    plain = SOURCE_CODENAME.encode()
    assert key not in {hashlib.blake2b(plain, digest_size=32).hexdigest(), hashlib.sha256(plain).hexdigest()}


@pytest.mark.parametrize("pepper", [b"", b"short pepper", bytes(31), bytes(65)])
def test_lookup_key_refuses_a_pepper_of_the_wrong_length(pepper):
    with pytest.raises(ValueError, match="pepper"):
        crypto.codename_lookup_key(SOURCE_CODENAME, pepper)


# Source key derived from the codename


def test_source_key_is_rederived_from_codename_and_salt_alone():
    salt = crypto.new_salt()
    issued = crypto.derive_source_keypair(SOURCE_CODENAME, salt, cost=FAST)
    typed = crypto.derive_source_keypair(SOURCE_CODENAME.upper() + "  ", salt, cost=FAST)
    assert bytes(typed.public_key) == bytes(issued.public_key)


def test_source_key_changes_with_the_salt_the_codename_or_the_cost():
    salt = crypto.new_salt()
    issued = bytes(crypto.derive_source_keypair(SOURCE_CODENAME, salt, cost=FAST).public_key)
    lighter = KdfCost(argon2id.OPSLIMIT_MIN, argon2id.MEMLIMIT_MIN)
    others = [
        crypto.derive_source_keypair(SOURCE_CODENAME, crypto.new_salt(), cost=FAST),
        crypto.derive_source_keypair(generate_codename(), salt, cost=FAST),
        crypto.derive_source_keypair(SOURCE_CODENAME, salt, cost=lighter),
    ]
    assert issued not in {bytes(other.public_key) for other in others}


@pytest.mark.parametrize(
    "function", [crypto.derive_source_keypair, crypto.new_staff_key, crypto.unlock_staff_key]
)
def test_slow_key_derivations_default_to_the_moderate_cost(function):
    assert inspect.signature(function).parameters["cost"].default == MODERATE
    assert MODERATE.memlimit >= 256 * 1024 * 1024
    assert crypto.KDF_COSTS["moderate"] is MODERATE


# Staff keyring


def test_staff_key_unlocks_with_its_password(officer):
    unlocked = crypto.unlock_staff_key(officer.password, officer.salt, officer.wrapped_private_key, cost=FAST)
    assert bytes(unlocked.public_key) == officer.public_key


def test_staff_key_does_not_unlock_with_wrong_password(officer):
    with pytest.raises(WrongPassword) as refused:
        crypto.unlock_staff_key(
            "Amina's long passphrase", officer.salt, officer.wrapped_private_key, cost=FAST
        )
    assert "passphrase" not in str(refused.value)
    assert refused.value.__cause__ is None and refused.value.__suppress_context__


def test_staff_key_does_not_unlock_with_another_salt(officer):
    with pytest.raises(WrongPassword):
        crypto.unlock_staff_key(officer.password, crypto.new_salt(), officer.wrapped_private_key, cost=FAST)


def test_wrapped_staff_key_does_not_contain_the_private_key(officer):
    assert bytes(officer.private_key) not in officer.wrapped_private_key


def test_staff_password_typed_in_another_unicode_form_still_unlocks():
    composed, decomposed = "caf\u00e9 au lait, sans sucre", "cafe\u0301 au lait, sans sucre"
    public_key, wrapped, salt = crypto.new_staff_key(composed, cost=FAST)
    unlocked = crypto.unlock_staff_key(decomposed, salt, wrapped, cost=FAST)
    assert bytes(unlocked.public_key) == public_key


def test_rewrapped_key_opens_with_new_password_only(officer):
    new_password = "Amina's new passphrase after the audit"
    new_salt, new_wrapped = crypto.rewrap_staff_key(
        officer.password, new_password, officer.salt, officer.wrapped_private_key, cost=FAST
    )
    assert new_salt != officer.salt
    unlocked = crypto.unlock_staff_key(new_password, new_salt, new_wrapped, cost=FAST)
    assert bytes(unlocked.public_key) == officer.public_key
    with pytest.raises(WrongPassword):
        crypto.unlock_staff_key(officer.password, new_salt, new_wrapped, cost=FAST)


def test_rewrap_refuses_a_wrong_old_password(officer):
    with pytest.raises(WrongPassword):
        crypto.rewrap_staff_key(
            "guess", "attacker's choice", officer.salt, officer.wrapped_private_key, cost=FAST
        )


# Submissions


def test_staff_member_reads_a_submission_sealed_to_them(officer, submission):
    wrapped = submission.wrapped_keys[officer.id]
    plaintext = crypto.decrypt_content(officer.private_key, wrapped, submission.content)
    assert plaintext == b"What happened to the defender: " + MARKER


def test_recovery_key_reads_a_submission_without_any_staff_key(office_recovery, submission):
    recovery_key = crypto.private_key_from_b64(office_recovery[0])
    wrapped = submission.wrapped_keys[RECOVERY_RECIPIENT]
    assert MARKER in crypto.decrypt_content(recovery_key, wrapped, submission.content)


def test_removed_staff_member_cannot_read_new_submissions(former_officer, submission):
    assert former_officer.id not in submission.wrapped_keys
    for wrapped in submission.wrapped_keys.values():
        with pytest.raises(TamperedCiphertext):
            crypto.decrypt_content(former_officer.private_key, wrapped, submission.content)


def test_submission_must_be_sealed_to_the_office_recovery_key(officer):
    with pytest.raises(ValueError, match=RECOVERY_RECIPIENT):
        crypto.seal_submission({officer.id: officer.public_key}, MARKER)


def test_ciphertext_does_not_contain_the_plaintext_marker(submission):
    assert MARKER not in submission.content
    assert all(MARKER not in wrapped for wrapped in submission.wrapped_keys.values())


def test_altered_submission_is_rejected_as_tampered(officer, submission):
    altered = bytearray(submission.content)
    altered[-1] ^= 0x01
    with pytest.raises(TamperedCiphertext):
        crypto.decrypt_content(officer.private_key, submission.wrapped_keys[officer.id], bytes(altered))


def test_each_submission_has_its_own_key(recipients):
    first, second = crypto.seal_submission(recipients, MARKER), crypto.seal_submission(recipients, MARKER)
    assert first.public_key != second.public_key
    assert first.content != second.content


def test_source_follow_up_is_sealed_without_any_private_key_and_read_by_staff(officer, submission):
    follow_up = crypto.encrypt_content(submission.public_key, b"He was moved to another prison.")
    wrapped = submission.wrapped_keys[officer.id]
    assert (
        crypto.decrypt_content(officer.private_key, wrapped, follow_up) == b"He was moved to another prison."
    )


def test_resealed_key_lets_a_new_staff_member_read_an_older_submission(officer, newcomer, submission):
    resealed = crypto.reseal_submission_key(
        officer.private_key, submission.wrapped_keys[officer.id], newcomer.public_key
    )
    assert MARKER in crypto.decrypt_content(newcomer.private_key, resealed, submission.content)


def test_seal_for_recipients_wraps_the_same_submission_key_for_each(officer, recipients, office_recovery):
    submission_key = crypto.new_submission_key()
    wrapped = crypto.seal_for_recipients(submission_key, recipients)
    recovery_key = crypto.private_key_from_b64(office_recovery[0])
    opened_by_officer = crypto.open_submission_key(officer.private_key, wrapped[officer.id])
    opened_by_recovery = crypto.open_submission_key(recovery_key, wrapped[RECOVERY_RECIPIENT])
    assert bytes(opened_by_officer) == bytes(opened_by_recovery) == bytes(submission_key)


# Replies


@pytest.fixture
def source_salt() -> bytes:
    return crypto.new_salt()


@pytest.fixture
def reply(source_salt, submission) -> crypto.SealedReply:
    source_key = crypto.derive_source_keypair(SOURCE_CODENAME, source_salt, cost=FAST)
    return crypto.seal_reply_for_source(
        source_key.public_key, submission.public_key, "Received; we act soon."
    )


def test_source_reads_staff_reply_with_codename_only(source_salt, reply):
    typed = "  abacus Drop-Down t-shirt zoom yo-yo felt-tip enamel"
    source_key = crypto.derive_source_keypair(typed, source_salt, cost=FAST)
    assert crypto.open_reply(source_key, reply.for_source) == "Received; we act soon."


def test_staff_read_their_own_reply_with_the_submission_key(officer, submission, reply):
    submission_key = crypto.open_submission_key(officer.private_key, submission.wrapped_keys[officer.id])
    assert crypto.open_reply(submission_key, reply.for_staff) == "Received; we act soon."


def test_wrong_codename_cannot_read_a_reply(source_salt, reply):
    guess = crypto.derive_source_keypair(SOURCE_CODENAME.replace("zoom", "zone"), source_salt, cost=FAST)
    with pytest.raises(TamperedCiphertext):
        crypto.open_reply(guess, reply.for_source)


def test_source_key_does_not_open_the_staff_copy(source_salt, reply):
    source_key = crypto.derive_source_keypair(SOURCE_CODENAME, source_salt, cost=FAST)
    with pytest.raises(TamperedCiphertext):
        crypto.open_reply(source_key, reply.for_staff)


def test_sealed_reply_does_not_contain_its_text(reply):
    assert b"we act soon" not in reply.for_source + reply.for_staff


# Recovery key and fingerprints


def test_recovery_key_survives_a_base64_round_trip_with_stray_whitespace(office_recovery):
    private_b64, public_b64 = office_recovery
    private_key = crypto.private_key_from_b64(f"  {private_b64}\n")
    assert bytes(private_key.public_key) == crypto.public_key_from_b64(public_b64 + "\n")
    assert crypto.to_b64(private_key) == private_b64


def test_fingerprint_is_five_groups_of_four_hex_digits_that_tell_keys_apart(officer, newcomer):
    print_ = crypto.fingerprint(officer.public_key)
    assert re.fullmatch(r"[0-9a-f]{4}( [0-9a-f]{4}){4}", print_)
    assert print_ != crypto.fingerprint(newcomer.public_key)
    assert print_ == crypto.fingerprint(officer.private_key.public_key)
