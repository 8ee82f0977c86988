"""Plain batched INSERTs (one prepared statement, many rows) for the rows of an import whose ids nobody reads back:
signatory links, copies, themes and history rows. The ORM's bulk_create compiles SQL for every row, which at
200,000 communications costs more than the database's own work."""

from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter, itemgetter
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.fields.files import FieldFile

from defenders.clock import office_now

INSERT_ROWS = 500
# Values both drivers take as they are; every other field is prepared by Django (UUIDs, dates, aware datetimes).
PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def _preparer(field: models.Field, connection: Any) -> Callable[[Any], Any]:
    """The field's conversion to a database value; dates and moments repeat (an import's clock, days of
    sending), so each is converted once."""
    if not isinstance(field, models.DateField):  # DateTimeField is a DateField
        return lambda value: field.get_db_prep_save(value, connection)
    converted: dict[Any, Any] = {}

    def prepared(value: Any) -> Any:
        if value not in converted:
            converted[value] = field.get_db_prep_save(value, connection)
        return converted[value]

    return prepared


def insert_rows(model: type[models.Model], rows: Iterable[Any], *, instances: bool = False) -> int:
    """Insert rows given as {attname: value} (or model instances, read by attribute); every concrete field but an
    automatic primary key must be given."""
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
    prepare = [
        None if is_plain else _preparer(field, connection)
        for field, is_plain in zip(fields, plain, strict=True)
    ]
    attnames = [field.attname for field in fields]
    # The values of a row in one call in C; only the few that need it are converted in Python.
    values_of = (attrgetter if instances else itemgetter)(*attnames, *attnames[:1])
    converted = [(index, prepared) for index, prepared in enumerate(prepare) if prepared is not None]
    written = 0
    pending: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            values = list(values_of(row))
            values.pop()  # the first again, read so that one attname still gives a tuple
            for index, prepared in converted:
                values[index] = prepared(values[index])
            pending.append(values)
            if len(pending) >= INSERT_ROWS:
                cursor.executemany(sql, pending)
                written += len(pending)
                pending.clear()
        if pending:
            cursor.executemany(sql, pending)
            written += len(pending)
    return written


KEYS_PER_QUERY = 300  # three values a key: within SQLite's oldest limit of 999 parameters a statement


def stored_keys(
    model: type[models.Model], attnames: Sequence[str], keys: Iterable[tuple[Any, ...]]
) -> set[tuple]:
    """Which of these keys (values of the named columns, in order) some stored row has. The keys are joined to
    the table, so that each is one lookup in an index on those columns, however large the table."""
    fields = [model._meta.get_field(name) for name in attnames]
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    # Integers are cast: PostgreSQL reads an untyped parameter in VALUES as text.
    row = (
        "("
        + ", ".join(
            "CAST(%s AS integer)" if isinstance(field, models.IntegerField) else "%s" for field in fields
        )
        + ")"
    )
    names = [f"k{index}" for index in range(len(fields))]
    matches = " AND ".join(
        f"t.{quote(str(field.column))} = wanted.{name}"  # type: ignore[union-attr]
        for field, name in zip(fields, names, strict=True)
    )
    selected = ", ".join(f"t.{quote(str(field.column))}" for field in fields)  # type: ignore[union-attr]
    keys = list(keys)
    found: set[tuple] = set()
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        for start in range(0, len(keys), KEYS_PER_QUERY):
            part = keys[start : start + KEYS_PER_QUERY]
            # Only quoted table and column names are formatted in; every value is a parameter.
            cursor.execute(
                f"WITH wanted({', '.join(names)}) AS (VALUES {', '.join([row] * len(part))}) "  # noqa: S608
                f"SELECT {selected} FROM wanted JOIN {quote(model._meta.db_table)} t ON {matches}",
                [value for key in part for value in key],
            )
            found.update(tuple(found_row) for found_row in cursor.fetchall())
    return found


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
    # The history keeps a file's name in a text column.
    files = [
        field.attname
        for field in type(instances[0])._meta.concrete_fields
        if isinstance(field, models.FileField) and field.attname in tracked
    ]
    values_of = attrgetter(*tracked, *tracked[:1])
    now = office_now()
    return insert_rows(
        historical,
        (
            {
                **dict(zip(tracked, values_of(instance), strict=False)),
                **{name: _stored_value(getattr(instance, name)) for name in files},
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
    automatic = [
        field.attname
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for instance in instances:
        for name in automatic:
            setattr(instance, name, now)
    insert_rows(model, instances, instances=True)
    ids: dict[Any, int] = {}
    uids = [instance.uid for instance in instances]  # type: ignore[attr-defined]
    for start in range(0, len(uids), INSERT_ROWS):
        ids.update(
            model._default_manager.filter(uid__in=uids[start : start + INSERT_ROWS]).values_list("uid", "pk")
        )
    for instance in instances:
        instance.pk = ids[instance.uid]  # type: ignore[attr-defined]
        instance._state.adding = False
