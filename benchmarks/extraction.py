"""The extractor's speed on documents of about 1,500 words (one core), beside a bare regular-expression pass over
the same documents, and its quality on the gold readings, beside a naive reader scored the same way."""

import random
import re
import time
from pathlib import Path

from .harness import Figure

GOLD = Path(__file__).resolve().parents[1] / "defenders" / "extraction" / "gold"
HELD_OUT = GOLD.with_name("gold_heldout")
USES_DATABASE = False  # run once whatever the engines; its figures carry no engine or corpus size
WORDS_PER_DOCUMENT = 1500
BARE_DATE = re.compile(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b")
BARE_ARTICLE = re.compile(r"\barticles? (\d+(?:[.\-]\d+)*)", re.I)
YEAR = re.compile(r"\b(19|20)\d\d\b")
DAY_MONTH = re.compile(
    r"\b([12]?\d) (January|February|March|April|May|June|July|August|September|October|November)"
)


def documents(count: int, seed: int = 10) -> list[str]:
    """Documents of about 1,500 words made of the gold texts' paragraphs, with their days and years changed so
    that no two documents repeat the same dates (the extractor caches nothing across documents, but be sure)."""
    paragraphs = [
        paragraph
        for path in sorted(GOLD.glob("*.txt"))
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")
        if len(paragraph.split()) > 8
    ]
    chooser = random.Random(seed)  # noqa: S311 (a reproducible corpus, not a secret)
    made = []
    for _ in range(count):
        words, parts = 0, []
        while words < WORDS_PER_DOCUMENT:
            paragraph = chooser.choice(paragraphs)
            paragraph = YEAR.sub(lambda _: str(chooser.randint(1995, 2025)), paragraph)
            paragraph = DAY_MONTH.sub(lambda match: f"{chooser.randint(1, 28)} {match.group(2)}", paragraph)
            parts.append(paragraph)
            words += len(paragraph.split())
        made.append("\n\n".join(parts))
    return made


def _rate(read, corpus: list[str], rounds: int) -> float:
    """Documents per second of this process's CPU time: "on one core", whatever else shares the machine."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for text in corpus:
            read(text)
        best = min(best, time.process_time() - started)
    return len(corpus) / best


def _bare_pass(text: str) -> int:
    return len(BARE_DATE.findall(text)) + len(BARE_ARTICLE.findall(text))


def naive_read(text: str) -> dict:
    """The floor the rules must beat: every bare date an arrest, every "article N" a provision, nothing else."""
    return {
        "communication": {
            "reference": None,
            "type": None,
            "addressee": None,
            "sent_on": None,
            "joint": None,
            "mandates": [],
            "reply": {"status": "unknown", "received_on": None},
        },
        "events": [{"date": None, "kind": "arrest"} for _ in BARE_DATE.finditer(text)],
        "legal_provisions": [{"article": article} for article in BARE_ARTICLE.findall(text)],
    }


def _quality(folder: Path, read) -> tuple[float, float, float]:
    from defenders.extraction.scoring import Score, gold_pairs, score_document

    score = Score([score_document(name, text, reading, read) for name, text, reading in gold_pairs(folder)])
    return score.total("events").f1, score.total("provisions").f1, min(score.field_accuracy().values())


def run(quick: bool) -> list[Figure]:
    from defenders.extraction.reader import read_text

    corpus = documents(20 if quick else 200)
    rounds = 1 if quick else 3
    read_text(corpus[0])  # imports and month tables, once
    rate = _rate(read_text, corpus, rounds)
    bare = _rate(_bare_pass, corpus, rounds)
    words = sum(len(text.split()) for text in corpus) / len(corpus)
    figures = [
        Figure(
            "extraction.documents_per_s",
            round(rate, 1),
            "per_s",
            f"bare regex pass ({words:.0f} words/doc)",
            round(bare, 1),
            goal=">= 50 documents of 1,500 words a second on one core",
            met=rate >= 50,
        )
    ]
    targets = {"tuned": (0.9, 0.95, 0.95), "held_out": (None, None, None)}
    for label, folder in (("tuned", GOLD), ("held_out", HELD_OUT)):
        events, provisions, fields = _quality(folder, read_text)
        naive_events, naive_provisions, naive_fields = _quality(folder, naive_read)
        goals = targets[label]
        for name, value, baseline, goal in (
            ("events_f1", events, naive_events, goals[0]),
            ("provisions_f1", provisions, naive_provisions, goals[1]),
            ("fields_min_accuracy", fields, naive_fields, goals[2]),
        ):
            figures.append(
                Figure(
                    f"extraction.{label}.{name}",
                    round(value, 4),
                    "ratio",
                    "naive reader (bare dates and articles)",
                    round(baseline, 4),
                    goal=f">= {goal}" if goal else "reported, not tuned on",
                    met=value >= goal if goal else None,
                )
            )
    return figures
