"""A text cut into sentences (by line, then by punctuation), and its language."""

import re
from dataclasses import dataclass

ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Mme|Sra|Sr|Srta|No|Nos|art|arts|para|St|Jr|e\.g|i\.e|ch|ст|ч|п|M|U\.N|etc|vs|cf)|\b[A-Z])\.$"
)
SENTENCE_END = re.compile(r"[.!?;][\"”»’]?\s+(?=[\"“«(]?[A-ZÀ-ÞА-ЯЁ0-9])|:\s+(?=[A-ZА-ЯЁ])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(source: str) -> list[Sentence]:
    """Sentences by line and by punctuation, never cutting after "Mr." or "art."."""
    found = []
    for line in re.finditer(r"[^\n]+", source):
        cursor = line.start()
        text = line.group(0)
        for boundary in SENTENCE_END.finditer(text):
            piece = text[: boundary.start() + 1]
            if boundary.group(0)[0] == "." and ABBREVIATIONS.search(piece):
                continue
            end = line.start() + boundary.start() + len(boundary.group(0).rstrip())
            if end > cursor:
                found.append(Sentence(cursor, end, source[cursor:end]))
            cursor = line.start() + boundary.end()
        if cursor < line.end():
            found.append(Sentence(cursor, line.end(), source[cursor : line.end()]))
    return [sentence for sentence in found if sentence.text.strip()]


def language_of(source: str) -> str:
    """en, fr, es or ru by the share of their commonest words; dates and triggers use it."""
    if len(re.findall(r"[а-яё]", source[:5000], re.I)) > 50:
        return "ru"
    words = re.findall(r"\w+", source[:5000].lower())
    scores = {
        "en": sum(word in {"the", "of", "and", "was", "were", "on"} for word in words),
        "fr": sum(word in {"le", "les", "des", "été", "du", "une"} for word in words),
        "es": sum(word in {"el", "los", "del", "fue", "una", "las"} for word in words),
    }
    return max(scores, key=lambda language: scores[language])
