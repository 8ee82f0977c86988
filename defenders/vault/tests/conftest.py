"""Fixtures of the vault's tests: staff members, the office recovery key and a submission sealed to them."""

import pytest

from defenders.vault import recovery, submissions
from defenders.vault.submissions import RECOVERY_RECIPIENT

from .helpers import MARKER, StaffMember, enrol


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
    return recovery.new_recovery_keypair()


@pytest.fixture
def recipients(officer, office_recovery) -> dict[str, bytes]:
    return {
        officer.id: officer.public_key,
        RECOVERY_RECIPIENT: recovery.public_key_from_b64(office_recovery[1]),
    }


@pytest.fixture
def submission(recipients) -> submissions.SealedSubmission:
    return submissions.seal_submission(recipients, b"What happened to the defender: " + MARKER)
