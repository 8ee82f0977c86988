"""The gold readings themselves: every evidence points at the exact words, every fictional text says so."""

import json
from pathlib import Path

import pytest

from defenders.extraction.kinds import EVENT_KINDS

HERE = Path(__file__).resolve().parent.parent
READINGS = sorted((HERE / "gold").glob("*.reading.json")) + sorted(
    (HERE / "gold_heldout").glob("*.reading.json")
)


def _evidences(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "evidence":
                yield value
            else:
                yield from _evidences(value)
    elif isinstance(node, list):
        for value in node:
            yield from _evidences(value)


def _pair(path: Path) -> tuple[str, dict]:
    source = path.with_name(path.name.removesuffix(".reading.json") + ".txt").read_text(encoding="utf-8")
    return source, json.loads(path.read_text(encoding="utf-8"))


def test_there_are_at_least_sixteen_gold_texts_beside_the_seed():
    assert len(READINGS) >= 17
    assert len(list((HERE / "gold_heldout").glob("*.reading.json"))) >= 4


@pytest.mark.parametrize("path", READINGS, ids=lambda path: path.name)
def test_every_evidence_is_the_exact_slice_of_its_text(path):
    source, reading = _pair(path)
    evidences = list(_evidences(reading))
    assert evidences
    for evidence in evidences:
        assert source[evidence["start"] : evidence["end"]] == evidence["text"], evidence


@pytest.mark.parametrize("path", READINGS, ids=lambda path: path.name)
def test_every_gold_event_kind_is_in_the_controlled_list(path):
    _, reading = _pair(path)
    assert {event["kind"] for event in reading["events"]} <= set(EVENT_KINDS)


@pytest.mark.parametrize("path", READINGS, ids=lambda path: path.name)
def test_every_invented_text_is_marked_fictional(path):
    source, reading = _pair(path)
    if path.name.startswith("fictional-"):
        assert reading["fictional"] is True
        assert source.startswith("[FICTIONAL TEXT FOR TESTING")
