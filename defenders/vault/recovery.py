"""The office recovery key and key exchange: keys travel as base64 text, and people compare fingerprints aloud
or on paper before trusting a public key."""

import hashlib

from nacl.encoding import Base64Encoder
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey

from .boxes import PublicKeyLike, VaultError


class MalformedKey(VaultError):
    """The text is not a base64 key of 32 bytes."""


def to_b64(key: bytes | PrivateKey | PublicKey) -> str:
    return Base64Encoder.encode(bytes(key)).decode("ascii")


def private_key_from_b64(text: str) -> PrivateKey:
    try:
        return PrivateKey(text.strip().encode("ascii"), encoder=Base64Encoder)
    except (ValueError, CryptoError):
        # binascii and UnicodeEncodeError are ValueErrors; nacl refuses a wrong length with a CryptoError.
        raise MalformedKey("That is not a private key (base64, 32 bytes).") from None


def public_key_from_b64(text: str) -> bytes:
    try:
        return bytes(PublicKey(text.strip().encode("ascii"), encoder=Base64Encoder))
    except (ValueError, CryptoError):
        raise MalformedKey("That is not a public key (base64, 32 bytes).") from None


def new_recovery_keypair() -> tuple[str, str]:
    """Return (private, public) in base64; the private half goes offline and never onto the server."""
    private_key = PrivateKey.generate()
    return to_b64(private_key), to_b64(private_key.public_key)


def fingerprint(public_key: PublicKeyLike) -> str:
    """Return 80 bits of BLAKE2b as five groups of four hex digits, e.g. '3f2a 9c01 77be 05d4 e1aa'."""
    digest = hashlib.blake2b(bytes(public_key), digest_size=10, person=b"intake-key-fpr").hexdigest()
    return " ".join(digest[start : start + 4] for start in range(0, len(digest), 4))
