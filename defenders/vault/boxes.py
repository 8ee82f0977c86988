"""The two primitives every sealed thing is made of (seal, open_sealed), and the errors raised when opening fails."""

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

PublicKeyLike = bytes | PublicKey


class VaultError(Exception):
    """Something sealed could not be opened, or a key could not be read."""


class WrongPassword(VaultError):
    """The password does not unlock the staff key."""


class TamperedCiphertext(VaultError):
    """The ciphertext was altered, truncated, reordered, or is not sealed to the key that tried to open it."""


def seal(public_key: PublicKeyLike, plaintext: bytes) -> bytes:
    """Encrypt to a public key anonymously: the sender needs, and keeps, no private key."""
    key = public_key if isinstance(public_key, PublicKey) else PublicKey(public_key)
    return bytes(SealedBox(key).encrypt(plaintext))


def open_sealed(private_key: PrivateKey, ciphertext: bytes) -> bytes:
    try:
        return SealedBox(private_key).decrypt(ciphertext)
    except CryptoError:
        # Libsodium cannot tell a wrong key from an altered ciphertext, and neither does this message.
        raise TamperedCiphertext("The ciphertext was altered or is not sealed to this key.") from None
