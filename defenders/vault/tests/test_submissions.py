"""Submissions sealed to their recipients, and messages sealed both ways between the source and staff."""

import pytest

from defenders.vault import codenames, kdf, recovery, submissions
from defenders.vault.boxes import TamperedCiphertext
from defenders.vault.submissions import RECOVERY_RECIPIENT

from .helpers import FAST, MARKER, SOURCE_CODENAME


def test_staff_member_reads_a_submission_sealed_to_them(officer, submission):
    wrapped = submission.wrapped_keys[officer.id]
    plaintext = submissions.open_content(officer.private_key, wrapped, submission.content)
    assert plaintext == b"What happened to the defender: " + MARKER


def test_recovery_key_reads_a_submission_without_any_staff_key(office_recovery, submission):
    recovery_key = recovery.private_key_from_b64(office_recovery[0])
    wrapped = submission.wrapped_keys[RECOVERY_RECIPIENT]
    assert MARKER in submissions.open_content(recovery_key, wrapped, submission.content)


def test_removed_staff_member_cannot_read_new_submissions(former_officer, submission):
    assert former_officer.id not in submission.wrapped_keys
    for wrapped in submission.wrapped_keys.values():
        with pytest.raises(TamperedCiphertext):
            submissions.open_content(former_officer.private_key, wrapped, submission.content)


def test_submission_must_be_sealed_to_the_office_recovery_key(officer):
    with pytest.raises(ValueError, match=RECOVERY_RECIPIENT):
        submissions.seal_submission({officer.id: officer.public_key}, MARKER)


def test_ciphertext_does_not_contain_the_plaintext_marker(submission):
    assert MARKER not in submission.content
    assert all(MARKER not in wrapped for wrapped in submission.wrapped_keys.values())


def test_altered_submission_is_rejected_as_tampered(officer, submission):
    altered = bytearray(submission.content)
    altered[-1] ^= 0x01
    with pytest.raises(TamperedCiphertext):
        submissions.open_content(officer.private_key, submission.wrapped_keys[officer.id], bytes(altered))


def test_each_submission_has_its_own_key(recipients):
    first, second = (
        submissions.seal_submission(recipients, MARKER),
        submissions.seal_submission(recipients, MARKER),
    )
    assert first.public_key != second.public_key
    assert first.content != second.content


def test_source_follow_up_is_sealed_without_any_private_key_and_read_by_staff(officer, submission):
    follow_up = submissions.seal_content(submission.public_key, b"He was moved to another prison.")
    wrapped = submission.wrapped_keys[officer.id]
    assert (
        submissions.open_content(officer.private_key, wrapped, follow_up)
        == b"He was moved to another prison."
    )


def test_resealed_key_lets_a_new_staff_member_read_an_older_submission(officer, newcomer, submission):
    resealed = submissions.reseal_submission_key(
        officer.private_key, submission.wrapped_keys[officer.id], newcomer.public_key
    )
    assert MARKER in submissions.open_content(newcomer.private_key, resealed, submission.content)


def test_seal_for_recipients_wraps_the_same_submission_key_for_each(officer, recipients, office_recovery):
    submission_key = submissions.new_submission_key()
    wrapped = submissions.seal_for_recipients(submission_key, recipients)
    recovery_key = recovery.private_key_from_b64(office_recovery[0])
    opened_by_officer = submissions.open_submission_key(officer.private_key, wrapped[officer.id])
    opened_by_recovery = submissions.open_submission_key(recovery_key, wrapped[RECOVERY_RECIPIENT])
    assert bytes(opened_by_officer) == bytes(opened_by_recovery) == bytes(submission_key)


# Messages


@pytest.fixture
def source_salt() -> bytes:
    return kdf.new_salt()


@pytest.fixture
def reply(source_salt, submission) -> submissions.SealedMessage:
    source_key = codenames.derive_source_private_key(SOURCE_CODENAME, source_salt, cost=FAST)
    return submissions.seal_message(source_key.public_key, submission.public_key, "Received; we act soon.")


def test_source_reads_staff_reply_with_codename_only(source_salt, reply):
    typed = "  abacus Drop-Down t-shirt zoom yo-yo felt-tip enamel"
    source_key = codenames.derive_source_private_key(typed, source_salt, cost=FAST)
    assert submissions.open_message(source_key, reply.for_source) == "Received; we act soon."


def test_staff_read_their_own_reply_with_the_submission_key(officer, submission, reply):
    submission_key = submissions.open_submission_key(officer.private_key, submission.wrapped_keys[officer.id])
    assert submissions.open_message(submission_key, reply.for_staff) == "Received; we act soon."


def test_wrong_codename_cannot_read_a_reply(source_salt, reply):
    guess = codenames.derive_source_private_key(
        SOURCE_CODENAME.replace("zoom", "zone"), source_salt, cost=FAST
    )
    with pytest.raises(TamperedCiphertext):
        submissions.open_message(guess, reply.for_source)


def test_source_key_does_not_open_the_staff_copy(source_salt, reply):
    source_key = codenames.derive_source_private_key(SOURCE_CODENAME, source_salt, cost=FAST)
    with pytest.raises(TamperedCiphertext):
        submissions.open_message(source_key, reply.for_staff)


def test_sealed_reply_does_not_contain_its_text(reply):
    assert b"we act soon" not in reply.for_source + reply.for_staff
