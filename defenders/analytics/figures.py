"""Every figure of the office (reply rates, replies within the confidential period, days to the first reply), computed
by the database as aggregates, for the public (what embargo.py holds public) or for staff (everything sent).

Pages, CSV files, the API, charts and the Human Rights Council reports all call this module; none counts rows itself.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import Case, Count, F, Max, Min, Q, QuerySet, Value, When
from django.db.models.lookups import Exact
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from defenders.addressees.models import Addressee
from defenders.cases.models import Theme
from defenders.clock import EARLIEST_DAY, LATEST_DAY, office_today
from defenders.communications import embargo
from defenders.communications.models import Communication, CommunicationMandate, Reply
from defenders.mandates.models import Mandate
from defenders.publication.cache import cached

from .expressions import IsoWeekDay, YearOf
from .labels import TYPE_NAMES

T = TypeVar("T")
PROCEDURAL_KINDS = (Reply.Kind.ACKNOWLEDGEMENT, Reply.Kind.EXTENSION_REQUEST)
# Code -> name in the reader's language, in the choices' order (AL, UA, OL).
TYPES = {code: TYPE_NAMES[code] for code in Communication.Type.values}


class Scope(StrEnum):
    """Whose figures: the public's (published communications only) or the office's (everything sent)."""

    PUBLIC = "public"
    STAFF = "staff"


def kept(compute: Callable[..., T]) -> Callable[..., T]:
    """Keep a figure of the present (no `at`) in the public cache, under its scope: staff figures and public ones
    never share an entry, and both are dropped with any change to the data (publication/cache.py)."""

    @wraps(compute)
    def answer(scope: "Scope", *args: Any, at: datetime | None = None) -> T:
        if at is not None:
            return compute(scope, *args, at=at)
        # The language is part of the key: figures carry labels in the reader's language.
        key = ("figures", scope.value, get_language(), compute.__name__, *args)
        return cached(key, lambda: compute(scope, *args))

    return answer


class RefusedParameter(ValueError):
    """A parameter refused in words, for the person who asked. The message names parameters and values as they are
    written in the address (“from”, “with_reply”): code, which a page shows untranslated (`as_html`)."""

    def __init__(self, message: str, **names: object) -> None:
        self.message, self.names = message, names
        super().__init__(message % names)

    def as_html(self) -> SafeString:
        code = {
            name: format_html('<code translate="no">{}</code>', value) for name, value in self.names.items()
        }
        return mark_safe(conditional_escape(self.message) % code)


class InvalidSelection(RefusedParameter):
    """A year range or type that cannot select communications; the message says why, for the person who asked."""


@dataclass(frozen=True)
class Selection:
    """Which communications a figure counts, by the year they were sent (inclusive) and their type."""

    year_from: int | None = None
    year_to: int | None = None
    type: str = ""

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> "Selection":
        """From a page's or the API's parameters `from`, `to` and `type`; raises InvalidSelection."""
        years = {name: _year(data.get(name), name) for name in ("from", "to")}
        letter_type = str(data.get("type") or "").strip().upper()
        if letter_type and letter_type not in TYPES:
            raise InvalidSelection(_("“%(name)s” is one of %(types)s."), name="type", types=", ".join(TYPES))
        if years["from"] and years["to"] and years["from"] > years["to"]:
            raise InvalidSelection(
                _("“%(earlier)s” is a year before or equal to “%(later)s”."), earlier="from", later="to"
            )
        return cls(year_from=years["from"], year_to=years["to"], type=letter_type)

    def as_query(self) -> dict[str, str]:
        """The parameters that select the same communications again (empty ones left out)."""
        query = {"from": self.year_from, "to": self.year_to, "type": self.type}
        return {name: str(value) for name, value in query.items() if value}

    def apply(self, communications: QuerySet[Communication]) -> QuerySet[Communication]:
        if self.year_from:
            communications = communications.filter(sent_on__gte=date(self.year_from, 1, 1))
        if self.year_to:
            communications = communications.filter(sent_on__lte=date(self.year_to, 12, 31))
        if self.type:
            communications = communications.filter(type=self.type)
        return communications


def _year(raw: Any, name: str) -> int | None:
    text = str(raw or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise InvalidSelection(_("“%(name)s” is a year of four digits, such as 2023."), name=name)
    year = int(text)
    if not EARLIEST_DAY.year <= year <= LATEST_DAY.year:
        raise InvalidSelection(
            _("“%(name)s” is a year between %(earliest)s and %(latest)s."),
            name=name,
            earliest=EARLIEST_DAY.year,
            latest=LATEST_DAY.year,
        )
    return year


@dataclass(frozen=True)
class Figures:
    """The figures of one group of communications (an addressee, a year, a type, a theme, a mandate)."""

    key: str  # what the group is, as CSV files and the API name it: a code, a year, a slug
    label: str  # how pages name it
    communications: int
    with_reply: int
    with_substantive_reply: int
    replied_within_period: int
    median_days_to_first_reply: float | None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def no_reply(self) -> int:
        return self.communications - self.with_reply

    @property
    def reply_rate(self) -> Decimal:
        """with_reply / communications, rounded half up to 3 decimals (0 when there are none)."""
        if not self.communications:
            return Decimal("0.000")
        return (Decimal(self.with_reply) / Decimal(self.communications)).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_UP
        )

    @property
    def median_days_display(self) -> str:
        """The median as a number of days without a needless “.0”; empty where nothing was answered."""
        median = self.median_days_to_first_reply
        if median is None:
            return ""
        return str(int(median)) if float(median).is_integer() else f"{median:.1f}"


@dataclass(frozen=True)
class MandateFigures:
    """A mandate's communications counted twice over: every one it signed, and those it led."""

    key: str  # the mandate's short name
    label: str  # its name
    signed: Figures
    led: Figures

    @property
    def co_signed(self) -> int:
        """Communications it joined without leading them."""
        return self.signed.communications - self.led.communications


def sent_communications(scope: Scope, at: datetime | None = None) -> QuerySet[Communication]:
    """The communications a scope counts: public ones at that moment, or every one that was sent."""
    if scope is Scope.PUBLIC:
        return Communication.objects.public(at)
    return Communication.objects.filter(sent_on__isnull=False)


def counted_replies(scope: Scope, at: datetime | None = None) -> QuerySet[Reply]:
    """Replies a scope counts once their communication is counted: the public's are those already received
    (embargo.reply_public_from: a reply is public with its communication, or from the day it is received)."""
    if scope is Scope.PUBLIC:
        return Reply.objects.filter(received_on__lte=office_today(at))
    return Reply.objects.all()


def days_until_public(communication: str = "") -> Case:
    """Days from sending to the first public day, as embargo.first_public_day gives them for each type and
    weekday of sending (an other letter's two working days depend on the weekday): the rule is asked, not copied.
    `communication` is the path to the communication from the rows counted, if they are not communications."""
    path = f"{communication}__" if communication else ""
    monday = date(2024, 1, 1)
    weekday = IsoWeekDay(F(f"{path}sent_on"))
    by_weekday = []
    for offset in range(7):
        sent_on = monday + timedelta(days=offset)
        days = (embargo.first_public_day(embargo.OTHER_LETTER, sent_on) - sent_on).days
        by_weekday.append(When(Exact(weekday, offset + 1), then=Value(days)))
    ordinary = (embargo.first_public_day(Communication.Type.ALLEGATION_LETTER, monday) - monday).days
    return Case(
        When(Q(**{f"{path}type": embargo.OTHER_LETTER}), then=Case(*by_weekday)),
        default=Value(ordinary),
    )


def communication_facts(scope: Scope, selection: Selection, at: datetime | None = None) -> QuerySet:
    """One row per communication selected: its addressee, type, day and year of sending, and its days until it was
    public (the replies are joined to these rows in _aggregated)."""
    return (
        selection.apply(sent_communications(scope, at))
        .order_by()
        .values(
            communication_id=F("pk"),
            addressee_ref=F("addressee_id"),
            letter_type=F("type"),
            day_sent=F("sent_on"),
            year_sent=YearOf("sent_on"),
            days_until_public=days_until_public(),
        )
    )


def _reply_facts(scope: Scope, at: datetime | None) -> tuple[str, tuple[Any, ...]]:
    """Per communication, its first counted reply and how many substantive ones it had: one grouped pass over the
    replies (by the index on their communication), never a subquery per communication."""
    counted = counted_replies(scope, at).order_by()
    return (
        counted.values(replied_id=F("communication_id"))
        .annotate(
            first_on=Min("received_on"),
            substantive=Count("pk", filter=~Q(kind__in=PROCEDURAL_KINDS)),
        )
        .query.sql_with_params()
    )


FACTS_SQL = (
    "SELECT c.communication_id, c.addressee_ref, c.letter_type, c.year_sent, c.days_until_public, "
    "{days} AS days_to_first_reply, COALESCE(r.substantive, 0) AS substantive_replies "
    "FROM ({communications}) c LEFT JOIN ({replies}) r ON r.replied_id = c.communication_id"
)
FIGURES_SQL = (
    "SELECT {grouped}COUNT(*), COUNT(f.days_to_first_reply), "
    "COALESCE(SUM(CASE WHEN f.substantive_replies > 0 THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN f.days_to_first_reply < f.days_until_public THEN 1 ELSE 0 END), 0), "
    "{median} FROM ({facts}) f {join} {where} {group_by}"
)


def _aggregated(
    scope: Scope,
    selection: Selection,
    at: datetime | None,
    group: dict[str, str],
    join: str = "",
    where: str = "",
) -> list[dict[str, Any]]:
    """The figures of the facts grouped by `group` ({name: SQL over the facts `f` and `join`}), computed by the
    database: the per-communication facts are grouped once more, in SQL the ORM cannot write (an aggregate over
    aggregates)."""
    communications_sql, communication_params = communication_facts(
        scope, selection, at
    ).query.sql_with_params()
    replies_sql, reply_params = _reply_facts(scope, at)
    if connection.vendor == "postgresql":
        median = "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY f.days_to_first_reply)"
        days = "(r.first_on - c.day_sent)"
    else:
        median = "DEFENDERS_MEDIAN(f.days_to_first_reply)"
        days = "CAST(julianday(r.first_on) - julianday(c.day_sent) AS INTEGER)"
    facts_sql = FACTS_SQL.format(days=days, communications=communications_sql, replies=replies_sql)
    params = (*communication_params, *reply_params)
    grouped = ", ".join(f"{sql} AS {name}" for name, sql in group.items())
    # Every piece of SQL here is a constant of this module; the values travel as parameters.
    sql = FIGURES_SQL.format(
        grouped=f"{grouped}, " if grouped else "",
        median=median,
        facts=facts_sql,
        join=join,
        where=where,
        group_by=f"GROUP BY {', '.join(group.values())}" if group else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    names = [*group, *FIGURE_NAMES]
    rows = [dict(zip(names, row, strict=True)) for row in found]
    for row in rows:
        if row["median_days_to_first_reply"] is not None:
            row["median_days_to_first_reply"] = float(row["median_days_to_first_reply"])
    return rows


FIGURE_NAMES = (
    "communications",
    "with_reply",
    "with_substantive_reply",
    "replied_within_period",
    "median_days_to_first_reply",
)
EMPTY = dict.fromkeys(FIGURE_NAMES, 0) | {"median_days_to_first_reply": None}


def _figures(row: dict[str, Any], key: str, label: str, **extra: Any) -> Figures:
    return Figures(
        key=key,
        label=label,
        communications=row["communications"],
        with_reply=row["with_reply"],
        with_substantive_reply=row["with_substantive_reply"],
        replied_within_period=row["replied_within_period"],
        median_days_to_first_reply=row["median_days_to_first_reply"],
        extra=extra,
    )


@kept
def totals(scope: Scope, selection: Selection = Selection(), at: datetime | None = None) -> Figures:
    """The figures of every communication selected."""
    rows = _aggregated(scope, selection, at, {})
    return _figures(rows[0] if rows and rows[0]["communications"] else EMPTY, "all", _("All communications"))


@kept
def by_addressee(
    scope: Scope, selection: Selection = Selection(), at: datetime | None = None
) -> list[Figures]:
    """One row per addressee with communications selected, by name; non-State addressees share the code OTH."""
    rows = _aggregated(scope, selection, at, {"addressee_pk": "f.addressee_ref"})
    addressees = Addressee.objects.in_bulk([row["addressee_pk"] for row in rows])
    figures = [
        _figures(
            row,
            addressees[row["addressee_pk"]].code,
            addressees[row["addressee_pk"]].name,
            kind=addressees[row["addressee_pk"]].kind,
            pk=row["addressee_pk"],
        )
        for row in rows
    ]
    return sorted(figures, key=lambda row: (row.label.casefold(), row.extra["pk"]))


@kept
def by_year(scope: Scope, selection: Selection = Selection(), at: datetime | None = None) -> list[Figures]:
    """One row per year of sending, oldest first."""
    rows = _aggregated(scope, selection, at, {"year": "f.year_sent"})
    return sorted(
        (_figures(row, str(row["year"]), str(row["year"])) for row in rows), key=lambda row: row.key
    )


@kept
def by_type(scope: Scope, selection: Selection = Selection(), at: datetime | None = None) -> list[Figures]:
    """One row per type of communication (AL, UA, OL), in that order."""
    rows = {row["code"]: row for row in _aggregated(scope, selection, at, {"code": "f.letter_type"})}
    return [_figures(rows[code], code, str(label)) for code, label in TYPES.items() if code in rows]


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@kept
def by_theme(scope: Scope, selection: Selection = Selection(), at: datetime | None = None) -> list[Figures]:
    """One row per theme; a communication filed under two themes counts in each, one under none in neither."""
    rows = _aggregated(
        scope,
        selection,
        at,
        {"theme_pk": "filed.theme_id"},
        join=f"JOIN {_table(Communication.themes.through)} filed ON filed.communication_id = f.communication_id",
    )
    themes = Theme.objects.in_bulk([row["theme_pk"] for row in rows])
    return sorted(
        (_figures(row, themes[row["theme_pk"]].slug, themes[row["theme_pk"]].name) for row in rows),
        key=lambda row: row.label.casefold(),
    )


@kept
def by_mandate(
    scope: Scope, selection: Selection = Selection(), at: datetime | None = None
) -> list[MandateFigures]:
    """One row per mandate that signed a communication selected: those it signed, and those it led."""
    join = f"JOIN {_table(CommunicationMandate)} link ON link.communication_id = f.communication_id"
    group = {"mandate_pk": "link.mandate_id"}
    signed = _aggregated(scope, selection, at, group, join=join)
    true = "TRUE" if connection.vendor == "postgresql" else "1"
    led = {
        row["mandate_pk"]: row
        for row in _aggregated(scope, selection, at, group, join, f"WHERE link.is_lead = {true}")
    }
    mandates = Mandate.objects.in_bulk([row["mandate_pk"] for row in signed])
    return sorted(
        (
            MandateFigures(
                key=mandates[row["mandate_pk"]].short_name,
                label=mandates[row["mandate_pk"]].name,
                signed=_figures(
                    row, mandates[row["mandate_pk"]].short_name, mandates[row["mandate_pk"]].name
                ),
                led=_figures(
                    led.get(row["mandate_pk"], EMPTY),
                    mandates[row["mandate_pk"]].short_name,
                    mandates[row["mandate_pk"]].name,
                ),
            )
            for row in signed
        ),
        key=lambda row: (-row.signed.communications, row.key),
    )


def per_year_and_type(
    scope: Scope, selection: Selection = Selection(), at: datetime | None = None
) -> dict[int, dict[str, int]]:
    """Communications per year of sending and type: {year: {type: count}}, every type present in each year."""
    rows = (
        selection.apply(sent_communications(scope, at))
        .order_by()
        .values(year=YearOf("sent_on"), code=F("type"))
        .annotate(count=Count("pk"))
    )
    table: dict[int, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row["year"], dict.fromkeys(TYPES, 0))[row["code"]] = row["count"]
    return dict(sorted(table.items()))


@kept
def years_sent(scope: Scope, at: datetime | None = None) -> tuple[int, int] | None:
    """The first and last year a scope has communications in, or None when it has none."""
    bounds = sent_communications(scope, at).aggregate(first=Min("sent_on"), last=Max("sent_on"))
    if bounds["first"] is None:
        return None
    return bounds["first"].year, bounds["last"].year
