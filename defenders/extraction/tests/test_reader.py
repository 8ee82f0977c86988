"""The extractor on the seed, on the gold folders and on the phrases its rules are about."""

import json
from pathlib import Path

import pytest

from defenders.extraction.dates import explicit_dates, searched_dates
from defenders.extraction.kinds import EVENT_KINDS
from defenders.extraction.reader import read_text
from defenders.extraction.scoring import gold_pairs, score_folder

HERE = Path(__file__).resolve().parent.parent
SEED = HERE / "gold" / "russia-khamroev-2023"


def _events(text: str) -> list[tuple[str | None, str]]:
    return [(event["date"], event["kind"]) for event in read_text(text)["events"]]


def test_every_seed_event_is_found_at_its_date():
    found = set(_events(SEED.with_suffix(".txt").read_text(encoding="utf-8")))
    gold = json.loads(SEED.with_suffix(".reading.json").read_text(encoding="utf-8"))
    assert {(event["date"], event["kind"]) for event in gold["events"]} <= found


def test_the_seed_communication_is_read_from_its_first_paragraph():
    communication = read_text(SEED.with_suffix(".txt").read_text(encoding="utf-8"))["communication"]
    assert communication["addressee"] == "RUS"
    assert communication["sent_on"] == "2023-10-25"
    assert communication["joint"] is True
    assert communication["reply"]["status"] == "none"
    assert communication["reference"] is None


def test_the_seed_sentence_is_checked_against_its_appeal_and_its_parts():
    reading = read_text(SEED.with_suffix(".txt").read_text(encoding="utf-8"))
    sentence = next(event for event in reading["events"] if event["kind"] == "sentence")
    appeal = next(event for event in reading["events"] if event["kind"] == "appeal_decision")
    assert sentence["term"] == {"years": 14}
    assert sentence["court"] == "Second Western District Military Court"
    assert appeal["term"] == {"years": 13, "months": 9}
    assert [check["holds"] for check in reading["checks"]] == [True, True]


def test_an_appeal_that_does_not_add_up_is_flagged():
    text = (
        "On 30 January 2024, the court sentenced her to 9 years of imprisonment.\n"
        "On 15 May 2024, the Court of Appeal reduced the sentence by one year, now amounting to 7 years and 6 months."
    )
    checks = read_text(text)["checks"]
    assert len(checks) == 1
    assert checks[0]["holds"] is False
    assert "8 years" in checks[0]["detail"]


def test_relative_phrases_count_from_the_previous_date():
    text = (
        "On 19 September 2022, police arrested her. Two weeks later, she was transferred to Evin prison. "
        "The following day, she was charged. On the same day, her office was searched. "
        "Two months later, the court upheld the decision on appeal."
    )
    assert _events(text) == [
        ("2022-09-19", "arrest"),
        ("2022-10-03", "detention"),
        ("2022-10-04", "charge"),
        ("2022-10-04", "search"),
        ("2022-12", "appeal_decision"),
    ]


def test_a_relative_phrase_without_a_previous_date_gives_no_event():
    assert _events("The following day, he was arrested.") == []


def test_a_negated_trigger_is_not_an_event():
    assert _events("On 3 May 2020, he was not arrested but questioned.") == []


def test_partial_dates_keep_the_precision_of_the_text():
    assert _events("In 2019, he was detained. In March 2021, he was fined 500 euros.") == [
        ("2019", "detention"),
        ("2021-03", "fine"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("le 14 octobre 2022", "2022-10-14"),
        ("el 19 de mayo de 2023", "2023-05-19"),
        ("12 марта 2023 года", "2023-03-12"),
        ("в марте 2022 года", "2022-03"),
        ("March 3rd, 2021", "2021-03-03"),
        ("03.04.2021", "2021-04-03"),
        ("en julio de 2023", "2023-07"),
    ],
)
def test_dates_parse_in_each_language(text, value):
    assert [mention.value for mention in explicit_dates(text)] == [value]


def test_dateparser_search_never_makes_a_date_of_words_without_a_year():
    assert searched_dates("He was fined now, in relation to this charge.", 0, "en") == []


def test_a_new_style_reference_gives_type_and_addressee():
    communication = read_text("REFERENCE: UA EGY 12/2023\n\n5 July 2023\n\nExcellency,")["communication"]
    assert (communication["reference"], communication["type"], communication["addressee"]) == (
        "UA EGY 12/2023",
        "UA",
        "EGY",
    )
    assert communication["sent_on"] == "2023-07-05"


def test_a_legacy_reference_is_kept_verbatim():
    text = "REFERENCE: UA G/SO 214 (67-17) G/SO 214 (53-24) UZB 4/2012\n\n16 April 2012\n"
    communication = read_text(text)["communication"]
    assert communication["reference"] == "UA G/SO 214 (67-17) G/SO 214 (53-24) UZB 4/2012"
    assert communication["addressee"] == "UZB"


def test_articles_of_a_code_are_read_one_by_one_with_the_code_normalised():
    provisions = read_text("She was charged under articles 205.5-1 and 205.5-2 of the Russian Criminal Code.")
    assert [(p["article"], p["code"]) for p in provisions["legal_provisions"]] == [
        ("205.5-1", "Criminal Code of the Russian Federation"),
        ("205.5-2", "Criminal Code of the Russian Federation"),
    ]


def test_articles_of_international_instruments_are_left_out():
    text = "This would violate article 19 of the International Covenant on Civil and Political Rights."
    assert read_text(text)["legal_provisions"] == []


@pytest.mark.parametrize("folder", ["gold", "gold_heldout"])
def test_every_evidence_the_extractor_gives_is_the_exact_slice(folder):
    for _, text, _ in gold_pairs(HERE / folder):
        reading = read_text(text)
        for part in ("persons", "organisations", "legal_provisions", "events", "checks"):
            for item in reading[part]:
                evidence = item["evidence"]
                assert text[evidence["start"] : evidence["end"]] == evidence["text"]
        assert {event["kind"] for event in reading["events"]} <= set(EVENT_KINDS)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "x",
        "Mr.",
        "On 31 February 2023.",
        "Он был задержан 5 мая.",
        "( ) ; : . 2023 ) Art. 1",
        "a" * 5000,
    ],
)
def test_odd_text_never_crashes(text):
    reading = read_text(text)
    assert reading["communication"]["reply"]["status"] in {
        "none",
        "replied",
        "procedural",
        "unknown",
        "extension_request",
        "confidential",
    }


def test_the_tuned_gold_meets_the_targets():
    score = score_folder(HERE / "gold")
    assert score.total("events").f1 >= 0.9
    assert score.total("provisions").f1 >= 0.95
    assert min(score.field_accuracy().values()) >= 0.95


def test_a_day_without_a_year_takes_the_year_of_the_previous_date():
    assert _events(
        "On 5 March 2021, he was arrested. On 9 March, he was charged. On 31 February, he was released."
    ) == [
        ("2021-03-05", "arrest"),
        ("2021-03-09", "charge"),
    ]
