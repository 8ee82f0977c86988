"""Lines a careless or hostile partner may send: each is refused with its line, field and a plain reason."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from defenders.cases.models import CasePerson
from defenders.communications.models import Communication
from defenders.interchange.jsonl import MAX_LINE_BYTES, ImportFailure, import_lines
from defenders.interchange.records import LONG_TEXT, RecordError, read_record

from .test_jsonl import line, snapshot


def with_reply(**changes) -> str:
    return line(replies=[{"received_on": "2020-06-01", "summary": "Lawful detention.", **changes}])


def with_person(**changes) -> str:
    return line(persons=[{"name": "Ayşe Avukat", "named_in_public": True, **changes}])


def escaped(text: str) -> str:
    """A line as JSON writes a lone surrogate: as the escape \\ud800, in valid UTF-8."""
    return json.dumps(json.loads(text))


def without_reply_date() -> str:
    return line(replies=[{"kind": "substantive"}])


# "détention" as Latin-1 writes it.
NOT_UTF8 = line().encode("utf-8").replace(b"detention of", b"d\xe9tention of")

HOSTILE_LINES = [
    # Lengths the database would refuse (PostgreSQL) or silently keep (SQLite).
    (line(title="t" * 301), "title", "must be at most 300 characters"),
    (line(reference="UA TUR 9/2020" + " " * 30 + "x"), "reference", "at most 40 characters"),
    (line(legacy_reference="L" * 121), "legacy_reference", "at most 120 characters"),
    (with_person(name="n" * 201), "persons.0.name", "at most 200 characters"),
    (line(themes=["t" * 121]), "themes.0", "at most 120 characters"),
    (
        line(reference=..., addressee={"kind": "company", "code": "OTH", "name": "c" * 101}),
        "addressee.name",
        "at most 100 characters",
    ),
    (line(full_text="x" * (LONG_TEXT + 1)), "full_text", f"at most {LONG_TEXT} characters"),
    (line(copied=["DEU"] * 251), "copied", "at most 250 items"),
    # Characters no database should hold.
    (line(title="detention\u0000of lawyers"), "title", "must not contain NUL characters"),
    (
        line(summary={"background": "B\x00"}),
        "summary.background",
        "must not contain NUL characters",
    ),
    (escaped(with_person(name="Ay\ud800e")), "persons.0.name", "lone surrogate"),
    (escaped(line(topic="\udfff")), "topic", "lone surrogate"),
    # Lists where lists belong.
    (line(mandates={"short_name": "SR HRDs", "lead": True}), "mandates", "must be a list"),
    (line(copied={}), "copied", "must be a list"),
    (line(themes="Lawyers"), "themes", "must be a list"),
    (line(addressee=["TUR"]), "addressee", "must be an object"),
    (line(summary="B"), "summary", "must be an object"),
    (line(mandates=["SR HRDs"]), "mandates.0", "must be an object"),
    # Dates: ISO 8601 calendar dates within sane years, never blank.
    (line(sent_on=""), "sent_on", "is blank"),
    (line(sent_on="1800-01-01"), "sent_on", "outside the years 1945 to 2100"),
    (line(sent_on="9999-12-31"), "sent_on", "outside the years 1945 to 2100"),
    (line(sent_on="20200504"), "sent_on", "is not a real date in ISO 8601 form (YYYY-MM-DD)"),
    (line(sent_on="2020-W19-1"), "sent_on", "is not a real date in ISO 8601 form"),
    (line(sent_on=20200504), "sent_on", "must be a date as a string"),
    (with_reply(received_on=""), "replies.0.received_on", "is blank"),
    (with_reply(received_on=None), "replies.0.received_on", "is required"),
    (without_reply_date(), "replies.0.received_on", "is required"),
    # Strict types: a boolean is a JSON boolean, a string a JSON string.
    (line(withheld="yes"), "withheld", "must be true or false"),
    (with_person(named_in_public=1), "persons.0.named_in_public", "must be true or false"),
    (with_reply(translation_pending="false"), "replies.0.translation_pending", "must be true or false"),
    (line(title=42), "title", "must be a string"),
    (line(summary={"background": 5}), "summary.background", "must be a string"),
    (line(addressee={"code": ["TUR"]}), "addressee.code", "must be a string"),
    (with_reply(id=7), "replies.0.id", "must be a UUID"),
    (with_reply(id="not-a-uuid"), "replies.0.id", "is not a UUID"),
    # The rules of a record, at their new locations.
    (with_reply(kind="rude"), "replies.0.kind", "“rude” is not one of substantive"),
    (with_reply(language="xx"), "replies.0.language", "not one of"),
    (line(addressee={"kind": "company", "code": "OTH"}), "addressee.name", "required for a non-State"),
    (line(addressee={"kind": "company", "code": "TUR", "name": "X"}), "addressee.code", "use the code OTH"),
    (line(addressee={"kind": "planet", "code": "OTH"}), "addressee.kind", "not one of state"),
    (line(reference="AL TUR 9/2020"), "reference", "does not match type UA"),
    (line(copied=["DEU", "deu"]), "copied", "lists “DEU” twice"),
    (line(mandates=[{"short_name": "SR HRDs"}]), "mandates", "exactly one mandate must have lead: true"),
    (
        line(mandates=[{"short_name": "SR HRDs", "lead": True}, {"short_name": "SR Nowhere"}]),
        "mandates.1",
        "unknown mandate “SR Nowhere”",
    ),
    (
        line(
            mandates=[
                {"short_name": "SR HRDs", "lead": True},
                {"name": "Special Rapporteur on the situation of human rights defenders"},
            ]
        ),
        "mandates.1",
        "a second time",
    ),
    (line(mandates=[{"lead": True}]), "mandates.0", "needs a short_name or a name"),
    (with_person(name="   "), "persons.0.name", "is required"),
    (line(themes=[""]), "themes.0", "is required"),
    (line(withheld=True, withheld_reason="  "), "withheld_reason", "required when withheld"),
    # Lines that are not JSON records at all.
    ("[]", "(line)", "must be a JSON object"),
    ('{"title": NaN}', "(line)", "NaN is not a JSON number"),
    ('{"title": "x", "id": ' + "9" * 5000 + "}", "(line)", "thousands of digits"),
    ("[" * 50 + "]" * 50, "(line)", "nests deeper than 10 levels"),
    (line(extra=json.loads("[" * 20 + "]" * 20)), "(line)", "nests deeper than 10 levels"),
    ("[" * 100_000 + "]" * 100_000, "(line)", "nests deeper than 10 levels"),
]


@pytest.mark.parametrize(
    ("hostile", "field", "reason"),
    HOSTILE_LINES,
    ids=[f"{field}: {reason}" for _, field, reason in HOSTILE_LINES],
)
def test_a_hostile_line_is_refused_cleanly_and_writes_nothing(mandates, hostile, field, reason):
    import_lines([line(reference="AL RUS 1/2023", type="AL", addressee={"code": "RUS"})])
    before = snapshot()
    good_second = line(reference="UA TUR 10/2020").encode("utf-8")
    with pytest.raises(ImportFailure) as failure:
        import_lines([good_second, b"\n", hostile.encode("utf-8")])
    assert (failure.value.line_number, failure.value.field) == (3, field)
    assert reason in failure.value.reason
    assert not failure.value.reason.startswith(("Input should", "Value error"))
    str(failure.value).encode("utf-8")  # printable as it stands: no surrogate is quoted back
    assert snapshot() == before


def test_a_line_that_is_not_utf8_is_refused_with_its_number(mandates):
    with pytest.raises(ImportFailure) as failure:
        import_lines([line().encode("utf-8"), NOT_UTF8])
    assert (failure.value.line_number, failure.value.field) == (2, "(line)")
    assert "is not valid UTF-8 (byte 0xe9" in failure.value.reason
    assert Communication.objects.count() == 0


def test_a_draft_has_sent_on_null_or_absent(mandates):
    import_lines(
        [line(sent_on=None, reference=..., replies=[]), line(sent_on=..., reference=..., replies=[])]
    )
    assert list(Communication.objects.values_list("sent_on", flat=True)) == [None, None]


def test_strings_are_stripped_and_codes_upper_cased(mandates):
    import_lines([line(title="  detention of lawyers \n", addressee={"code": " tur "}, copied=["deu"])])
    communication = Communication.objects.get()
    assert communication.title == "detention of lawyers"
    assert communication.addressee.code == "TUR"
    assert [a.code for a in communication.copied.all()] == ["DEU"]


def test_a_bare_string_is_a_person_named_without_consent(mandates):
    import_lines([line(persons=["Ayşe Avukat"])])
    link = CasePerson.objects.get(case__communications=Communication.objects.get())
    assert (link.consents_to_naming_to_addressee, link.consents_to_naming_in_public) == (False, False)


def test_import_command_names_the_line_that_is_not_utf8(mandates, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(line().encode("utf-8") + b"\n" + NOT_UTF8 + b"\n")
    with pytest.raises(CommandError, match=r"line 2: \(line\): is not valid UTF-8.*nothing was imported"):
        call_command("import_communications", str(path))
    assert Communication.objects.count() == 0


def test_import_command_accepts_a_byte_order_mark(mandates, tmp_path):
    path = tmp_path / "windows.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + line().encode("utf-8") + b"\r\n")
    call_command("import_communications", str(path))
    assert Communication.objects.get().reference == "UA TUR 9/2020"


def test_a_line_longer_than_the_bound_is_refused_before_it_is_read(mandates):
    with pytest.raises(ImportFailure) as failure:
        import_lines([b"{" + b" " * MAX_LINE_BYTES + b"}"])
    assert (failure.value.line_number, failure.value.field) == (1, "(line)")
    assert failure.value.reason == "is longer than 8 MiB"


def test_read_record_gives_upsert_plain_values(mandates):
    record = read_record(json.loads(line(addressee={"code": "tur"}, persons=["Ayşe Avukat"])))
    assert record.addressee == {"kind": "state", "code": "TUR", "name": ""}
    assert record.summary == {"background": "B", "allegations": "A", "concerns": "C", "update": ""}
    assert [(mandate.short_name, lead) for mandate, lead in record.mandates] == [
        ("SR HRDs", True),
        ("WGAD", False),
    ]
    reply = record.replies[0]
    assert (reply.id, reply.received_on, reply.kind, reply.language) == (
        None,
        date(2020, 6, 1),
        "substantive",
        "en",
    )
    assert (reply.translation_pending, reply.summary) == (False, "Lawful detention.")
    person = record.persons[0]
    assert (person.name, person.named_to_addressee, person.named_in_public) == ("Ayşe Avukat", False, False)
    assert (record.id, record.sent_on, record.copied, record.themes) == (
        None,
        date(2020, 5, 4),
        ["DEU"],
        ["Lawyers"],
    )


def test_read_record_raises_record_error_with_the_dotted_field():
    with pytest.raises(RecordError) as error:
        read_record({"type": "UA", "addressee": {"code": "TUR"}, "title": "t", "replies": [{}]})
    assert (error.value.field, error.value.reason) == ("replies.0.received_on", "is required")
