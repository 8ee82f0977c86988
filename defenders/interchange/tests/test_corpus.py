from collections import Counter

import pytest
from django.core.management import call_command

from defenders.communications.models import Communication
from defenders.interchange.corpus import generate_records
from defenders.interchange.records import read_record

SAMPLE = 3000


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return list(generate_records(SAMPLE, seed=7))


def share(records: list[dict], test) -> float:
    return sum(1 for record in records if test(record)) / len(records)


def test_the_same_seed_gives_the_same_records_and_another_seed_others():
    assert list(generate_records(50, seed=11)) == list(generate_records(50, seed=11))
    assert list(generate_records(50, seed=11)) != list(generate_records(50, seed=12))


def test_every_record_is_marked_fictional(sample):
    for record in sample:
        assert record["fictional"] is True
        assert (
            "fictional" in record["summary"]["background"].lower() or "ficti" in record["full_text"].lower()
        )
        assert record["full_text"].startswith("[")


def test_types_have_the_real_shares(sample):
    types = Counter(record["type"] for record in sample)
    assert 0.52 < types["AL"] / SAMPLE < 0.64
    assert 0.25 < types["UA"] / SAMPLE < 0.35
    assert 0.08 < types["OL"] / SAMPLE < 0.16


def test_addressees_are_about_190_states_and_some_companies(sample):
    states = {record["addressee"]["code"] for record in sample if record["addressee"]["kind"] == "state"}
    assert 180 <= len(states) <= 200
    companies = [record for record in sample if record["addressee"]["kind"] == "company"]
    assert 0.01 < len(companies) / SAMPLE < 0.06
    assert all(record["addressee"]["code"] == "OTH" and record["addressee"]["name"] for record in companies)


def test_one_to_six_mandates_with_one_lead(sample):
    counts = Counter(len(record["mandates"]) for record in sample)
    assert set(counts) == {1, 2, 3, 4, 5, 6}
    assert all(sum(m["lead"] for m in record["mandates"]) == 1 for record in sample)


def test_years_2011_to_2026_and_references_unique(sample):
    assert {int(record["sent_on"][:4]) for record in sample} == set(range(2011, 2027))
    references = [record["reference"] for record in sample]
    assert len(set(references)) == len(references)


def test_about_half_get_no_reply_and_replies_follow_sending(sample):
    assert 0.45 < share(sample, lambda record: not record["replies"]) < 0.6
    for record in sample:
        for reply in record["replies"]:
            assert reply["received_on"] > record["sent_on"]
    kinds = Counter(reply["kind"] for record in sample for reply in record["replies"])
    assert kinds["substantive"] > kinds["acknowledgement"] > 0 and kinds["confidential"] > 0


def test_some_french_and_spanish_and_letter_lengths_like_real_ones(sample):
    languages = Counter(record["language"] for record in sample)
    assert 0.02 < languages["fr"] / SAMPLE < 0.1 and 0.04 < languages["es"] / SAMPLE < 0.15
    lengths = sorted(len(record["full_text"]) for record in sample if record["language"] == "en")
    assert 2500 < lengths[len(lengths) // 2] < 8000


def test_every_record_is_valid_for_import(sample, mandates):
    for record in sample[:300]:
        read_record(record)


def test_the_command_writes_a_file_that_imports(tmp_path, mandates):
    out = tmp_path / "corpus.jsonl"
    call_command("generate_corpus", communications=12, seed=5, out=out)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 12
    call_command("import_communications", out)
    assert Communication.objects.count() == 12
