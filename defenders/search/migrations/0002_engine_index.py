"""The engine's own text index beside search_searchdocument, kept in step by triggers: an external-content FTS5
table on SQLite, a weighted tsvector column with GIN on PostgreSQL. One migration, SQL per engine."""

from django.db import migrations

SQLITE = [
    # porter stems English; unicode61 folds case and, with remove_diacritics 2, every Latin diacritic.
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, content='search_searchdocument', content_rowid='communication_id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, body) VALUES (new.communication_id, new.title, new.body);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
        VALUES ('delete', old.communication_id, old.title, old.body);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
        VALUES ('delete', old.communication_id, old.title, old.body);
        INSERT INTO search_fts(rowid, title, body) VALUES (new.communication_id, new.title, new.body);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]

# Each configuration folds accents (unaccent) before its stemmer; `defenders_simple` keeps every word as written
# (names, stop words, scripts without a stemmer), so a document is findable both stemmed and as written.
_CONFIGURATIONS = {
    "defenders_english": "english_stem",
    "defenders_french": "french_stem",
    "defenders_spanish": "spanish_stem",
    "defenders_russian": "russian_stem",
    "defenders_arabic": "arabic_stem",
    "defenders_simple": "simple",
}
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *(
        statement
        for name, dictionary in _CONFIGURATIONS.items()
        for statement in (
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {'simple' if dictionary == 'simple' else name.split('_')[1]})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
            f"WITH unaccent, {dictionary}",
        )
    ),
    "ALTER TABLE search_searchdocument ADD COLUMN document tsvector",
    "CREATE INDEX search_document_gin ON search_searchdocument USING gin (document)",
    """CREATE FUNCTION search_configuration(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE language WHEN 'fr' THEN 'defenders_french' WHEN 'es' THEN 'defenders_spanish'
            WHEN 'ru' THEN 'defenders_russian' WHEN 'ar' THEN 'defenders_arabic'
            ELSE 'defenders_english' END::regconfig
    $$""",
    """CREATE FUNCTION search_document_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.document :=
            setweight(to_tsvector(search_configuration(NEW.language), NEW.title), 'A')
            || setweight(to_tsvector(search_configuration(NEW.language), NEW.body), 'B')
            || setweight(to_tsvector('defenders_simple', NEW.title), 'A')
            || setweight(to_tsvector('defenders_simple', NEW.body), 'B');
        RETURN NEW;
    END
    $$""",
    """CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE OF language, title, body
        ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_document_vector()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS search_document_vector ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_document_vector()",
    "DROP FUNCTION IF EXISTS search_configuration(text)",
    "DROP INDEX IF EXISTS search_document_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS document",
    *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name in _CONFIGURATIONS),
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
