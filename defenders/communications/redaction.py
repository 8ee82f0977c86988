"""Names of persons who did not consent to be named in public: their removal from public text, and the check
that no part of them is left. Plain functions; every public text of a communication passes through them.

Text is matched in a folded form (compatibility-normalised, without accents, case-folded, one apostrophe, one
hyphen, one space), so that a name pasted from another system, in capitals across a line break or with the
other apostrophe is still found; what is shown keeps the original characters around the placeholder.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

REDACTED_NAME = "[name withheld]"
# Alone, parts shorter than this ("Li", "Wu") are removed only after a title ("Ms. Li"); anywhere else they
# stop publication instead (see leftover_name_parts), since removing them everywhere would mangle words.
SHORTEST_NAME_PART = 3
# Particles of names that identify nobody and occur in ordinary text of several languages.
PARTICLES = frozenset(
    {"al", "el", "ibn", "bin", "bint", "abu", "de", "da", "das", "do", "dos", "du", "del", "della", "der"}
    | {"den", "di", "la", "le", "van", "von", "y", "e"}
)
# Titles after which a short name part is still a name ("Ms. Li", "Dr Wu", "г-жа Ли").
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "dra", "prof", "sir", "madam", "mme", "mlle", "m", "sr", "sra"}
    | {"srta", "don", "dona", "sheikh", "господин", "госпожа", "г-н", "г-жа", "гн"}
)
APOSTROPHES = "'’‘ʼ`´"
HYPHENS = "-‐‑‒–—―−"
# Scripts written without spaces between words: a name there has no word boundary around it.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Arabic attaches one-letter words (and, so, with, for, like), up to two, to the name that follows.
_ARABIC_PROCLITICS = "وفبلك"
_CYRILLIC = re.compile(r"[а-яё]+")
_CYRILLIC_VOWELS = "аяоеёыийьу"


@dataclass(frozen=True)
class Folded:
    """Text in its folded form, with, for each folded character, the index of the original one."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded[start:end]."""
        return self.origin[start], self.origin[end - 1] + 1


def _fold_char(character: str) -> str:
    if character in APOSTROPHES:
        return "'"
    if character in HYPHENS:
        return "-"
    if character.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", character)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> Folded:
    """Fold the text for matching; composed first, so that decomposed accents fold like composed ones."""
    letters: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        folded = _fold_char(character)
        letters.append(folded)
        origin.extend([index] * len(folded))
    return Folded("".join(letters), tuple(origin))


def name_parts(name: str) -> list[str]:
    """The folded parts of a name, split at spaces and hyphens: "Jean-Pierre  Dupont" → jean, pierre, dupont."""
    return [part for part in re.split(r"[ \-]+", fold(name).text) if part]


def _part_body(part: str) -> str:
    """The pattern of one folded name part: its apostrophes optional (O'Brien, OBrien), and in Cyrillic any
    case ending (Секретов, Секретова, Секретову)."""
    if _CYRILLIC.fullmatch(part) and len(part) >= 4:
        return (
            re.escape(part.removesuffix(part[-1]) if part[-1] in _CYRILLIC_VOWELS else part) + "[а-яё]{0,3}"
        )
    return re.escape(part).replace("'", "'?")


def _bounded(body: str, sample: str) -> str:
    """The pattern `body` as a whole word, or anywhere in scripts written without spaces (judged on `sample`)."""
    if _UNSPACED.search(sample):
        return body
    proclitic = f"[{_ARABIC_PROCLITICS}]"
    before = rf"(?<!\w)|(?<=(?<!\w){proclitic})|(?<=(?<!\w){proclitic}{proclitic})"
    return rf"(?:{before})(?:{body})(?!\w)"


def _stands_alone(part: str) -> bool:
    """Whether a part is removed wherever it stands: long enough, or two characters of a script like Chinese,
    where two characters are a whole given name."""
    return len(part) >= SHORTEST_NAME_PART or (len(part) >= 2 and bool(_UNSPACED.search(part)))


def _longest_first(texts: Iterable[str]) -> list[str]:
    return sorted(set(texts), key=lambda text: (-len(text), text))


@lru_cache(maxsize=256)
def _patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """What is removed wherever it stands (whole names, long parts), and short parts after a title."""
    always: list[str] = []
    short: set[str] = set()
    for name in names:
        parts = name_parts(name)
        if not parts:
            continue
        # The whole name, however it is spaced or hyphenated, goes first: it is longer than any of its parts.
        always.append(_bounded(r"[ \-]+".join(_part_body(part) for part in parts), name))
        for part in parts:
            if part in PARTICLES:
                continue
            if _stands_alone(part):
                always.append(_bounded(_part_body(part), part))
            else:
                short.add(part)
    always_pattern = re.compile("|".join(_longest_first(always))) if always else None
    short_pattern = None
    if short:
        titles = "|".join(re.escape(title) for title in _longest_first(TITLES))
        short_parts = "|".join(_part_body(part) for part in _longest_first(short))
        short_pattern = re.compile(rf"(?<!\w)(?:{titles})\.?[ ]*(?P<part>{short_parts})(?!\w)")
    return always_pattern, short_pattern


def _spans(folded: Folded, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """The original spans to remove, merged where they overlap or touch."""
    always, short = _patterns(names)
    found: list[tuple[int, int]] = []
    if always is not None:
        found += [
            folded.span(*match.span())
            for match in always.finditer(folded.text)
            if match.end() > match.start()
        ]
    if short is not None:
        found += [folded.span(*match.span("part")) for match in short.finditer(folded.text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def redact(text: str, names: Iterable[str]) -> str:
    """Replace every occurrence of the names, or of a part of them, with the placeholder."""
    key = tuple(sorted({name for name in names if name.strip()}))
    if not key or not text:
        return text
    text = unicodedata.normalize("NFC", text)
    pieces, position = [], 0
    for start, end in _spans(fold(text), key):
        pieces += [text[position:start], REDACTED_NAME]
        position = end
    redacted = "".join(pieces) + text[position:]
    # A name split into parts ("[name withheld] [name withheld]", or across a hyphen) reads as one.
    placeholder = re.escape(REDACTED_NAME)
    return re.sub(rf"{placeholder}(?:[\s{re.escape(HYPHENS)}]+{placeholder})+", REDACTED_NAME, redacted)


@dataclass(frozen=True)
class Leftover:
    """A part of a withheld name still in a text after redaction, where it stands and what surrounds it."""

    part: str
    start: int
    end: int
    context: str


def leftover_name_parts(text: str, names: Iterable[str], *, context: int = 40) -> list[Leftover]:
    """Parts of the names (short ones too, particles aside) still in an already redacted text.

    The second line of defence: a communication with any leftover is not published (the publication rule
    treats it as withheld) until an officer rewrites the text."""
    parts = {part for name in names for part in name_parts(name) if part not in PARTICLES}
    if not parts or not text:
        return []
    text = unicodedata.normalize("NFC", text)
    # The placeholder's own words are not names, whatever a person is called.
    folded = fold(text.replace(REDACTED_NAME, " " * len(REDACTED_NAME)))
    pattern = re.compile("|".join(_bounded(_part_body(part), part) for part in _longest_first(parts)))
    leftovers = []
    for match in pattern.finditer(folded.text):
        start, end = folded.span(*match.span())
        leftovers.append(
            Leftover(match.group(), start, end, text[max(0, start - context) : end + context].strip())
        )
    return leftovers


def leftovers_after_redaction(text: str, names: Iterable[str]) -> list[Leftover]:
    """What of the names a public text would still show once redacted; empty when it may be published."""
    names = list(names)
    return leftover_name_parts(redact(text, names), names)
