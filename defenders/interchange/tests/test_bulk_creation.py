"""New records with persons, cases and public versions through the batched INSERTs: the same rows, history, exposure
and search index rows as the one-by-one path (upsert), on SQLite and on PostgreSQL."""

import json
import uuid

from django.db import connection

from defenders.cases.models import Case, CasePerson, Person
from defenders.communications.models import Communication, PublicVersion
from defenders.core.history import reason_text
from defenders.interchange.jsonl import import_lines, import_stream
from defenders.interchange.records import read_record
from defenders.interchange.upsert import upsert
from defenders.search.documents import INDEXED_FIELDS, index_communications
from defenders.search.models import SearchDocument

from .test_bulk_import import corpus_lines
from .test_jsonl import GOOD

VERSION = {
    "language": "fr",
    "is_original": True,
    "title": "détention d'avocats",
    "topic": "la détention de deux avocats",
    "background": "Ms Li Wei a été arrêtée.",
    "allegations": "",
    "concerns": "",
}


def record(reference: str, **changes) -> dict:
    written = {**json.loads(json.dumps(GOOD)), "id": str(uuid.uuid4()), "reference": reference, **changes}
    return written


def index_rows() -> dict[int, tuple]:
    return {
        row[0]: row[1:] for row in SearchDocument.objects.order_by("pk").values_list("pk", *INDEXED_FIELDS)
    }


def engine_index() -> dict[int, str]:
    """What the engine's own index holds of each row: the tsvector on PostgreSQL, the FTS5 matches on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT communication_id, document::text FROM search_searchdocument")
        else:
            cursor.execute("SELECT rowid, 'detention' FROM search_fts WHERE search_fts MATCH 'detention'")
        return dict(cursor.fetchall())


def test_a_new_record_with_persons_and_versions_is_written_as_upsert_writes_it(mandates):
    persons = [
        {"name": "Ayşe Avukat", "named_in_public": True, "named_to_addressee": True},
        {"name": "Li Wei"},  # withheld: her name is redacted on public pages
    ]
    import_lines([json.dumps(record("UA TUR 9/2020", persons=persons, public_versions=[VERSION]))])
    upsert(read_record(record("UA TUR 10/2020", persons=persons, public_versions=[VERSION])))
    bulk, one_by_one = (Communication.objects.get(reference=f"UA TUR {n}/2020") for n in (9, 10))

    for communication in (bulk, one_by_one):
        case = communication.cases.get()
        assert (case.title, case.country) == (communication.title, communication.addressee)
        consents = case.caseperson_set.order_by("person__name").values_list(
            "person__name", "consents_to_naming_to_addressee", "consents_to_naming_in_public"
        )
        assert list(consents) == [("Ayşe Avukat", True, True), ("Li Wei", False, False)]
        version = communication.public_versions.get()
        assert (version.language, version.is_original, version.background) == (
            "fr",
            True,
            VERSION["background"],
        )
    # One person under each name, linked from both cases.
    assert Person.objects.count() == 2
    # History: a row for the case, each person link and the version, with the reasons the actions give.
    assert Case.history.count() == 2 and CasePerson.history.count() == 4 and Person.history.count() == 2
    assert set(Case.history.values_list("history_change_reason", flat=True)) == {None}
    assert {
        reason_text(reason)
        for reason in PublicVersion.history.values_list("history_change_reason", flat=True)
    } == {"Imported"}
    rows = index_rows()
    assert rows[bulk.pk][2:] == rows[one_by_one.pk][2:]
    assert rows[bulk.pk][:2] == tuple(value.replace("9/2020", "10/2020") for value in rows[one_by_one.pk][:2])
    assert "Li Wei" not in rows[bulk.pk][1]


def test_a_withheld_name_left_in_the_text_keeps_the_new_record_out_of_the_public_index(mandates):
    leaking = record("UA TUR 9/2020", persons=[{"name": "Li Wei"}], full_text="Li spoke for the group.")
    import_lines([json.dumps(leaking)])
    communication = Communication.objects.get(reference="UA TUR 9/2020")
    assert communication.exposes_withheld_name
    assert SearchDocument.objects.get(pk=communication.pk).public_from is None
    assert Communication.objects.public().count() == 0


def test_a_person_named_twice_in_one_line_keeps_the_last_consents(mandates):
    twice = [{"name": "Li Wei"}, {"name": "Li Wei", "named_in_public": True}]
    import_lines([json.dumps(record("UA TUR 9/2020", persons=twice))])
    assert list(CasePerson.objects.values_list("consents_to_naming_in_public", flat=True)) == [True]


def test_the_index_rows_of_an_import_equal_a_reindex_of_the_same_communications(mandates):
    lines = [json.loads(text) for text in corpus_lines(60)]
    for number, written in enumerate(lines):
        if number % 3 == 0:
            written["persons"] = [{"name": "Li Wei"}, {"name": "Ana Sol", "named_in_public": True}]
            written["full_text"] += " Ms. Li and Ana Sol were detained."
        if number % 5 == 0:
            written["public_versions"] = [
                {**VERSION, "language": "es" if written["language"] == "fr" else "fr"}
            ]
    import_stream([json.dumps(written, ensure_ascii=False) for written in lines], batch_size=16)
    imported, engine = index_rows(), engine_index()
    assert len(imported) == 60 and engine
    assert any("[name withheld]" in body for _, _, body, *_ in imported.values())

    index_communications(Communication.objects.values_list("pk", flat=True))
    assert index_rows() == imported
    assert engine_index() == engine


def test_a_new_signatory_on_a_stored_record_makes_its_indexed_title_joint(mandates):
    alone = record("UA TUR 9/2020", mandates=[{"short_name": "SR HRDs", "lead": True}])
    import_lines([json.dumps(alone)])
    communication = Communication.objects.get(reference="UA TUR 9/2020")
    assert "joint" not in SearchDocument.objects.get(pk=communication.pk).title

    import_lines([json.dumps({**alone, "mandates": GOOD["mandates"]})])
    assert "(joint communication)" in SearchDocument.objects.get(pk=communication.pk).title
