"""Submissions and their messages: each submission has its own keypair, whose private key is sealed to every
recipient and then dropped; content is sealed to its public key, so follow-ups need no private key."""

from dataclasses import dataclass
from typing import NamedTuple

from nacl.public import PrivateKey

from .boxes import PublicKeyLike, open_sealed, seal

RECOVERY_RECIPIENT = "office-recovery"


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


def seal_content(submission_public_key: PublicKeyLike, plaintext: bytes) -> bytes:
    return seal(submission_public_key, plaintext)


def seal_submission(recipient_public_keys: dict[str, bytes], plaintext: bytes) -> SealedSubmission:
    """Seal a new submission in one step, so its private key never outlives this call."""
    private_key = new_submission_key()
    public_key = bytes(private_key.public_key)
    wrapped_keys = seal_for_recipients(private_key, recipient_public_keys)
    return SealedSubmission(public_key, wrapped_keys, seal_content(public_key, plaintext))


def open_submission_key(recipient_private_key: PrivateKey, wrapped_submission_key: bytes) -> PrivateKey:
    return PrivateKey(open_sealed(recipient_private_key, wrapped_submission_key))


def open_content(
    recipient_private_key: PrivateKey, wrapped_submission_key: bytes, ciphertext: bytes
) -> bytes:
    return open_sealed(open_submission_key(recipient_private_key, wrapped_submission_key), ciphertext)


def reseal_submission_key(
    recipient_private_key: PrivateKey, wrapped_submission_key: bytes, new_recipient_public_key: bytes
) -> bytes:
    """Give one more key (a new staff member, a rotated key) access to an existing submission."""
    submission_key = open_submission_key(recipient_private_key, wrapped_submission_key)
    return seal(new_recipient_public_key, bytes(submission_key))


# Messages between the source and staff: sealed twice, once to the source's codename key and once to the
# submission key, rather than one content key sealed twice. Messages are short, so the cost is small, and
# each copy can be deleted on its own (e.g. the source's copy once read) without touching the other.


class SealedMessage(NamedTuple):
    for_source: bytes
    for_staff: bytes


def seal_message(
    source_public_key: PublicKeyLike, submission_public_key: PublicKeyLike, text: str
) -> SealedMessage:
    message = text.encode()
    return SealedMessage(seal(source_public_key, message), seal(submission_public_key, message))


def open_message(private_key: PrivateKey, ciphertext: bytes) -> str:
    """Open either copy of a message: the source's with their derived key, staff's with the submission key."""
    return open_sealed(private_key, ciphertext).decode()
