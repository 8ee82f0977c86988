"""How well the extractor reads a folder of gold readings: precision, recall and F1 for events (same date at
the gold's precision and same kind) and legal provisions (same article), accuracy for each communication field.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .reader import read_text

COMMUNICATION_FIELDS = (
    "reference",
    "type",
    "addressee",
    "sent_on",
    "joint",
    "mandates",
    "reply.status",
    "reply.received_on",
)


@dataclass
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, other: "Counts") -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives


@dataclass
class DocumentScore:
    name: str
    events: Counts
    provisions: Counts
    fields: dict[str, bool]
    missed_events: list[str] = field(default_factory=list)
    extra_events: list[str] = field(default_factory=list)


@dataclass
class Score:
    documents: list[DocumentScore]

    def total(self, part: str) -> Counts:
        counts = Counts()
        for document in self.documents:
            counts.add(getattr(document, part))
        return counts

    def field_accuracy(self) -> dict[str, float]:
        accuracy = {}
        for name in COMMUNICATION_FIELDS:
            judged = [document.fields[name] for document in self.documents if name in document.fields]
            accuracy[name] = sum(judged) / len(judged) if judged else 1.0
        return accuracy

    def as_json(self) -> dict[str, Any]:
        def counts(value: Counts) -> dict[str, float]:
            return {
                "precision": round(value.precision, 4),
                "recall": round(value.recall, 4),
                "f1": round(value.f1, 4),
            }

        return {
            "documents": len(self.documents),
            "events": counts(self.total("events")),
            "legal_provisions": counts(self.total("provisions")),
            "communication": {name: round(value, 4) for name, value in self.field_accuracy().items()},
        }


def _at_precision(predicted: str | None, gold: str | None) -> str | None:
    if predicted is None or gold is None:
        return predicted
    return predicted[: len(gold)]


def match_events(predicted: list[dict], gold: list[dict]) -> tuple[Counts, list[str], list[str]]:
    """One-to-one matches: same kind, and the predicted date cut to the gold's precision equals the gold's."""
    unused = list(predicted)
    missed = []
    for expected in gold:
        hit = next(
            (
                event
                for event in unused
                if event["kind"] == expected["kind"]
                and _at_precision(event["date"], expected["date"]) == expected["date"]
            ),
            None,
        )
        if hit is None:
            missed.append(f"{expected['date']} {expected['kind']}")
        else:
            unused.remove(hit)
    counts = Counts(len(gold) - len(missed), len(unused), len(missed))
    return counts, missed, [f"{event['date']} {event['kind']}" for event in unused]


def match_provisions(predicted: list[dict], gold: list[dict]) -> Counts:
    found = {provision["article"] for provision in predicted}
    expected = {provision["article"] for provision in gold}
    return Counts(len(found & expected), len(found - expected), len(expected - found))


def gold_communication(reading: dict) -> dict[str, Any]:
    """The gold's communication fields in the extractor's terms (the seed's shape names the addressee as an
    object and the reply by `received`)."""
    communication = reading["communication"]
    addressee = communication.get("addressee")
    if isinstance(addressee, dict):
        addressee = addressee.get("country") if addressee.get("kind") == "state" else "OTH"
    reply = communication.get("reply") or {}
    status = reply.get("status") or ("none" if reply.get("received") is False else None)
    values = {
        "reference": communication.get("reference"),
        "type": communication.get("type"),
        "addressee": addressee,
        "sent_on": communication.get("sent_on"),
        "joint": communication.get("joint"),
        "mandates": communication.get("mandates"),
        "reply.status": status,
        "reply.received_on": reply.get("received_on"),
    }
    return {
        name: value
        for name, value in values.items()
        if name.split(".")[0] in communication or name == "addressee"
    }


def score_document(
    name: str, source: str, reading: dict, read: Callable[[str], dict] = read_text
) -> DocumentScore:
    found = read(source)
    events, missed, extra = match_events(found["events"], reading["events"])
    provisions = match_provisions(found["legal_provisions"], reading["legal_provisions"])
    predicted = found["communication"]
    predicted_values = {
        **{
            name: predicted[name]
            for name in ("reference", "type", "addressee", "sent_on", "joint", "mandates")
        },
        "reply.status": predicted["reply"]["status"],
        "reply.received_on": predicted["reply"]["received_on"],
    }
    fields = {field: predicted_values[field] == value for field, value in gold_communication(reading).items()}
    return DocumentScore(name, events, provisions, fields, missed, extra)


def gold_pairs(folder: Path) -> list[tuple[str, str, dict]]:
    """(name, text, reading) for every NAME.reading.json beside its NAME.txt in the folder."""
    pairs = []
    for path in sorted(folder.glob("*.reading.json")):
        name = path.name.removesuffix(".reading.json")
        text_path = path.with_name(f"{name}.txt")
        if text_path.exists():
            pairs.append(
                (name, text_path.read_text(encoding="utf-8"), json.loads(path.read_text(encoding="utf-8")))
            )
    return pairs


def score_folder(folder: Path) -> Score:
    return Score([score_document(name, text, reading) for name, text, reading in gold_pairs(folder)])
