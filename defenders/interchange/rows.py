"""Plain batched INSERTs (one prepared statement, many rows) for the rows of an import whose ids nobody reads back:
signatory links, copies, themes and history rows. The ORM's bulk_create compiles SQL for every row, which at
200,000 communications costs more than the database's own work."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

INSERT_ROWS = 500


def insert_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows given as {attname: value}; every concrete field but an automatic primary key must be given."""
    fields = [field for field in model._meta.concrete_fields if not isinstance(field, models.AutoField)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    # Only quoted table and column names are formatted in; every value is a parameter.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    written = 0
    pending: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            pending.append(tuple(field.get_db_prep_save(row[field.attname], connection) for field in fields))
            if len(pending) >= INSERT_ROWS:
                cursor.executemany(sql, pending)
                written += len(pending)
                pending.clear()
        if pending:
            cursor.executemany(sql, pending)
            written += len(pending)
    return written


def _stored_value(value: Any) -> Any:
    return value.name or "" if isinstance(value, FieldFile) else value


def insert_history(
    instances: Sequence[models.Model], reasons: Sequence[str], *, history_type: str = "+"
) -> int:
    """The history rows django-simple-history writes on save, one per saved instance, with its reason."""
    if not instances:
        return 0
    historical = type(instances[0]).history.model  # type: ignore[attr-defined]
    tracked = [
        field.attname for field in historical._meta.concrete_fields if not field.name.startswith("history_")
    ]
    now = timezone.now()
    return insert_rows(
        historical,
        (
            {
                **{name: _stored_value(getattr(instance, name)) for name in tracked},
                "history_date": now,
                "history_change_reason": reason,
                "history_type": history_type,
                "history_user_id": None,
            }
            for instance, reason in zip(instances, reasons, strict=True)
        ),
    )
