"""Sealing of submissions, files and replies, so that only a staff key, the office recovery key or the source's
codename opens them: what the web server has stored, it cannot read back on its own.
"""

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from nacl.encoding import Base64Encoder
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey
from nacl.pwhash import argon2id
from nacl.secret import SecretBox
from nacl.utils import random

from .codenames import normalise_codename
from .sealing import IntakeCryptoError as IntakeCryptoError
from .sealing import PublicKeyLike as PublicKeyLike
from .sealing import TamperedCiphertext as TamperedCiphertext
from .sealing import WrongPassword as WrongPassword
from .sealing import open_sealed as open_sealed
from .sealing import seal as seal

# Files are sealed in streams.py; callers find them here with everything else.
from .streams import decrypt_stream as decrypt_stream
from .streams import encrypt_stream as encrypt_stream

RECOVERY_RECIPIENT = "office-recovery"
PEPPER_BYTES = 32


@dataclass(frozen=True)
class KdfCost:
    """The argon2id work for keys derived from codenames and staff passwords."""

    opslimit: int
    memlimit: int


# MODERATE costs 256 MiB and about half a second per derivation; INTERACTIVE (64 MiB) is for tests only.
MODERATE = KdfCost(argon2id.OPSLIMIT_MODERATE, argon2id.MEMLIMIT_MODERATE)
INTERACTIVE = KdfCost(argon2id.OPSLIMIT_INTERACTIVE, argon2id.MEMLIMIT_INTERACTIVE)
KDF_COSTS = {"moderate": MODERATE, "interactive": INTERACTIVE}


def new_salt() -> bytes:
    return random(argon2id.SALTBYTES)


def new_pepper() -> bytes:
    return random(PEPPER_BYTES)


def _kdf(secret: str, salt: bytes, cost: KdfCost) -> bytes:
    return argon2id.kdf(32, secret.encode(), salt, opslimit=cost.opslimit, memlimit=cost.memlimit)


# Codenames: the lookup key finds the submission row in one indexed query, and the argon2 hash is the
# verifier, so that a login costs exactly one slow hash. Both exist because the lookup key is a fast hash:
# it resists guessing only while the pepper stays secret, so the pepper lives in the key directory, outside
# the database and its backups. The argon2 hash keeps each guess slow even when both leak.

_codename_hasher = PasswordHasher()


@cache
def _unknown_codename_hash() -> str:
    # Built on first use rather than at import, to keep start-up lean; it never matches anything.
    return _codename_hasher.hash(secrets.token_hex(32))


def hash_codename(codename: str) -> str:
    return _codename_hasher.hash(normalise_codename(codename))


def verify_codename(stored_hash: str | None, codename: str) -> bool:
    """Tell whether the codename matches the stored hash; never raises.

    Pass None when no submission matched the lookup key: an unknown codename then costs the same argon2
    verification as a wrong one, so response times do not tell them apart.
    """
    candidate = stored_hash if stored_hash is not None else _unknown_codename_hash()
    try:
        matched = _codename_hasher.verify(candidate, normalise_codename(codename))
    except (VerificationError, InvalidHashError):
        return False
    return matched and stored_hash is not None


def codename_lookup_key(codename: str, pepper: bytes) -> str:
    """Return the keyed BLAKE2b of the normalised codename, the indexed column that finds the submission."""
    if not PEPPER_BYTES <= len(pepper) <= hashlib.blake2b.MAX_KEY_SIZE:
        raise ValueError(f"The pepper must be {PEPPER_BYTES} to {hashlib.blake2b.MAX_KEY_SIZE} bytes.")
    text = normalise_codename(codename).encode()
    return hashlib.blake2b(text, key=pepper, digest_size=32, person=b"intake-lookup").hexdigest()


def derive_source_keypair(codename: str, salt: bytes, *, cost: KdfCost = MODERATE) -> PrivateKey:
    """Derive the source's X25519 key from the codename, so replies sealed to it open with the codename alone."""
    return PrivateKey.from_seed(_kdf(normalise_codename(codename), salt, cost))


# Staff keyring: each staff member's private key is stored wrapped by argon2id(password), so the database
# alone, without the password, opens nothing.


class StaffKeypair(NamedTuple):
    public_key: bytes
    wrapped_private_key: bytes
    salt: bytes


class WrappedStaffKey(NamedTuple):
    salt: bytes
    wrapped_private_key: bytes


def _password_box(password: str, salt: bytes, cost: KdfCost) -> SecretBox:
    # NFKC so that the same password typed on another keyboard or system yields the same key.
    return SecretBox(_kdf(unicodedata.normalize("NFKC", password), salt, cost))


def _wrap(private_key: PrivateKey, password: str, cost: KdfCost) -> WrappedStaffKey:
    salt = new_salt()
    return WrappedStaffKey(salt, bytes(_password_box(password, salt, cost).encrypt(bytes(private_key))))


def new_staff_key(password: str, *, cost: KdfCost = MODERATE) -> StaffKeypair:
    private_key = PrivateKey.generate()
    salt, wrapped = _wrap(private_key, password, cost)
    return StaffKeypair(bytes(private_key.public_key), wrapped, salt)


def unlock_staff_key(password: str, salt: bytes, wrapped: bytes, *, cost: KdfCost = MODERATE) -> PrivateKey:
    try:
        return PrivateKey(_password_box(password, salt, cost).decrypt(wrapped))
    except CryptoError:
        raise WrongPassword("The password does not unlock this staff key.") from None


def rewrap_staff_key(
    old_password: str, new_password: str, salt: bytes, wrapped: bytes, *, cost: KdfCost = MODERATE
) -> WrappedStaffKey:
    """Wrap the same private key under a new password and a fresh salt; the public key does not change."""
    return _wrap(unlock_staff_key(old_password, salt, wrapped, cost=cost), new_password, cost)


# Submissions: each has its own keypair. Its private key is sealed to every recipient and then dropped, and
# content is sealed to its public key, so follow-up messages can be added without any private key.


@dataclass(frozen=True)
class SealedSubmission:
    public_key: bytes
    wrapped_keys: dict[str, bytes]
    content: bytes


def new_submission_key() -> PrivateKey:
    return PrivateKey.generate()


def seal_for_recipients(
    submission_private_key: PrivateKey, recipient_public_keys: dict[str, bytes]
) -> dict[str, bytes]:
    """Wrap the submission's private key for each recipient id; the office recovery key must be one."""
    # Without the recovery recipient a submission would be lost for good when its staff recipients leave.
    if RECOVERY_RECIPIENT not in recipient_public_keys:
        raise ValueError(f"A submission must be sealed to the {RECOVERY_RECIPIENT!r} recipient too.")
    secret = bytes(submission_private_key)
    return {recipient: seal(key, secret) for recipient, key in recipient_public_keys.items()}


def encrypt_content(submission_public_key: PublicKeyLike, plaintext: bytes) -> bytes:
    return seal(submission_public_key, plaintext)


def seal_submission(recipient_public_keys: dict[str, bytes], plaintext: bytes) -> SealedSubmission:
    """Seal a new submission in one step, so its private key never outlives this call."""
    private_key = new_submission_key()
    public_key = bytes(private_key.public_key)
    wrapped_keys = seal_for_recipients(private_key, recipient_public_keys)
    return SealedSubmission(public_key, wrapped_keys, encrypt_content(public_key, plaintext))


def open_submission_key(recipient_private_key: PrivateKey, wrapped_submission_key: bytes) -> PrivateKey:
    return PrivateKey(open_sealed(recipient_private_key, wrapped_submission_key))


def decrypt_content(
    recipient_private_key: PrivateKey, wrapped_submission_key: bytes, ciphertext: bytes
) -> bytes:
    return open_sealed(open_submission_key(recipient_private_key, wrapped_submission_key), ciphertext)


def reseal_submission_key(
    recipient_private_key: PrivateKey, wrapped_submission_key: bytes, new_recipient_public_key: bytes
) -> bytes:
    """Give one more key (a new staff member, a rotated key) access to an existing submission."""
    submission_key = open_submission_key(recipient_private_key, wrapped_submission_key)
    return seal(new_recipient_public_key, bytes(submission_key))


# Replies: sealed twice, once to the source's codename key and once to the submission key, rather than one
# content key sealed twice. Replies are short, so the cost is small, and each copy can be deleted on its own
# (e.g. the source's copy once read) without touching the other.


class SealedReply(NamedTuple):
    for_source: bytes
    for_staff: bytes


def seal_reply_for_source(
    source_public_key: PublicKeyLike, submission_public_key: PublicKeyLike, text: str
) -> SealedReply:
    message = text.encode()
    return SealedReply(seal(source_public_key, message), seal(submission_public_key, message))


def open_reply(private_key: PrivateKey, ciphertext: bytes) -> str:
    """Open a reply with the source's derived key or the submission's private key."""
    return open_sealed(private_key, ciphertext).decode()


# Recovery key and key exchange: keys travel as base64 text, and people compare fingerprints aloud or on
# paper before trusting a public key.


def to_b64(key: bytes | PrivateKey | PublicKey) -> str:
    return Base64Encoder.encode(bytes(key)).decode("ascii")


def private_key_from_b64(text: str) -> PrivateKey:
    return PrivateKey(text.strip().encode("ascii"), encoder=Base64Encoder)


def public_key_from_b64(text: str) -> bytes:
    return bytes(PublicKey(text.strip().encode("ascii"), encoder=Base64Encoder))


def new_recovery_keypair() -> tuple[str, str]:
    """Return (private, public) in base64; the private half goes offline and never onto the server."""
    private_key = PrivateKey.generate()
    return to_b64(private_key), to_b64(private_key.public_key)


def fingerprint(public_key: PublicKeyLike) -> str:
    """Return 80 bits of BLAKE2b as five groups of four hex digits, e.g. '3f2a 9c01 77be 05d4 e1aa'."""
    digest = hashlib.blake2b(bytes(public_key), digest_size=10, person=b"intake-key-fpr").hexdigest()
    return " ".join(digest[start : start + 4] for start in range(0, len(digest), 4))
