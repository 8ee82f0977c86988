import json

import pytest

from defenders.communications.models import Communication
from defenders.interchange.jsonl import ImportFailure, export_lines, import_lines


def record(reference: str, sent_on: str, follows_up: list[str] | None = None, **changes) -> str:
    line = {
        "reference": reference,
        "type": reference.split()[0],
        "addressee": {"code": reference.split()[1]},
        "sent_on": sent_on,
        "title": f"the letter {reference}",
        "mandates": [{"short_name": "SR HRDs", "lead": True}],
        **changes,
    }
    if follows_up is not None:
        line["follows_up"] = follows_up
    return json.dumps(line, ensure_ascii=False)


def history_rows() -> int:
    return Communication.history.count()


def test_a_line_may_follow_up_an_earlier_line_and_a_later_one(mandates):
    lines = [
        record("AL RUS 1/2021", "2021-03-01"),
        record("AL RUS 5/2023", "2023-06-01", ["UA RUS 2/2022", "AL RUS 1/2021"]),
        record("UA RUS 2/2022", "2022-04-01", ["AL RUS 1/2021"]),
    ]
    assert import_lines(lines) == {"created": 3, "updated": 0, "unchanged": 0}
    latest = Communication.objects.get(reference="AL RUS 5/2023")
    assert sorted(c.reference for c in latest.follows_up.all()) == ["AL RUS 1/2021", "UA RUS 2/2022"]
    first = Communication.objects.get(reference="AL RUS 1/2021")
    assert sorted(c.reference for c in first.followed_up_by.all()) == ["AL RUS 5/2023", "UA RUS 2/2022"]


def test_follow_ups_round_trip_and_a_second_import_changes_nothing(mandates):
    lines = [
        record("AL RUS 1/2021", "2021-03-01"),
        record("OL RUS 4/2022", "2022-04-01"),
        record("AL RUS 5/2023", "2023-06-01", ["OL RUS 4/2022", "AL RUS 1/2021"]),
    ]
    import_lines(lines)
    exported = list(export_lines())
    by_reference = {json.loads(text)["reference"]: json.loads(text) for text in exported}
    assert by_reference["AL RUS 5/2023"]["follows_up"] == ["AL RUS 1/2021", "OL RUS 4/2022"]
    assert by_reference["AL RUS 1/2021"]["follows_up"] == []
    before = history_rows()
    assert import_lines(exported) == {"created": 0, "updated": 0, "unchanged": 3}
    assert history_rows() == before
    assert list(export_lines()) == exported


def test_export_names_a_follow_up_by_legacy_reference_else_by_id(mandates):
    draft_line = record("AL RUS 1/2021", "2021-03-01")
    import_lines([draft_line])
    unnumbered = json.dumps(
        {
            "type": "AL",
            "addressee": {"code": "TUR"},
            "sent_on": "2021-02-01",
            "title": "a letter recorded without reference",
            "id": "0b7c2f0e-6a43-4a3b-9a53-1a1de3e2f1aa",
        }
    )
    legacy = json.dumps(
        {
            "type": "UA",
            "addressee": {"code": "TUR"},
            "legacy_reference": "UA G/SO 214 (67-17) TUR 3/2019",
            "sent_on": "2019-02-01",
            "title": "an old letter",
        }
    )
    follow_up = record(
        "AL RUS 5/2023",
        "2023-06-01",
        ["0b7c2f0e-6a43-4a3b-9a53-1a1de3e2f1aa", "UA G/SO 214 (67-17) TUR 3/2019", "AL RUS 1/2021"],
    )
    import_lines([unnumbered, legacy, follow_up])
    exported = [json.loads(text) for text in export_lines()]
    latest = next(line for line in exported if line["reference"] == "AL RUS 5/2023")
    assert latest["follows_up"] == [
        "0b7c2f0e-6a43-4a3b-9a53-1a1de3e2f1aa",
        "AL RUS 1/2021",
        "UA G/SO 214 (67-17) TUR 3/2019",
    ]


def test_a_line_without_the_key_leaves_the_follow_ups_as_they_are(mandates):
    import_lines(
        [record("AL RUS 1/2021", "2021-03-01"), record("AL RUS 5/2023", "2023-06-01", ["AL RUS 1/2021"])]
    )
    before = history_rows()
    counts = import_lines([record("AL RUS 5/2023", "2023-06-01")])
    assert counts == {"created": 0, "updated": 0, "unchanged": 1}
    assert history_rows() == before
    assert Communication.objects.get(reference="AL RUS 5/2023").follows_up.count() == 1


def test_an_empty_list_removes_the_follow_ups(mandates):
    import_lines(
        [record("AL RUS 1/2021", "2021-03-01"), record("AL RUS 5/2023", "2023-06-01", ["AL RUS 1/2021"])]
    )
    assert import_lines([record("AL RUS 5/2023", "2023-06-01", [])])["updated"] == 1
    assert Communication.objects.get(reference="AL RUS 5/2023").follows_up.count() == 0


def test_an_unknown_follow_up_is_refused_with_its_line_and_field_and_nothing_is_written(mandates):
    lines = [
        record("AL RUS 1/2021", "2021-03-01"),
        record("AL RUS 5/2023", "2023-06-01", ["AL RUS 1/2021", "AL RUS 99/2020"]),
    ]
    with pytest.raises(ImportFailure) as refused:
        import_lines(lines)
    assert (refused.value.line_number, refused.value.field) == (2, "follows_up.1")
    assert "AL RUS 99/2020" in refused.value.reason
    assert not Communication.objects.exists()


def test_a_follow_up_sent_before_the_letter_it_follows_is_refused_on_its_line(mandates):
    lines = [
        record("AL RUS 1/2021", "2021-03-01", ["AL RUS 5/2023"]),
        record("AL RUS 5/2023", "2023-06-01"),
    ]
    with pytest.raises(ImportFailure) as refused:
        import_lines(lines)
    assert (refused.value.line_number, refused.value.field) == (1, "follows_up")
    assert "after" in refused.value.reason


@pytest.mark.parametrize(
    ("follows_up", "field", "reason"),
    [
        ("AL RUS 1/2021", "follows_up", "must be a list"),
        ([""], "follows_up.0", "is required"),
        ([7], "follows_up.0", "must be a string"),
        (["x" * 121], "follows_up.0", "must be at most 120 characters"),
        ([f"AL RUS {n}/2021" for n in range(101)], "follows_up", "must be at most 100 items"),
        (["AL RUS 1/2021", "AL RUS 1/2021"], "follows_up", "lists “AL RUS 1/2021” twice"),
    ],
)
def test_the_shape_of_follows_up_is_checked(mandates, follows_up, field, reason):
    line = json.loads(record("AL RUS 5/2023", "2023-06-01"))
    line["follows_up"] = follows_up
    with pytest.raises(ImportFailure) as refused:
        import_lines([json.dumps(line)])
    assert (refused.value.line_number, refused.value.field, refused.value.reason) == (1, field, reason)
