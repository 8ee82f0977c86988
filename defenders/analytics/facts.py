"""Keep CommunicationFacts and SignatureFacts in step with the communications, their signatures and their replies:
each write refreshes the rows of the communications it touched, in set-based SQL (per few thousand ids, one DELETE
and one INSERT ... SELECT for each table)."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    Min,
    Model,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.lookups import Exact

from defenders.communications import embargo
from defenders.communications.models import Communication, CommunicationMandate, Reply

from .expressions import DaysAfter, DaysBetween, IsoWeekDay, YearOf
from .models import CommunicationFacts, Facts, SignatureFacts

PROCEDURAL_KINDS = (Reply.Kind.ACKNOWLEDGEMENT, Reply.Kind.EXTENSION_REQUEST)
# Ids per statement: well under SQLite's limit of bound parameters, and a short statement on PostgreSQL.
CHUNK = 5000
COLUMNS = (
    "communication_id",
    "addressee_id",
    "type",
    "sent_on",
    "year",
    "first_public_day",
    "never_public",
    "first_reply_on",
    "first_substantive_reply_on",
    "days_to_first_reply",
)


def days_until_public() -> Case:
    """Days from sending to the first public day, as embargo.first_public_day gives them for each type and
    weekday of sending (an other letter's two working days depend on the weekday): the rule is asked, not copied."""
    monday = date(2024, 1, 1)
    weekday = IsoWeekDay(F("sent_on"))
    by_weekday = []
    for offset in range(7):
        sent_on = monday + timedelta(days=offset)
        days = (embargo.first_public_day(embargo.OTHER_LETTER, sent_on) - sent_on).days
        by_weekday.append(When(Exact(weekday, offset + 1), then=Value(days)))
    ordinary = (embargo.first_public_day(Communication.Type.ALLEGATION_LETTER, monday) - monday).days
    return Case(When(Q(type=embargo.OTHER_LETTER), then=Case(*by_weekday)), default=Value(ordinary))


def _first_reply(*kinds_left_out: str) -> Subquery:
    replies = Reply.objects.filter(communication=OuterRef("pk")).exclude(kind__in=kinds_left_out)
    # One look-up in the index of replies by communication, per communication refreshed.
    return Subquery(
        replies.order_by().values("communication").annotate(first=Min("received_on")).values("first")
    )


def _facts_sql(ids: list[int] | None) -> tuple[str, tuple]:
    """The SELECT whose rows are the facts of the sent communications among `ids` (all when None), in COLUMNS order."""
    communications = Communication.objects.filter(sent_on__isnull=False)
    if ids is not None:
        communications = communications.filter(pk__in=ids)
    rows = (
        communications.order_by()
        .annotate(first_reply=_first_reply(), first_substantive=_first_reply(*PROCEDURAL_KINDS))
        .values_list(
            "pk",
            "addressee_id",
            "type",
            "sent_on",
            YearOf("sent_on"),
            DaysAfter("sent_on", days_until_public()),
            ExpressionWrapper(Q(withheld=True) | Q(exposes_withheld_name=True), output_field=BooleanField()),
            "first_reply",
            "first_substantive",
            DaysBetween("sent_on", "first_reply"),
        )
    )
    return rows.query.sql_with_params()


# A signature's facts are its communication's, refreshed just before: copied, not worked out again.
COPIED_TO_SIGNATURES = tuple(field.attname for field in Facts._meta.local_fields)
SIGNATURE_COLUMNS = ("communication_id", "mandate_id", "is_lead", *COPIED_TO_SIGNATURES)
SIGNATURES_SQL = (
    "INSERT INTO {signatures} ({columns}) SELECT f.communication_id, link.mandate_id, link.is_lead, {copied} "
    "FROM {facts} f JOIN {links} link ON link.communication_id = f.communication_id {where}"
)


def _name(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _columns(columns: tuple[str, ...]) -> str:
    return ", ".join(connection.ops.quote_name(column) for column in columns)


def _insert(ids: list[int] | None) -> None:
    select, params = _facts_sql(ids)
    where = "" if ids is None else f"WHERE f.communication_id IN ({', '.join(['%s'] * len(ids))})"
    signatures = SIGNATURES_SQL.format(
        signatures=_name(SignatureFacts),
        columns=_columns(SIGNATURE_COLUMNS),
        copied=", ".join(f"f.{connection.ops.quote_name(column)}" for column in COPIED_TO_SIGNATURES),
        facts=_name(CommunicationFacts),
        links=_name(CommunicationMandate),
        where=where,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {_name(CommunicationFacts)} ({_columns(COLUMNS)}) {select}", params)
        cursor.execute(signatures, ids or ())


def refresh(ids: Iterable[int]) -> None:
    """Make the facts of these communications what they are now: rows for the sent ones, none for the others
    (unsent or deleted)."""
    unique = sorted(set(ids))
    with transaction.atomic():
        for start in range(0, len(unique), CHUNK):
            chunk = unique[start : start + CHUNK]
            CommunicationFacts.objects.filter(communication_id__in=chunk).delete()
            SignatureFacts.objects.filter(communication_id__in=chunk).delete()
            _insert(chunk)


def rebuild() -> int:
    """Every row again from the communications and their replies (`defenders refresh_figures`, the migration that
    made the table, or a change to the publication rule); returns the number of sent communications."""
    with transaction.atomic():
        CommunicationFacts.objects.all().delete()
        SignatureFacts.objects.all().delete()
        _insert(None)
        return CommunicationFacts.objects.count()
