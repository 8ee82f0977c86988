"""Every figure of the office (reply rates, replies within the confidential period, days to the first reply), computed
by the database as aggregates over the facts that facts.py keeps in step, for the public (what embargo.py holds
public) or for staff (everything sent).

Pages, CSV files, the API, charts and the Human Rights Council reports all call this module; none counts rows itself.
"""

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import QuerySet
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from defenders.addressees.models import Addressee
from defenders.cases.models import Theme
from defenders.clock import EARLIEST_DAY, LATEST_DAY, office_today
from defenders.communications.models import Communication, Reply
from defenders.mandates.models import Mandate
from defenders.publication.cache import cached

from .facts import days_until_public  # noqa: F401 - the rule's days, where the figures' tests look for them
from .labels import TYPE_NAMES
from .models import CommunicationFacts, SignatureFacts

T = TypeVar("T")
# Code -> name in the reader's language, in the choices' order (AL, UA, OL).
TYPES = {code: TYPE_NAMES[code] for code in Communication.Type.values}


class Scope(StrEnum):
    """Whose figures: the public's (published communications only) or the office's (everything sent)."""

    PUBLIC = "public"
    STAFF = "staff"


def kept(compute: Callable[..., T]) -> Callable[..., T]:
    """Keep a figure of the present (no `at`) in the public cache, under its scope: staff figures and public ones
    never share an entry, and both are dropped with any change to the data (publication/cache.py)."""

    signature = inspect.signature(compute)

    @wraps(compute)
    def answer(scope: "Scope", *args: Any, at: datetime | None = None) -> T:
        if at is not None:
            return compute(scope, *args, at=at)
        # by_addressee(scope) and by_addressee(scope, Selection()) are one figure: one key, defaults written out.
        asked = signature.bind(scope, *args)
        asked.apply_defaults()
        given = tuple(value for name, value in asked.arguments.items() if name not in {"scope", "at"})
        # The language is part of the key: figures carry labels in the reader's language.
        key = ("figures", scope.value, get_language(), compute.__name__, *given)
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


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


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


# The figures of the rows of a group that meet {only}, from the facts `f` (analytics/facts.py); each %s is the last
# day a reply counts on.
FIGURE_COLUMNS = (
    "COUNT(CASE WHEN {only} THEN 1 END), "
    "COUNT(CASE WHEN {only} AND f.first_reply_on <= %s THEN 1 END), "
    "COUNT(CASE WHEN {only} AND f.first_substantive_reply_on <= %s THEN 1 END), "
    "COUNT(CASE WHEN {only} AND f.first_reply_on <= %s AND f.first_reply_on < f.first_public_day THEN 1 END), "
)
COUNTED_DAYS = "CASE WHEN {only} AND f.first_reply_on <= %s THEN f.days_to_first_reply END"
FIGURES_SQL = "SELECT {grouped}{columns} FROM {facts} f {join} WHERE {where} {group_by}"
PER_YEAR_AND_TYPE_SQL = "SELECT f.year, f.type, COUNT(*) FROM {facts} f WHERE {where} GROUP BY f.year, f.type"
YEARS_SQL = "SELECT MIN(f.year), MAX(f.year) FROM {facts} f WHERE {where}"
# Staff count every reply stored; no day the office records comes after this one.
EVERY_REPLY = date(9999, 12, 31)


def _conditions(scope: Scope, selection: Selection, at: datetime | None) -> tuple[list[str], list[Any]]:
    """The WHERE conditions over the facts `f` that select what a scope counts, and their parameters.

    The public's are embargo.is_public() on the facts: a communication that can be public (not withheld, no
    withheld name showing) from its first public day, which the office's day at that moment has reached."""
    conditions, params = ["1 = 1"], []
    if scope is Scope.PUBLIC:
        conditions += ["NOT f.never_public", "f.first_public_day <= %s"]
        params.append(_day(office_today(at)))
    if selection.year_from:
        conditions.append("f.year >= %s")
        params.append(selection.year_from)
    if selection.year_to:
        conditions.append("f.year <= %s")
        params.append(selection.year_to)
    if selection.type:
        conditions.append("f.type = %s")
        params.append(selection.type)
    return conditions, params


def _day(day: date) -> Any:
    return connection.ops.adapt_datefield_value(day)


def _aggregated(
    scope: Scope,
    selection: Selection,
    at: datetime | None,
    group: dict[str, str],
    join: str = "",
    subsets: dict[str, str] | None = None,
    facts: type[models.Model] = CommunicationFacts,
) -> list[dict[str, Any]]:
    """The figures of the facts grouped by `group` ({name: SQL over the facts `f` and `join`}), computed by the
    database in one pass over the facts table (no row of it is read into Python). `subsets` ({prefix: condition})
    adds the figures of the rows of each group that meet a condition, under the names with that prefix."""
    # The public counts a reply once it is received (embargo.reply_public_from), staff every reply stored.
    reply_bound = _day(office_today(at) if scope is Scope.PUBLIC else EVERY_REPLY)
    columns, names, params = [], list(group), []
    for prefix, only in {"": "1 = 1", **(subsets or {})}.items():
        days = COUNTED_DAYS.format(only=only)
        if connection.vendor == "postgresql":
            median = f"PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY {days})"
        else:
            median = f"DEFENDERS_MEDIAN({days})"
        columns.append(FIGURE_COLUMNS.format(only=only) + median)
        names += [f"{prefix}{name}" for name in FIGURE_NAMES]
        params += [reply_bound] * 4
    conditions, condition_params = _conditions(scope, selection, at)
    grouped = ", ".join(f"{sql} AS {name}" for name, sql in group.items())
    # Every piece of SQL here is a constant of this module; the values travel as parameters.
    sql = FIGURES_SQL.format(
        grouped=f"{grouped}, " if grouped else "",
        columns=", ".join(columns),
        facts=_table(facts),
        join=join,
        where=" AND ".join(conditions),
        group_by=f"GROUP BY {', '.join(group.values())}" if group else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, *condition_params))
        found = cursor.fetchall()
    rows = [dict(zip(names, row, strict=True)) for row in found]
    for row in rows:
        for name, value in row.items():
            if name.endswith("median_days_to_first_reply") and value is not None:
                row[name] = float(value)
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
    rows = _aggregated(scope, selection, at, {"addressee_pk": "f.addressee_id"})
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
    rows = _aggregated(scope, selection, at, {"year": "f.year"})
    return sorted(
        (_figures(row, str(row["year"]), str(row["year"])) for row in rows), key=lambda row: row.key
    )


@kept
def by_type(scope: Scope, selection: Selection = Selection(), at: datetime | None = None) -> list[Figures]:
    """One row per type of communication (AL, UA, OL), in that order."""
    rows = {row["code"]: row for row in _aggregated(scope, selection, at, {"code": "f.type"})}
    return [_figures(rows[code], code, str(label)) for code, label in TYPES.items() if code in rows]


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
    # Signed and led in one pass over the signatures' facts (no join).
    signed = _aggregated(
        scope,
        selection,
        at,
        {"mandate_pk": "f.mandate_id"},
        subsets={"led_": "f.is_lead"},
        facts=SignatureFacts,
    )
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
                    {name: row[f"led_{name}"] for name in FIGURE_NAMES},
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
    conditions, params = _conditions(scope, selection, at)
    sql = PER_YEAR_AND_TYPE_SQL.format(facts=_table(CommunicationFacts), where=" AND ".join(conditions))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    table: dict[int, dict[str, int]] = {}
    for year, code, count in found:
        table.setdefault(year, dict.fromkeys(TYPES, 0))[code] = count
    return dict(sorted(table.items()))


@kept
def years_sent(scope: Scope, at: datetime | None = None) -> tuple[int, int] | None:
    """The first and last year a scope has communications in, or None when it has none."""
    conditions, params = _conditions(scope, Selection(), at)
    sql = YEARS_SQL.format(facts=_table(CommunicationFacts), where=" AND ".join(conditions))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        first, last = cursor.fetchone()
    if first is None:
        return None
    return first, last
