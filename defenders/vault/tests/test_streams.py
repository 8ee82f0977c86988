"""Files sealed as streams of chunks: every awkward size round-trips, every alteration is caught."""

import io

import pytest
from nacl.public import PrivateKey

from defenders.vault import streams, submissions
from defenders.vault.boxes import TamperedCiphertext
from defenders.vault.streams import MAX_STREAM_CHUNK_SIZE

MARKER = b"MARKER-Detained-in-pre-trial-facility-No-2"

CHUNK = 16
# Version, chunk size, file key sealed to the submission (32 + 48), nonce prefix: pinned here so that a
# change of the stored file format is deliberate and not a side effect.
HEADER_BYTES = 1 + 4 + 80 + 16
RECORD_BYTES = 1 + CHUNK + 16


def encrypt_file(public_key: bytes, plaintext: bytes) -> bytes:
    sealed = io.BytesIO()
    streams.encrypt_stream(public_key, io.BytesIO(plaintext), sealed, chunk_size=CHUNK)
    return sealed.getvalue()


def decrypt_file(private_key: PrivateKey, ciphertext: bytes) -> bytes:
    opened = io.BytesIO()
    streams.decrypt_stream(private_key, io.BytesIO(ciphertext), opened)
    return opened.getvalue()


def records(ciphertext: bytes) -> list[bytes]:
    body = ciphertext[HEADER_BYTES:]
    return [body[start : start + RECORD_BYTES] for start in range(0, len(body), RECORD_BYTES)]


@pytest.fixture(scope="module")
def file_key() -> PrivateKey:
    return submissions.new_submission_key()


@pytest.fixture(scope="module")
def photo() -> bytes:
    return bytes(range(256)) * 3 + MARKER


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 4 * CHUNK, 1000])
def test_stream_round_trips_files_of_every_awkward_size(file_key, size):
    plaintext = bytes(index % 251 for index in range(size))
    ciphertext = encrypt_file(bytes(file_key.public_key), plaintext)
    chunk_count = max(1, -(-size // CHUNK))
    assert len(ciphertext) == HEADER_BYTES + chunk_count * (RECORD_BYTES - CHUNK) + size
    assert decrypt_file(file_key, ciphertext) == plaintext


class TricklingReader(io.BytesIO):
    """An upload that hands over at most three bytes a read, as sockets may."""

    def read(self, size=-1, /):
        return super().read(min(size, 3) if size and size > 0 else 3)


def test_stream_copes_with_short_reads_on_both_sides(file_key, photo):
    sealed = io.BytesIO()
    streams.encrypt_stream(file_key.public_key, TricklingReader(photo), sealed, chunk_size=CHUNK)
    opened = io.BytesIO()
    streams.decrypt_stream(file_key, TricklingReader(sealed.getvalue()), opened)
    assert opened.getvalue() == photo


def test_encrypted_file_does_not_contain_the_plaintext_marker(file_key, photo):
    ciphertext = encrypt_file(bytes(file_key.public_key), photo)
    assert MARKER not in ciphertext
    assert ciphertext != encrypt_file(bytes(file_key.public_key), photo)


@pytest.mark.parametrize(
    "cut", [HEADER_BYTES - 1, HEADER_BYTES, HEADER_BYTES + RECORD_BYTES, HEADER_BYTES + 3 * RECORD_BYTES - 5]
)
def test_stream_detects_truncation(file_key, photo, cut):
    ciphertext = encrypt_file(bytes(file_key.public_key), photo)
    with pytest.raises(TamperedCiphertext):
        decrypt_file(file_key, ciphertext[:cut])


def test_stream_detects_truncation_exactly_after_a_whole_chunk(file_key):
    # Every remaining chunk is genuine here: only the final-chunk flag tells the file is incomplete.
    ciphertext = encrypt_file(bytes(file_key.public_key), bytes(4 * CHUNK))
    with pytest.raises(TamperedCiphertext):
        decrypt_file(file_key, ciphertext[: HEADER_BYTES + 3 * RECORD_BYTES])


def test_stream_detects_reordered_chunks(file_key, photo):
    ciphertext = encrypt_file(bytes(file_key.public_key), photo)
    chunks = records(ciphertext)
    chunks[1], chunks[2] = chunks[2], chunks[1]
    with pytest.raises(TamperedCiphertext, match="Chunk 1"):
        decrypt_file(file_key, ciphertext[:HEADER_BYTES] + b"".join(chunks))


def test_stream_detects_a_dropped_middle_chunk(file_key, photo):
    ciphertext = encrypt_file(bytes(file_key.public_key), photo)
    chunks = records(ciphertext)
    with pytest.raises(TamperedCiphertext):
        decrypt_file(file_key, ciphertext[:HEADER_BYTES] + b"".join(chunks[:3] + chunks[4:]))


@pytest.mark.parametrize("size", [4 * CHUNK, 4 * CHUNK + 5], ids=["full last chunk", "short last chunk"])
@pytest.mark.parametrize("extra", ["a byte", "the last chunk again"])
def test_stream_detects_data_appended_after_the_final_chunk(file_key, size, extra):
    ciphertext = encrypt_file(bytes(file_key.public_key), bytes(size))
    appended = b"\x00" if extra == "a byte" else records(ciphertext)[-1]
    with pytest.raises(TamperedCiphertext):
        decrypt_file(file_key, ciphertext + appended)


@pytest.mark.parametrize("position", [0, 1, 4, 5, 60, HEADER_BYTES - 1, HEADER_BYTES, HEADER_BYTES + 40, -1])
def test_stream_detects_a_flipped_bit_anywhere(file_key, photo, position):
    altered = bytearray(encrypt_file(bytes(file_key.public_key), photo))
    altered[position] ^= 0x10
    with pytest.raises(TamperedCiphertext):
        decrypt_file(file_key, bytes(altered))


def test_stream_refuses_a_forged_huge_chunk_size_before_reading_it(file_key, photo):
    altered = bytearray(encrypt_file(bytes(file_key.public_key), photo))
    altered[1:5] = (2**32 - 1).to_bytes(4, "big")
    with pytest.raises(TamperedCiphertext, match="chunk size"):
        decrypt_file(file_key, bytes(altered))


def test_stream_does_not_open_with_another_submission_key(file_key, photo):
    ciphertext = encrypt_file(bytes(file_key.public_key), photo)
    with pytest.raises(TamperedCiphertext):
        decrypt_file(submissions.new_submission_key(), ciphertext)


@pytest.mark.parametrize("chunk_size", [0, MAX_STREAM_CHUNK_SIZE + 1])
def test_stream_refuses_an_impossible_chunk_size_when_encrypting(file_key, chunk_size):
    with pytest.raises(ValueError, match="chunk size"):
        streams.encrypt_stream(file_key.public_key, io.BytesIO(b"x"), io.BytesIO(), chunk_size=chunk_size)
