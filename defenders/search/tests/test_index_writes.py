"""The engines' text index beside the index rows (migration 0005): an update recomputes it only when the text or
the language changed, and it always stays in step with the row; on either engine (DATABASE_URL picks)."""

import pytest
from django.db import connection

from defenders.communications import actions
from defenders.interchange.bulk import server_has_lz4
from defenders.search import SearchParams, search
from defenders.search.documents import index_communications
from defenders.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return [hit.communication.title for hit in search(SearchParams(q=text)).hits]


def engine_row(pk: int) -> str | None:
    """The tsvector on PostgreSQL; on SQLite the text FTS5 holds for the row (checked against the table first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT document::text FROM search_searchdocument WHERE communication_id = %s", [pk]
            )
        else:
            # Raises when the FTS5 index differs from what the table's rows give.
            cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
            cursor.execute("SELECT title || ' ' || body FROM search_fts WHERE rowid = %s", [pk])
        row = cursor.fetchone()
        return row[0] if row else None


def test_rewriting_the_same_text_keeps_the_index_and_new_text_replaces_it(make_communication):
    communication = make_communication(title="a letter", background="about rivers")
    before = engine_row(communication.pk)
    index_communications([communication.pk])  # an upsert of the same text, as a save that changes no text
    assert engine_row(communication.pk) == before
    assert found("rivers") == ["a letter"]
    actions.edit_communication(communication, by=None, title="a new letter", background="about mountains")
    assert engine_row(communication.pk) != before
    assert found("rivers") == []
    assert found("mountains") == ["a new letter"]
    assert found("new") == ["a new letter"]


def test_a_new_language_alone_restems_the_text(make_communication):
    communication = make_communication(title="a letter", background="les défenseurs ont été arrêtés")
    before = engine_row(communication.pk)
    SearchDocument.objects.filter(pk=communication.pk).update(language="fr")
    if connection.vendor == "postgresql":
        assert engine_row(communication.pk) != before  # the French stemmer now reads it
    assert found("arrêté") == ["a letter"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a row without a vector exists on PostgreSQL only"
)
def test_a_row_without_its_vector_gets_it_when_rewritten(make_communication):
    communication = make_communication(title="a letter", background="about deserts")
    with connection.cursor() as cursor:  # as a row written before the vector column existed
        cursor.execute("UPDATE search_searchdocument SET document = NULL")
    assert found("deserts") == []
    index_communications([communication.pk])
    assert found("deserts") == ["a letter"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="lz4 is PostgreSQL's")
def test_long_texts_of_the_index_are_compressed_with_lz4_where_the_server_has_it(make_communication):
    if not server_has_lz4():
        pytest.skip("this server was built without lz4")
    letter = " ".join(f"paragraph {n} about the detention of lawyers" for n in range(400))
    communication = make_communication(title="a long letter", background=letter)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(body), pg_column_compression(document) FROM search_searchdocument "
            "WHERE communication_id = %s",
            [communication.pk],
        )
        assert cursor.fetchone() == ("lz4", "lz4")
    assert found("lawyers") == ["a long letter"]
