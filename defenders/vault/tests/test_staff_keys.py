"""Staff keys: wrapped under the password, unlocked and rewrapped with it, and with nothing else."""

import pytest

from defenders.vault import kdf, staff_keys
from defenders.vault.boxes import WrongPassword

from .helpers import FAST


def test_staff_key_unlocks_with_its_password(officer):
    unlocked = staff_keys.unlock_staff_key(
        officer.password, officer.salt, officer.wrapped_private_key, cost=FAST
    )
    assert bytes(unlocked.public_key) == officer.public_key


def test_staff_key_does_not_unlock_with_wrong_password(officer):
    with pytest.raises(WrongPassword) as refused:
        staff_keys.unlock_staff_key(
            "Amina's long passphrase", officer.salt, officer.wrapped_private_key, cost=FAST
        )
    assert "passphrase" not in str(refused.value)
    assert refused.value.__cause__ is None and refused.value.__suppress_context__


def test_staff_key_does_not_unlock_with_another_salt(officer):
    with pytest.raises(WrongPassword):
        staff_keys.unlock_staff_key(officer.password, kdf.new_salt(), officer.wrapped_private_key, cost=FAST)


def test_wrapped_staff_key_does_not_contain_the_private_key(officer):
    assert bytes(officer.private_key) not in officer.wrapped_private_key


def test_staff_password_typed_in_another_unicode_form_still_unlocks():
    composed, decomposed = "caf\u00e9 au lait, sans sucre", "cafe\u0301 au lait, sans sucre"
    public_key, wrapped, salt = staff_keys.new_staff_key(composed, cost=FAST)
    unlocked = staff_keys.unlock_staff_key(decomposed, salt, wrapped, cost=FAST)
    assert bytes(unlocked.public_key) == public_key


def test_rewrapped_key_opens_with_new_password_only(officer):
    new_password = "Amina's new passphrase after the audit"
    new_salt, new_wrapped = staff_keys.rewrap_staff_key(
        officer.password, new_password, officer.salt, officer.wrapped_private_key, cost=FAST
    )
    assert new_salt != officer.salt
    unlocked = staff_keys.unlock_staff_key(new_password, new_salt, new_wrapped, cost=FAST)
    assert bytes(unlocked.public_key) == officer.public_key
    with pytest.raises(WrongPassword):
        staff_keys.unlock_staff_key(officer.password, new_salt, new_wrapped, cost=FAST)


def test_rewrap_refuses_a_wrong_old_password(officer):
    with pytest.raises(WrongPassword):
        staff_keys.rewrap_staff_key(
            "guess", "attacker's choice", officer.salt, officer.wrapped_private_key, cost=FAST
        )
