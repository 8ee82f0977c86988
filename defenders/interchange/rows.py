"""Plain batched INSERTs (one prepared statement, many rows) for the rows of an import whose ids nobody reads back:
signatory links, copies, themes and history rows. The ORM's bulk_create compiles SQL for every row, which at
200,000 communications costs more than the database's own work."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.fields.files import FieldFile

from defenders.clock import office_now

INSERT_ROWS = 500
# Values both drivers take as they are; every other field is prepared by Django (UUIDs, dates, aware datetimes).
PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def insert_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows given as {attname: value}; every concrete field but an automatic primary key must be given."""
    fields = [field for field in model._meta.concrete_fields if not isinstance(field, models.AutoField)]
    connection = connections[DEFAULT_DB_ALIAS]  # the connection itself: the proxy costs a lookup a value
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    # Only quoted table and column names are formatted in; every value is a parameter.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    plain = [
        isinstance(field, PLAIN_FIELDS)
        or (
            isinstance(field, models.ForeignKey)
            and field.target_field.get_internal_type() in {"AutoField", "BigAutoField"}
        )
        for field in fields
    ]
    written = 0
    pending: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            pending.append(
                tuple(
                    row[field.attname] if is_plain else field.get_db_prep_save(row[field.attname], connection)
                    for field, is_plain in zip(fields, plain, strict=True)
                )
            )
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
    now = office_now()
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


def insert_by_uid(instances: Sequence[models.Model]) -> None:
    """Insert new instances of a model with a unique `uid` and give each its primary key, read back by uid (a
    batched INSERT returns no ids on SQLite, and one indexed read is cheaper than the ORM's per-row SQL)."""
    if not instances:
        return
    model = type(instances[0])
    now = office_now()
    for instance in instances:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                setattr(instance, field.attname, now)
    insert_rows(
        model,
        (
            {field.attname: getattr(instance, field.attname) for field in model._meta.concrete_fields}
            for instance in instances
        ),
    )
    ids: dict[Any, int] = {}
    uids = [instance.uid for instance in instances]  # type: ignore[attr-defined]
    for start in range(0, len(uids), INSERT_ROWS):
        ids.update(
            model._default_manager.filter(uid__in=uids[start : start + INSERT_ROWS]).values_list("uid", "pk")
        )
    for instance in instances:
        instance.pk = ids[instance.uid]  # type: ignore[attr-defined]
        instance._state.adding = False
