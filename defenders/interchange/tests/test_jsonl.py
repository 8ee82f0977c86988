import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from defenders.communications.models import Communication, Reply
from defenders.demo.loader import load_demo
from defenders.interchange.jsonl import ImportFailure, export_lines, import_lines

GOOD = {
    "reference": "UA TUR 9/2020",
    "type": "UA",
    "addressee": {"code": "TUR", "name": "Türkiye", "kind": "state"},
    "copied": ["DEU"],
    "sent_on": "2020-05-04",
    "language": "en",
    "title": "detention of lawyers",
    "topic": "the detention of two lawyers",
    "summary": {"background": "B", "allegations": "A", "concerns": "C", "update": ""},
    "full_text": "Excellency, ...",
    "mandates": [{"short_name": "SR HRDs", "lead": True}, {"name": "Working Group on Arbitrary Detention"}],
    "replies": [{"received_on": "2020-06-01", "kind": "substantive", "summary": "Lawful detention."}],
    "themes": ["Lawyers"],
    "persons": [{"name": "Ayşe Avukat", "named_in_public": True}],
    "withheld": False,
}


def line(**changes) -> str:
    record = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if value is ...:
            record.pop(key)
        else:
            record[key] = value
    return json.dumps(record, ensure_ascii=False)


def snapshot() -> list[str]:
    return list(export_lines())


def test_import_creates_a_communication_with_everything(mandates):
    counts = import_lines([line()])
    assert counts == {"created": 1, "updated": 0, "unchanged": 0}
    communication = Communication.objects.get(reference="UA TUR 9/2020")
    assert communication.slug == "ua-tur-9-2020"
    assert [m.short_name for m in communication.ordered_mandates()] == ["SR HRDs", "WGAD"]
    lead = communication.lead_mandate()
    assert lead is not None and lead.short_name == "SR HRDs"
    assert communication.replies.get().summary == "Lawful detention."
    assert [a.code for a in communication.copied.all()] == ["DEU"]
    assert communication.cases.get().persons.get().name == "Ayşe Avukat"


def test_export_then_import_into_an_empty_database_round_trips(mandates, django_db_blocker):
    load_demo(today=date(2026, 11, 29))
    exported = snapshot()
    Communication.objects.all().delete()
    import_lines(exported)
    assert snapshot() == exported


def test_reimporting_the_same_file_changes_nothing(mandates):
    load_demo(today=date(2026, 11, 29))
    exported = snapshot()
    history_before = Communication.history.count() + Reply.history.count()
    counts = import_lines(exported)
    assert counts["created"] == counts["updated"] == 0
    assert snapshot() == exported
    assert Communication.history.count() + Reply.history.count() == history_before


def test_import_matches_by_reference_then_legacy_reference(mandates):
    import_lines([line()])
    import_lines([line(title="detention of two lawyers")])
    assert Communication.objects.get().title == "detention of two lawyers"
    legacy = line(reference=..., legacy_reference="UA G/SO 214 (67-17) THA 5/2011", addressee={"code": "THA"})
    import_lines([legacy])
    import_lines([legacy.replace("detention of lawyers", "a legacy record")])
    record = Communication.objects.get(legacy_reference="UA G/SO 214 (67-17) THA 5/2011")
    assert record.title == "a legacy record"
    assert record.slug == "ua-g-so-214-67-17-tha-5-2011"
    assert Communication.objects.count() == 2


BAD_LINES = [
    ("{not json", "(line)", "invalid JSON"),
    (line(type="XX"), "type", "not one of"),
    (line(addressee={"code": "ZZZ", "kind": "state"}), "addressee.code", "not an ISO 3166"),
    (line(sent_on="2023-02-30"), "sent_on", "not a real date"),
    (line(title=...), "title", "is required"),
    (line(type=...), "type", "is required"),
    (line(mandates=[{"short_name": "SR Nowhere", "lead": True}]), "mandates.0", "unknown mandate"),
    (line(replies=[{"received_on": "2020-13-01"}]), "replies.0.received_on", "not a real date"),
    (line(reference="AL RUS fifteen"), "reference", "not of the form"),
    (line(withheld=True), "withheld_reason", "required when withheld"),
    (line(copied=["XYZ"]), "copied.0", "not an ISO 3166"),
]


@pytest.mark.parametrize(("bad", "field", "reason"), BAD_LINES)
def test_a_bad_line_stops_the_import_with_its_number_and_writes_nothing(mandates, bad, field, reason):
    import_lines([line(reference="AL RUS 1/2023", type="AL", addressee={"code": "RUS"})])
    before = snapshot()
    good_second = line(reference="UA TUR 10/2020")
    with pytest.raises(ImportFailure) as failure:
        import_lines([good_second, "", bad])
    assert failure.value.line_number == 3
    assert failure.value.field == field
    assert reason in failure.value.reason
    assert snapshot() == before


def test_conflicting_references_in_one_file_write_nothing(mandates):
    duplicate = line(id="00000000-0000-4000-8000-000000000001")
    clash = line(id="00000000-0000-4000-8000-000000000002")
    with pytest.raises(ImportFailure) as failure:
        import_lines([duplicate, clash])
    assert failure.value.line_number == 2
    assert Communication.objects.count() == 0


def test_import_command_reports_the_line_and_exits_non_zero(mandates, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(line() + "\n" + line(sent_on="yesterday") + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 2: sent_on: .*nothing was imported"):
        call_command("import_communications", str(path))
    assert Communication.objects.count() == 0


def test_export_command_writes_a_file_that_imports_back(mandates, tmp_path):
    import_lines([line()])
    out = tmp_path / "all.jsonl"
    call_command("export_communications", out=out)
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["reference"] == "UA TUR 9/2020"
    call_command("import_communications", str(out))
    assert Communication.objects.count() == 1


VERSIONS = [
    {
        "language": "es",
        "is_original": True,
        "title": "detención de abogados",
        "topic": "la detención de dos abogados",
        "background": "Antecedentes.",
        "allegations": "Alegaciones.",
        "concerns": "Preocupaciones.",
    },
    {
        "language": "fr",
        "is_original": False,
        "title": "détention d’avocats",
        "topic": "",
        "background": "Contexte.",
        "allegations": "",
        "concerns": "",
    },
]


def test_public_versions_in_other_languages_round_trip(mandates):
    assert import_lines([line(public_versions=VERSIONS)])["created"] == 1
    communication = Communication.objects.get(reference="UA TUR 9/2020")
    assert {(v.language, v.is_original) for v in communication.public_versions.all()} == {
        ("es", True),
        ("fr", False),
    }
    exported = snapshot()
    assert json.loads(exported[0])["public_versions"] == VERSIONS
    Communication.objects.all().delete()
    import_lines(exported)
    assert snapshot() == exported
    # The same file again changes nothing; a line without the key leaves the versions as recorded.
    assert import_lines(exported) == {"created": 0, "updated": 0, "unchanged": 1}
    assert import_lines([line()])["updated"] == 0
    assert Communication.objects.get().public_versions.count() == 2


def test_a_record_changes_removes_and_moves_the_original_of_its_versions(mandates):
    import_lines([line(public_versions=VERSIONS)])
    french_original = [{**VERSIONS[1], "is_original": True, "concerns": "Préoccupations."}]
    assert import_lines([line(public_versions=french_original)])["updated"] == 1
    versions = list(Communication.objects.get().public_versions.all())
    assert [(v.language, v.is_original, v.concerns) for v in versions] == [("fr", True, "Préoccupations.")]
    import_lines([line(public_versions=[])])
    assert not Communication.objects.get().public_versions.exists()


@pytest.mark.parametrize(
    ("versions", "reason"),
    [
        ([{**VERSIONS[0], "language": "en"}], "has a second text in “en”"),
        ([VERSIONS[0], {**VERSIONS[1], "language": "es", "is_original": False}], "has a second text in “es”"),
        ([VERSIONS[0], {**VERSIONS[1], "is_original": True}], "names more than one version as the original"),
        ([{**VERSIONS[0], "language": "de"}], "is not one of"),
    ],
)
def test_a_version_in_the_line_language_twice_or_with_two_originals_is_refused(mandates, versions, reason):
    with pytest.raises(ImportFailure) as failure:
        import_lines([line(public_versions=versions)])
    assert "public_versions" in str(failure.value) and reason in str(failure.value)
    assert not Communication.objects.exists()


def test_the_chunked_export_writes_each_record_as_export_record_does(mandates, monkeypatch):
    # export_lines reads plain values a chunk at a time; export_record is the record read through the models.
    from defenders.cases.models import Case, CasePerson, Person
    from defenders.interchange import jsonl

    load_demo(today=date(2026, 11, 29))
    import_lines([line(), line(reference="UA TUR 10/2020", persons=[], follows_up=["UA TUR 9/2020"])])
    # A person in two cases of one letter, named in public in only one: the record may not name them in public.
    communication = Communication.objects.get(reference="UA TUR 9/2020")
    second = Case.objects.create(title="second file")
    communication.cases.add(second)
    CasePerson.objects.create(
        case=second, person=Person.objects.get(name="Ayşe Avukat"), consents_to_naming_in_public=False
    )
    monkeypatch.setattr(jsonl, "EXPORT_CHUNK", 3)  # several chunks, and a last one not full
    expected = [
        json.dumps(jsonl.export_record(stored), ensure_ascii=False, sort_keys=True)
        for stored in jsonl.exported_communications()
    ]
    assert Communication.objects.count() > 6
    assert snapshot() == expected
    record = json.loads(next(text for text in expected if "UA TUR 9/2020" in text))
    assert record["persons"] == [
        {"name": "Ayşe Avukat", "named_in_public": False, "named_to_addressee": False}
    ]
    assert any(json.loads(text)["follows_up"] == ["UA TUR 9/2020"] for text in expected)
