"""An import on PostgreSQL writes its long texts compressed with lz4 where the server has it (bulk.compress_quickly),
and they read back as written."""

import pytest
from django.db import connection

from defenders.communications.models import Communication
from defenders.interchange.bulk import server_has_lz4
from defenders.interchange.jsonl import import_lines

from .test_jsonl import line

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="lz4 is PostgreSQL's"),
]


def test_an_imported_letter_is_stored_with_lz4_and_reads_back_as_written(mandates):
    if not server_has_lz4():
        pytest.skip("this server was built without lz4")
    letter = " ".join(f"Paragraph {n}: the detention of two lawyers in Ankara." for n in range(300))
    import_lines([line(full_text=letter)])
    communication = Communication.objects.get()
    assert communication.full_text == letter
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(c.full_text), pg_column_compression(h.full_text), "
            "pg_column_compression(d.body) FROM communications_communication c "
            "JOIN communications_historicalcommunication h ON h.id = c.id "
            "JOIN search_searchdocument d ON d.communication_id = c.id"
        )
        assert cursor.fetchall() == [("lz4", "lz4", "lz4")]
