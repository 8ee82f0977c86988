"""The tables of figures as pages, CSV files and the API lay them out: fixed columns, cells as text, sorting.

Column names are a contract (issue 11): `addressees.csv` has exactly ADDRESSEE_COLUMNS, in that order."""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .figures import TYPES, Figures, MandateFigures, RefusedParameter

FIGURE_COLUMNS = (
    "communications",
    "with_reply",
    "with_substantive_reply",
    "reply_rate",
    "replied_within_period",
    "median_days_to_first_reply",
    "no_reply",
)
ADDRESSEE_COLUMNS = ("addressee_code", "addressee", *FIGURE_COLUMNS)
YEAR_COLUMNS = ("year", *FIGURE_COLUMNS)
TYPE_COLUMNS = ("type", "type_name", *FIGURE_COLUMNS)
THEME_COLUMNS = ("theme_slug", "theme", *FIGURE_COLUMNS)
YEAR_AND_TYPE_COLUMNS = ("year", *TYPES)
MANDATE_COLUMNS = (
    "mandate_short_name",
    "mandate",
    "signed",
    "led",
    "co_signed",
    *(f"signed_{name}" for name in FIGURE_COLUMNS[1:]),
    *(f"led_{name}" for name in FIGURE_COLUMNS[1:]),
)


def figure_cells(row: Figures) -> list[str]:
    """The cells of FIGURE_COLUMNS, as CSV writes them: counts, the rate to 3 decimals, the median or empty."""
    return [
        str(row.communications),
        str(row.with_reply),
        str(row.with_substantive_reply),
        str(row.reply_rate),
        str(row.replied_within_period),
        row.median_days_display,
        str(row.no_reply),
    ]


def addressee_cells(row: Figures) -> list[str]:
    return [row.key, row.label, *figure_cells(row)]


def labelled_cells(row: Figures) -> list[str]:
    return [row.key, row.label, *figure_cells(row)]


def year_cells(row: Figures) -> list[str]:
    return [row.key, *figure_cells(row)]


def mandate_cells(row: MandateFigures) -> list[str]:
    return [
        row.key,
        row.label,
        str(row.signed.communications),
        str(row.led.communications),
        str(row.co_signed),
        *figure_cells(row.signed)[1:],
        *figure_cells(row.led)[1:],
    ]


def year_and_type_cells(table: dict[int, dict[str, int]]) -> list[list[str]]:
    return [[str(year), *(str(counts[code]) for code in TYPES)] for year, counts in table.items()]


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A CSV file with a header line; the cells of an addressee's or theme's name are quoted as needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


@dataclass(frozen=True)
class SortKey:
    name: str  # the `sort` parameter: a column, "-" in front for descending
    label: str | Promise
    value: Callable[[Figures], object]


SCORECARD_SORTS = {
    key.name: key
    for key in (
        SortKey("addressee", _("Addressee"), lambda row: row.label.casefold()),
        SortKey("communications", _("Communications"), lambda row: row.communications),
        SortKey("with_reply", _("With a reply"), lambda row: row.with_reply),
        SortKey(
            "with_substantive_reply", _("With a substantive reply"), lambda row: row.with_substantive_reply
        ),
        SortKey("reply_rate", _("Reply rate"), lambda row: row.reply_rate),
        SortKey(
            "replied_within_period", _("Replied within the period"), lambda row: row.replied_within_period
        ),
        # Unanswered addressees (no median) sort after every answered one, whichever the direction.
        SortKey(
            "median_days_to_first_reply",
            _("Median days to the first reply"),
            lambda row: row.median_days_to_first_reply,
        ),
        SortKey("no_reply", _("No reply"), lambda row: row.no_reply),
    )
}


class InvalidSort(RefusedParameter):
    pass


def sorted_scorecard(rows: list[Figures], sort: str) -> list[Figures]:
    """The scorecard in the order `sort` names (a column, "-" in front for descending); ties by name."""
    descending = sort.startswith("-")
    key = SCORECARD_SORTS.get(sort.removeprefix("-"))
    if key is None:
        raise InvalidSort(
            gettext("“%(name)s” is one of %(columns)s, with “%(minus)s” in front for descending."),
            name="sort",
            columns=", ".join(SCORECARD_SORTS),
            minus="-",
        )
    by_name = sorted(rows, key=lambda row: (row.label.casefold(), row.extra.get("pk", 0)))
    known = [row for row in by_name if key.value(row) is not None]
    unknown = [row for row in by_name if key.value(row) is None]
    return sorted(known, key=key.value, reverse=descending) + unknown  # type: ignore[arg-type,return-value]
