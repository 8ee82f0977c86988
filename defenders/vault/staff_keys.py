"""Staff keypairs: each private key is stored wrapped by a key derived from the staff member's password, so the
database alone, without the password, opens nothing."""

import unicodedata
from typing import NamedTuple

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey
from nacl.secret import SecretBox

from . import kdf
from .boxes import WrongPassword


class StaffKeypair(NamedTuple):
    public_key: bytes
    wrapped_private_key: bytes
    salt: bytes


class WrappedStaffKey(NamedTuple):
    salt: bytes
    wrapped_private_key: bytes


def _password_box(password: str, salt: bytes, cost: kdf.KdfCost) -> SecretBox:
    # NFKC so that the same password typed on another keyboard or system yields the same key.
    return SecretBox(kdf.derive_key(unicodedata.normalize("NFKC", password), salt, cost))


def _wrap(private_key: PrivateKey, password: str, cost: kdf.KdfCost) -> WrappedStaffKey:
    salt = kdf.new_salt()
    return WrappedStaffKey(salt, bytes(_password_box(password, salt, cost).encrypt(bytes(private_key))))


def new_staff_key(password: str, *, cost: kdf.KdfCost = kdf.MODERATE) -> StaffKeypair:
    private_key = PrivateKey.generate()
    salt, wrapped = _wrap(private_key, password, cost)
    return StaffKeypair(bytes(private_key.public_key), wrapped, salt)


def unlock_staff_key(
    password: str, salt: bytes, wrapped: bytes, *, cost: kdf.KdfCost = kdf.MODERATE
) -> PrivateKey:
    try:
        return PrivateKey(_password_box(password, salt, cost).decrypt(wrapped))
    except CryptoError:
        raise WrongPassword("The password does not unlock this staff key.") from None


def rewrap_staff_key(
    old_password: str, new_password: str, salt: bytes, wrapped: bytes, *, cost: kdf.KdfCost = kdf.MODERATE
) -> WrappedStaffKey:
    """Wrap the same private key under a new password and a fresh salt; the public key does not change."""
    return _wrap(unlock_staff_key(old_password, salt, wrapped, cost=cost), new_password, cost)
