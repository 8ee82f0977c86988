"""Encryption of uploaded files as a stream of authenticated chunks, sealed to the submission's public key."""

import itertools
from typing import Protocol

from nacl.bindings import crypto_box_SEALBYTES
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey
from nacl.secret import SecretBox
from nacl.utils import random

from .boxes import PublicKeyLike, TamperedCiphertext, open_sealed, seal

STREAM_CHUNK_SIZE = 64 * 1024
# A bound on the chunk size read from a stream header, so that a forged header cannot exhaust memory.
MAX_STREAM_CHUNK_SIZE = 16 * 1024 * 1024

# Each file has a random key, sealed to the submission in the header, then one SecretBox per chunk. The
# nonce binds the chunk's position (random prefix + counter), and a flag inside each chunk marks the last
# one, so reordered, dropped or appended chunks all fail. Header: version, chunk size, sealed key, prefix.

_STREAM_VERSION = b"\x01"
_MORE, _FINAL = b"\x00", b"\x01"
_NONCE_PREFIX_BYTES = 16
_SEALED_FILE_KEY_BYTES = SecretBox.KEY_SIZE + crypto_box_SEALBYTES
_HEADER_BYTES = 1 + 4 + _SEALED_FILE_KEY_BYTES + _NONCE_PREFIX_BYTES


class Readable(Protocol):
    def read(self, size: int, /) -> bytes: ...


class Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...


def _read_exactly(reader: Readable, size: int) -> bytes:
    # Sockets and upload streams may return short reads before the end.
    parts, missing = [], size
    while missing:
        part = reader.read(missing)
        if not part:
            break
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + index.to_bytes(8, "big")


def encrypt_stream(
    public_key: PublicKeyLike, reader: Readable, writer: Writable, chunk_size: int = STREAM_CHUNK_SIZE
) -> None:
    """Encrypt everything `reader` yields to the submission public key, writing ciphertext to `writer`."""
    if not 1 <= chunk_size <= MAX_STREAM_CHUNK_SIZE:
        raise ValueError(f"The chunk size must be 1 to {MAX_STREAM_CHUNK_SIZE} bytes.")
    file_key, prefix = random(SecretBox.KEY_SIZE), random(_NONCE_PREFIX_BYTES)
    writer.write(_STREAM_VERSION + chunk_size.to_bytes(4, "big") + seal(public_key, file_key) + prefix)
    box = SecretBox(file_key)
    chunk = _read_exactly(reader, chunk_size)
    for index in itertools.count():
        # Reading one chunk ahead is how the last chunk is known, even when it is empty or exactly full.
        following = _read_exactly(reader, chunk_size)
        flag = _MORE if following else _FINAL
        writer.write(box.encrypt(flag + chunk, _nonce(prefix, index)).ciphertext)
        if not following:
            return
        chunk = following


def decrypt_stream(submission_private_key: PrivateKey, reader: Readable, writer: Writable) -> None:
    """Decrypt a stream from `encrypt_stream`, writing plaintext to `writer` chunk by chunk.

    Each chunk is authenticated before it is written, but the whole file is known to be complete only
    when this returns: on TamperedCiphertext the caller must discard what was already written.
    """
    header = _read_exactly(reader, _HEADER_BYTES)
    if len(header) != _HEADER_BYTES or header[:1] != _STREAM_VERSION:
        raise TamperedCiphertext("The file header is damaged or of an unknown version.")
    chunk_size = int.from_bytes(header[1:5], "big")
    if not 1 <= chunk_size <= MAX_STREAM_CHUNK_SIZE:
        raise TamperedCiphertext("The file header gives an impossible chunk size.")
    box = SecretBox(open_sealed(submission_private_key, header[5 : 5 + _SEALED_FILE_KEY_BYTES]))
    prefix = header[-_NONCE_PREFIX_BYTES:]
    record_size = 1 + chunk_size + SecretBox.MACBYTES
    for index in itertools.count():
        record = _read_exactly(reader, record_size)
        try:
            plaintext = box.decrypt(record, _nonce(prefix, index))
        except CryptoError:
            raise TamperedCiphertext(f"Chunk {index} of the file is altered, missing or misplaced.") from None
        writer.write(plaintext[1:])
        if plaintext[:1] == _FINAL:
            break
    if _read_exactly(reader, 1):
        raise TamperedCiphertext("The file has data after its final chunk.")
