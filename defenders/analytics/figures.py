"""Every figure of the office (reply rates, replies within the confidential period, days to the first reply), computed
by the database as aggregates, for the public (what embargo.py holds public) or for staff (everything sent).

Pages, CSV files, the API, charts and the Human Rights Council reports all call this module; none counts rows itself.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from defenders.clock import EARLIEST_DAY, LATEST_DAY, office_today
from defenders.communications import embargo
from defenders.communications.models import Communication, CommunicationMandate, Reply

from .expressions import DaysBetween, Median
from .labels import TYPE_NAMES

PROCEDURAL_KINDS = (Reply.Kind.ACKNOWLEDGEMENT, Reply.Kind.EXTENSION_REQUEST)
# Code -> name in the reader's language, in the choices' order (AL, UA, OL).
TYPES = {code: TYPE_NAMES[code] for code in Communication.Type.values}


class Scope(StrEnum):
    """Whose figures: the public's (published communications only) or the office's (everything sent)."""

    PUBLIC = "public"
    STAFF = "staff"


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
    by_weekday = []
    for offset in range(7):
        sent_on = monday + timedelta(days=offset)
        days = (embargo.first_public_day(embargo.OTHER_LETTER, sent_on) - sent_on).days
        by_weekday.append(When(Q(**{f"{path}sent_on__iso_week_day": offset + 1}), then=Value(days)))
    ordinary = (embargo.first_public_day(Communication.Type.ALLEGATION_LETTER, monday) - monday).days
    # The weekday is looked up only for other letters: on SQLite it is a function call per row.
    return Case(
        When(Q(**{f"{path}type": embargo.OTHER_LETTER}), then=Case(*by_weekday)),
        default=Value(ordinary),
    )


def _with_reply_facts(rows: QuerySet, scope: Scope, at: datetime | None, communication: str = "") -> QuerySet:
    """Each row (a communication, or a row that points to one through `communication`) with the days to its first
    counted reply (NULL without one), whether a substantive one came, and its days until it was public."""
    path = f"{communication}__" if communication else ""
    replies = counted_replies(scope, at).filter(communication=OuterRef(communication or "pk")).order_by()
    first_reply = replies.order_by("received_on").values("received_on")[:1]
    return rows.annotate(
        days_to_first_reply=DaysBetween(F(f"{path}sent_on"), Subquery(first_reply)),
        has_substantive_reply=Exists(replies.exclude(kind__in=PROCEDURAL_KINDS)),
        days_until_public=days_until_public(communication),
    )


AGGREGATES = {
    "communications": Count("pk"),
    "with_reply": Count("days_to_first_reply"),
    "with_substantive_reply": Count("pk", filter=Q(has_substantive_reply=True)),
    "replied_within_period": Count("pk", filter=Q(days_to_first_reply__lt=F("days_until_public"))),
    "median_days_to_first_reply": Median("days_to_first_reply"),
}


def _grouped(rows: QuerySet, group: dict[str, Any]) -> list[dict[str, Any]]:
    return list(rows.values(**group).annotate(**AGGREGATES).order_by())


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


def _communications(scope: Scope, selection: Selection, at: datetime | None) -> QuerySet:
    return _with_reply_facts(selection.apply(sent_communications(scope, at)).order_by(), scope, at)


def totals(scope: Scope, selection: Selection = Selection(), at: datetime | None = None) -> Figures:
    """The figures of every communication selected."""
    row = _communications(scope, selection, at).aggregate(**AGGREGATES)
    return _figures(row, "all", _("All communications"))


def by_addressee(
    scope: Scope, selection: Selection = Selection(), at: datetime | None = None
) -> list[Figures]:
    """One row per addressee with communications selected, by name; non-State addressees share the code OTH."""
    rows = _grouped(
        _communications(scope, selection, at),
        {
            "addressee_pk": F("addressee_id"),
            "code": F("addressee__code"),
            "name": F("addressee__name"),
            "kind": F("addressee__kind"),
        },
    )
    figures = [
        _figures(row, row["code"], row["name"], kind=row["kind"], pk=row["addressee_pk"]) for row in rows
    ]
    return sorted(figures, key=lambda row: (row.label.casefold(), row.extra["pk"]))


def by_year(scope: Scope, selection: Selection = Selection(), at: datetime | None = None) -> list[Figures]:
    """One row per year of sending, oldest first."""
    rows = _grouped(_communications(scope, selection, at), {"year": ExtractYear("sent_on")})
    return sorted(
        (_figures(row, str(row["year"]), str(row["year"])) for row in rows), key=lambda row: row.key
    )


def by_type(scope: Scope, selection: Selection = Selection(), at: datetime | None = None) -> list[Figures]:
    """One row per type of communication (AL, UA, OL), in that order."""
    rows = {row["code"]: row for row in _grouped(_communications(scope, selection, at), {"code": F("type")})}
    return [_figures(rows[code], code, str(label)) for code, label in TYPES.items() if code in rows]


def by_theme(scope: Scope, selection: Selection = Selection(), at: datetime | None = None) -> list[Figures]:
    """One row per theme; a communication filed under two themes counts in each, one under none in neither."""
    rows = _grouped(
        _communications(scope, selection, at).filter(themes__isnull=False),
        {"theme_slug": F("themes__slug"), "theme_name": F("themes__name")},
    )
    return sorted(
        (_figures(row, row["theme_slug"], row["theme_name"]) for row in rows),
        key=lambda row: row.label.casefold(),
    )


def by_mandate(
    scope: Scope, selection: Selection = Selection(), at: datetime | None = None
) -> list[MandateFigures]:
    """One row per mandate that signed a communication selected: those it signed, and those it led."""
    selected = selection.apply(sent_communications(scope, at)).order_by().values("pk")
    links = _with_reply_facts(
        CommunicationMandate.objects.filter(communication__in=selected).order_by(), scope, at, "communication"
    )
    group = {"short_name": F("mandate__short_name"), "name": F("mandate__name")}
    signed = _grouped(links, group)
    led = {row["short_name"]: row for row in _grouped(links.filter(is_lead=True), group)}
    empty = dict.fromkeys(AGGREGATES, 0) | {"median_days_to_first_reply": None}
    return sorted(
        (
            MandateFigures(
                key=row["short_name"],
                label=row["name"],
                signed=_figures(row, row["short_name"], row["name"]),
                led=_figures(led.get(row["short_name"], empty), row["short_name"], row["name"]),
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
        .values(year=ExtractYear("sent_on"), code=F("type"))
        .annotate(count=Count("pk"))
    )
    table: dict[int, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row["year"], dict.fromkeys(TYPES, 0))[row["code"]] = row["count"]
    return dict(sorted(table.items()))


def years_sent(scope: Scope, at: datetime | None = None) -> tuple[int, int] | None:
    """The first and last year a scope has communications in, or None when it has none."""
    bounds = sent_communications(scope, at).aggregate(first=Min("sent_on"), last=Max("sent_on"))
    if bounds["first"] is None:
        return None
    return bounds["first"].year, bounds["last"].year
