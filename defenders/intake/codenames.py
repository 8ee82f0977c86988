"""Codenames: the one secret a source keeps, seven or more words drawn from the EFF long word list."""

import secrets
import unicodedata
from functools import cache
from importlib.resources import files

MIN_WORDS = 7
# log2(7776) ≈ 12.92 bits a word, so seven words give about 90 bits.
EFF_LIST_SIZE = 7776


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
