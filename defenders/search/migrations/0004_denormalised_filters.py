"""The columns every filter, facet count and order reads, copied into the index so that a search needs no join;
on SQLite the text index folds the Turkish dotless i (as the query does) and ranks with the title weighted."""

from django.db import migrations, models

FILLED = ("public_from", "sent_on", "year", "addressee_code", "type")
# FTS5's unicode61 folds case and accents but keeps the dotless ı apart from i: the index reads both as i.
FOLDED_TITLE = "replace(replace({row}.title, 'ı', 'i'), 'İ', 'I')"
FOLDED_BODY = "replace(replace({row}.body, 'ı', 'i'), 'İ', 'I')"
OLD_TRIGGERS = ["search_fts_insert", "search_fts_delete", "search_fts_update"]


def _insert(row: str) -> str:
    return (
        "INSERT INTO search_fts(rowid, title, body) VALUES "
        f"({row}.communication_id, {FOLDED_TITLE.format(row=row)}, {FOLDED_BODY.format(row=row)});"
    )


def _delete(row: str) -> str:
    return (
        "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES "
        f"('delete', {row}.communication_id, {FOLDED_TITLE.format(row=row)}, {FOLDED_BODY.format(row=row)});"
    )


FOLDING_TRIGGERS = [
    f"CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN {_insert('new')} END",
    f"CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN {_delete('old')} END",
    # Only a change of the text touches the text index (the other columns are read from the table).
    "CREATE TRIGGER search_fts_update AFTER UPDATE OF title, body ON search_searchdocument BEGIN "
    f"{_delete('old')} {_insert('new')} END",
]
REFILL = [
    "INSERT INTO search_fts(search_fts) VALUES ('delete-all')",
    "INSERT INTO search_fts(rowid, title, body) SELECT d.communication_id, "
    f"{FOLDED_TITLE.format(row='d')}, {FOLDED_BODY.format(row='d')} FROM search_searchdocument d",
    # FTS5's own `rank` column: bm25 with the title weighing eight times the body.
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(8.0, 1.0)')",
]


def _drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in OLD_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _fill(apps, schema_editor):
    from defenders.communications import embargo

    SearchDocument = apps.get_model("search", "SearchDocument")
    documents = SearchDocument.objects.select_related("communication__addressee").order_by("pk")
    batch = []
    for document in documents.iterator(chunk_size=1000):
        communication = document.communication
        document.public_from = embargo.public_from(communication)
        document.sent_on = communication.sent_on
        document.year = communication.sent_on.year if communication.sent_on else None
        document.addressee_code = communication.addressee.code
        document.type = communication.type
        batch.append(document)
        if len(batch) == 1000:
            SearchDocument.objects.bulk_update(batch, FILLED)
            batch = []
    SearchDocument.objects.bulk_update(batch, FILLED)


def _fold_sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in [*FOLDING_TRIGGERS, *REFILL]:
            schema_editor.execute(statement)


def _restore_sqlite_triggers(apps, schema_editor):
    # Back to 0002's triggers (without folding), after the columns are gone (removing them remakes the table,
    # which drops its triggers), and the text index rebuilt from the table as 0002 reads it.
    if schema_editor.connection.vendor == "sqlite":
        from importlib import import_module

        engine_index = import_module("defenders.search.migrations.0002_engine_index")
        for name in OLD_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in engine_index.SQLITE[1:]:
            schema_editor.execute(statement)
        schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [
        ("communications", "0006_communication_permissions"),
        ("search", "0003_index_generation"),
    ]

    operations = [
        migrations.RunPython(_drop_sqlite_triggers, _restore_sqlite_triggers),
        migrations.AddField(
            model_name="searchdocument",
            name="addressee_code",
            field=models.CharField(blank=True, max_length=3),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="public_from",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="sent_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="type",
            field=models.CharField(blank=True, max_length=2),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="year",
            field=models.PositiveSmallIntegerField(blank=True, help_text="The year of sending.", null=True),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="reply_status",
            field=models.CharField(
                choices=[
                    ("none", "No reply"),
                    ("replied", "Replied"),
                    ("procedural", "Procedural reply only"),
                    ("confidential", "Replied (confidential)"),
                    ("translation_pending", "Replied (translation pending)"),
                ],
                default="none",
                max_length=20,
            ),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                fields=[
                    "communication",
                    "public_from",
                    "addressee_code",
                    "year",
                    "type",
                    "reply_status",
                    "language",
                    "sent_on",
                ],
                name="search_doc_facets",
            ),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                fields=[
                    "sent_on",
                    "communication",
                    "public_from",
                    "addressee_code",
                    "year",
                    "type",
                    "reply_status",
                    "language",
                ],
                name="search_doc_date",
            ),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                fields=[
                    "addressee_code",
                    "sent_on",
                    "communication",
                    "public_from",
                    "year",
                    "type",
                    "reply_status",
                    "language",
                ],
                name="search_doc_addressee",
            ),
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
        migrations.RunPython(_fold_sqlite_index, _drop_sqlite_triggers),
    ]
