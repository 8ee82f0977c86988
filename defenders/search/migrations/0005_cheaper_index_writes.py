"""The engines' text index is recomputed on an update only when the text changed (a save that changes the status
or the publication moment rewrites the row with the same text); on PostgreSQL the row's text and tsvector are
compressed with lz4 where the server has it (pglz barely shrinks a tsvector and costs more to write and read)."""

from django.db import migrations

_TEXT_CHANGED_SQLITE = "old.title IS NOT new.title OR old.body IS NOT new.body"
# 0002's one trigger for both, split: an INSERT always computes, an UPDATE only when the text or the language
# (which picks the stemmer) changed, or when the row has no vector yet (written before 0002).
POSTGRESQL = [
    "DROP TRIGGER IF EXISTS search_document_vector ON search_searchdocument",
    """CREATE TRIGGER search_document_vector BEFORE INSERT ON search_searchdocument
        FOR EACH ROW EXECUTE FUNCTION search_document_vector()""",
    """CREATE TRIGGER search_document_vector_update BEFORE UPDATE OF language, title, body
        ON search_searchdocument FOR EACH ROW
        WHEN (OLD.language IS DISTINCT FROM NEW.language OR OLD.title IS DISTINCT FROM NEW.title
            OR OLD.body IS DISTINCT FROM NEW.body OR OLD.document IS NULL)
        EXECUTE FUNCTION search_document_vector()""",
    # Rows written from now on; the rest keep pglz (both are read alike) until reindexed.
    """DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_settings
                   WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) THEN
            ALTER TABLE search_searchdocument ALTER COLUMN document SET COMPRESSION lz4,
                ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN title SET COMPRESSION lz4;
        END IF;
    END $$""",
]
POSTGRESQL_REVERSE = [
    """ALTER TABLE search_searchdocument ALTER COLUMN document SET COMPRESSION default,
        ALTER COLUMN body SET COMPRESSION default, ALTER COLUMN title SET COMPRESSION default""",
    "DROP TRIGGER IF EXISTS search_document_vector_update ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_document_vector ON search_searchdocument",
    """CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE OF language, title, body
        ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_document_vector()""",
]


def _sqlite_update_trigger(when: str) -> list[str]:
    from importlib import import_module

    folding = import_module("defenders.search.migrations.0004_denormalised_filters")
    delete, insert = folding._delete("old"), folding._insert("new")
    return [
        "DROP TRIGGER IF EXISTS search_fts_update",
        f"CREATE TRIGGER search_fts_update AFTER UPDATE OF title, body ON search_searchdocument {when} "
        f"BEGIN {delete} {insert} END",
    ]


def _run(forwards: bool):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            statements = POSTGRESQL if forwards else POSTGRESQL_REVERSE
        elif vendor == "sqlite":
            statements = _sqlite_update_trigger(f"WHEN {_TEXT_CHANGED_SQLITE}" if forwards else "")
        else:
            statements = []
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_denormalised_filters")]

    operations = [migrations.RunPython(_run(forwards=True), _run(forwards=False))]
