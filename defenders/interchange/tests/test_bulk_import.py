"""Import at scale: batches, unchanged records left alone, --skip-invalid, the signal naming what was written."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from defenders.communications.models import Communication, ReferenceCounter, Reply
from defenders.core.events import communications_imported
from defenders.core.history import reason_text
from defenders.interchange.corpus import generate_records
from defenders.interchange.jsonl import ImportFailure, export_lines, import_lines, import_stream
from defenders.interchange.rows import stored_keys

from .test_jsonl import line


def corpus_lines(count: int, seed: int = 21) -> list[str]:
    return [json.dumps(record, ensure_ascii=False) for record in generate_records(count, seed)]


@pytest.fixture
def imported_ids():
    received: list[list[int]] = []

    def listener(sender, ids, **kwargs) -> None:
        received.append(list(ids))

    communications_imported.connect(listener)
    yield received
    communications_imported.disconnect(listener)


def test_a_corpus_round_trips_through_export_across_batches(mandates):
    lines = corpus_lines(300)
    report = import_stream(lines, batch_size=64)
    assert report.counts() == {"created": 300, "updated": 0, "unchanged": 0}
    exported = list(export_lines())
    by_id = {record["id"]: record for record in map(json.loads, exported)}
    for written in map(json.loads, lines):
        read_back = by_id[written["id"]]
        for key in ("reference", "type", "sent_on", "language", "title", "summary", "full_text", "withheld"):
            assert read_back[key] == written[key]
        assert read_back["replies"] == written["replies"]
        assert read_back["themes"] == written["themes"] and read_back["copied"] == written["copied"]
        assert [(m["short_name"], m["lead"]) for m in read_back["mandates"]] == [
            (m["short_name"], m["lead"]) for m in written["mandates"]
        ]
    assert import_stream(exported, batch_size=50).counts() == {"created": 0, "updated": 0, "unchanged": 300}
    assert list(export_lines()) == exported


def test_a_new_record_leaves_history_rows_for_it_and_its_replies(mandates):
    lines = corpus_lines(40)
    import_lines(lines)
    assert Communication.history.count() == 40
    assert Reply.history.count() == Reply.objects.count()
    assert {
        reason_text(reason) for reason in Reply.history.values_list("history_change_reason", flat=True)
    } == {f"Reply received on {day:%Y-%m-%d}" for day in Reply.objects.values_list("received_on", flat=True)}


def test_numbering_continues_after_the_highest_imported_reference(mandates):
    import_lines([line(reference="UA TUR 41/2020"), line(id=None, reference="AL TUR 7/2020", type="AL")])
    assert ReferenceCounter.objects.get(code="TUR", year=2020).last_number == 41


def test_reimporting_writes_nothing_and_sends_no_ids(
    mandates, imported_ids, django_capture_on_commit_callbacks
):
    lines = corpus_lines(120)
    with django_capture_on_commit_callbacks(execute=True):
        import_lines(lines)
    history = Communication.history.count() + Reply.history.count()
    updated_at = dict(Communication.objects.values_list("pk", "updated_at"))
    with django_capture_on_commit_callbacks(execute=True):
        counts = import_stream(lines, batch_size=32).counts()
    assert counts == {"created": 0, "updated": 0, "unchanged": 120}
    assert Communication.history.count() + Reply.history.count() == history
    assert dict(Communication.objects.values_list("pk", "updated_at")) == updated_at
    assert len(imported_ids) == 1  # only the first import wrote anything


def test_a_changed_text_is_one_update_with_history_and_the_signal_names_it(
    mandates, imported_ids, django_capture_on_commit_callbacks
):
    lines = corpus_lines(30)
    with django_capture_on_commit_callbacks(execute=True):
        import_lines(lines)
    assert sorted(imported_ids[0]) == sorted(Communication.objects.values_list("pk", flat=True))
    changed = json.loads(lines[7])
    changed["title"] = "a corrected title"
    lines[7] = json.dumps(changed, ensure_ascii=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        counts = import_lines(lines)
    assert counts == {"created": 0, "updated": 1, "unchanged": 29}
    communication = Communication.objects.get(title="a corrected title")
    assert imported_ids[-1] == [communication.pk]
    assert len(callbacks) == 1
    assert reason_text(communication.history.latest().history_change_reason) == "Imported"


def test_the_signal_waits_for_the_commit_and_is_not_sent_for_a_failed_import(mandates, imported_ids):
    with pytest.raises(ImportFailure):
        import_lines([line(), line(sent_on="never")])
    assert imported_ids == []


def test_a_bad_line_after_many_batches_writes_nothing(mandates):
    lines = corpus_lines(90)
    lines.insert(75, line(type="XX"))
    with pytest.raises(ImportFailure) as failure:
        import_stream(lines, batch_size=20)
    assert (failure.value.line_number, failure.value.field) == (76, "type")
    assert not Communication.objects.exists()
    assert not Communication.history.exists()


def test_skip_invalid_imports_the_good_lines_and_lists_the_bad(mandates, tmp_path):
    lines = corpus_lines(25)
    lines[3] = "{not json"
    lines[10] = line(type="XX")
    lines[17] = lines[16]  # the same communication twice
    path, report = tmp_path / "in.jsonl", tmp_path / "bad.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_communications", str(path), skip_invalid=report)
    assert Communication.objects.count() == 22
    listed = report.read_text(encoding="utf-8").splitlines()
    assert [entry.split(":")[0] for entry in listed] == ["line 4", "line 11", "line 18"]
    assert "type" in listed[1] and "describes the same communication as line 17" in listed[2]


def test_without_skip_invalid_the_command_refuses_and_writes_nothing(mandates, tmp_path):
    lines = corpus_lines(5)
    lines[2] = line(sent_on="2023-02-30")
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 3: sent_on: .*nothing was imported"):
        call_command("import_communications", str(path))
    assert not Communication.objects.exists()


def test_a_reply_before_the_sending_is_refused_for_a_new_record(mandates):
    with pytest.raises(ImportFailure) as failure:
        import_lines([line(replies=[{"received_on": "2020-05-01"}])])
    assert failure.value.reason == "A reply cannot be received before the communication was sent."


def test_a_reference_number_taken_by_another_type_is_a_conflict_with_its_line(mandates):
    import_lines([line(reference="UA TUR 9/2020")])
    with pytest.raises(ImportFailure) as failure:
        import_lines([line(id=None, reference="AL TUR 9/2020", type="AL", sent_on="2020-05-04")])
    assert failure.value.line_number == 1 and "conflicts with another record" in failure.value.reason
    assert Communication.objects.get().sent_on == date(2020, 5, 4)


def test_a_taken_reference_number_is_found_before_writing_the_batch(mandates):
    # Found by joining the batch's (code, year, number) keys to the stored ones, not by a failed insert
    # (without persons, a new record is written in bulk).
    import_lines([line(reference="UA TUR 9/2020")])
    with pytest.raises(ImportFailure) as failure:
        import_lines([line(reference="AL TUR 9/2020", type="AL", persons=[])])
    assert failure.value.reason == "conflicts with another record (the number of AL TUR 9/2020 is taken)"


def test_stored_keys_finds_exactly_the_stored_ones(mandates):
    import_lines([line(reference="UA TUR 9/2020")])
    wanted = {("TUR", 2020, 9), ("TUR", 2020, 10), ("TUR", 2021, 9), ("RUS", 2020, 9)}
    columns = ("reference_code", "reference_year", "reference_number")
    assert stored_keys(Communication, columns, wanted) == {("TUR", 2020, 9)}
    assert stored_keys(Communication, columns, []) == set()
