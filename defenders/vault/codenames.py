"""Codenames: the one secret a source keeps, seven or more words drawn from the EFF long word list."""

import hashlib
import secrets
import unicodedata
from functools import cache
from importlib.resources import files

from nacl.public import PrivateKey
from nacl.utils import random

from . import kdf

MIN_WORDS = 7
# log2(7776) ≈ 12.92 bits a word, so seven words give about 90 bits.
EFF_LIST_SIZE = 7776
PEPPER_BYTES = 32


@cache
def eff_words() -> tuple[str, ...]:
    """Return the EFF long list shipped with diceware, read once per process."""
    text = files("diceware").joinpath("wordlists", "wordlist_en_eff.txt").read_text(encoding="utf-8")
    words = tuple(line.split("\t")[1].strip() for line in text.splitlines() if line.strip())
    # The entropy promised to sources rests on 7776 distinct words: refuse a damaged or replaced list.
    if len(words) != EFF_LIST_SIZE or len(set(words)) != EFF_LIST_SIZE:
        raise RuntimeError("The EFF word list shipped with diceware is not the expected 7776 distinct words.")
    return words


def generate_codename(words: int = MIN_WORDS) -> str:
    """Return a new codename of `words` EFF words, each drawn independently by the OS random generator."""
    if words < MIN_WORDS:
        raise ValueError(f"A codename needs at least {MIN_WORDS} words.")
    vocabulary = eff_words()
    return " ".join(secrets.choice(vocabulary) for _ in range(words))


def normalise_codename(text: str) -> str:
    """Return the codename as it is hashed: compatibility-normalised, lowercase, single-spaced.

    Keys and hashes are derived from this form, so changing it locks out every existing source.
    """
    # NFKC folds full-width letters and odd spaces that phone keyboards and copy-paste introduce.
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


# The lookup key finds the submission row in one indexed query, and the argon2 hash is the verifier, so that a
# login costs exactly one slow hash. Both exist because the lookup key is a fast hash: it resists guessing only
# while the pepper stays secret, so the pepper lives in the key directory, outside the database and its
# backups. The argon2 hash keeps each guess slow even when both leak.


def new_pepper() -> bytes:
    return random(PEPPER_BYTES)


def codename_lookup_key(codename: str, pepper: bytes) -> str:
    """Return the keyed BLAKE2b of the normalised codename, the indexed column that finds the submission."""
    if not PEPPER_BYTES <= len(pepper) <= hashlib.blake2b.MAX_KEY_SIZE:
        raise ValueError(f"The pepper must be {PEPPER_BYTES} to {hashlib.blake2b.MAX_KEY_SIZE} bytes.")
    text = normalise_codename(codename).encode()
    return hashlib.blake2b(text, key=pepper, digest_size=32, person=b"intake-lookup").hexdigest()


@cache
def _unknown_codename_hash() -> str:
    # Built on first use rather than at import, to keep start-up lean; it never matches anything.
    return kdf.hash_secret(secrets.token_hex(32))


def hash_codename(codename: str) -> str:
    return kdf.hash_secret(normalise_codename(codename))


def verify_codename(stored_hash: str | None, codename: str) -> bool:
    """Tell whether the codename matches the stored hash; never raises.

    Pass None when no submission matched the lookup key: an unknown codename then costs the same argon2
    verification as a wrong one, so response times do not tell them apart.
    """
    candidate = stored_hash if stored_hash is not None else _unknown_codename_hash()
    matched = kdf.matches_hash(candidate, normalise_codename(codename))
    return matched and stored_hash is not None


def derive_source_private_key(codename: str, salt: bytes, *, cost: kdf.KdfCost = kdf.MODERATE) -> PrivateKey:
    """Derive the source's X25519 key from the codename, so replies sealed to it open with the codename alone."""
    return PrivateKey.from_seed(kdf.derive_key(normalise_codename(codename), salt, cost))
