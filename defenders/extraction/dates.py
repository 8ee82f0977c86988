"""Dates in a text, with the precision the text gives: `2022`, `2022-02` or `2022-02-24`, in en, fr, es and ru.

Month names come from dateparser's own language data; the common written forms are matched by patterns built
from them (dateparser's parser costs milliseconds a call, far too slow for every sentence), and dateparser
parses what the patterns leave: numeric dates, and a sentence that needs a date but where none was found.
Relative phrases ("the following day", "two months later") are resolved against the previous date.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import dateparser
from dateparser.languages.loader import default_loader
from dateparser.search import search_dates

LANGUAGES = ("en", "fr", "es", "ru")
MONTH_KEYS = [calendar.month_name[number].lower() for number in range(1, 13)]
# Russian months after "в" ("в марте 2022") take the prepositional case, which dateparser's data lacks.
RUSSIAN_PREPOSITIONAL = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
]


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for language in LANGUAGES:
        info = default_loader.get_locale(language).info
        for number, key in enumerate(MONTH_KEYS, start=1):
            for name in info.get(key, []):
                # Three-letter forms ("mar", "may") are words too; only full names are matched.
                if len(name) > 3 or name in {"mai", "may", "мая", "май", "mayo"}:
                    names[name.lower()] = number
    for number, name in enumerate(RUSSIAN_PREPOSITIONAL, start=1):
        names[name] = number
    return names


MONTHS = _month_names()
# Any word where a month may stand, checked against MONTHS afterwards: a regular expression alternation of
# every month name in four languages is tried at every position and costs ten times more.
_MONTH = r"(?P<month>[^\W\d_]{3,10})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
# Ordered: the first pattern that matches a span wins over later ones that overlap it.
DATE_PATTERNS = [
    ("day", re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_MONTH}\.?,?\s+(?:de\s+|del\s+)?{_YEAR}\b", re.I)),
    ("day", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("day", re.compile(rf"\b(?P<iso>{_YEAR}-(?P<imonth>[01]\d)-(?P<iday>[0-3]\d))\b")),
    ("numeric", re.compile(r"\b[0-3]?\d[./][01]?\d[./](?:19|20)\d\d\b")),
    ("month", re.compile(rf"\b{_MONTH},?\s+(?:de\s+|del\s+)?{_YEAR}\b", re.I)),
    ("day_no_year", re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_MONTH}\b(?!\s*,?\s*(?:de\s+)?\d)", re.I)),
    (
        "year",
        re.compile(
            rf"(?:\b(?:in|since|during|from|until|by|early|late|mid|en|desde|depuis|в|с)\s+|\bmid-){_YEAR}\b"
            r"(?![./-]\d|\s*[-–]\s*\d)",
            re.I,
        ),
    ),
]

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
}
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"
RELATIVE_PATTERNS = [
    (
        "same",
        re.compile(
            r"\b(?:on\s+)?(?:the|that)\s+(?:very\s+)?same\s+day\b|\ble\s+même\s+jour\b|\bel\s+mismo\s+día\b"
            r"|\bв\s+тот\s+же\s+день\b",
            re.I,
        ),
    ),
    (
        "next_day",
        re.compile(
            r"\b(?:on\s+)?the\s+(?:following|next)\s+day\b|\bthe\s+day\s+after\b|\ble\s+lendemain\b"
            r"|\bal\s+día\s+siguiente\b|\bна\s+следующий\s+день\b",
            re.I,
        ),
    ),
    ("next_month", re.compile(r"\bthe\s+(?:following|next)\s+month\b", re.I)),
    (
        "later",
        re.compile(
            rf"\b{_COUNT}\s+(?P<unit>day|week|month|year|jour|semaine|mois|an|día|semana|mes|año)s?"
            r"\s+(?:later|afterwards|plus\s+tard|después|más\s+tarde)\b",
            re.I,
        ),
    ),
]


HAS_DIGIT = re.compile(r"\d")
LINE = re.compile(r"[^\n]+")
# Words one of which each relative pattern needs, looked for in the lowered sentence before the pattern runs.
RELATIVE_CUES = {
    "same": ("same", "même", "mismo", "тот же"),
    "next_day": ("following", "next", "day after", "lendemain", "siguiente", "следующий"),
    "next_month": ("month",),
    "later": ("later", "afterwards", "tard", "después"),
}
RELATIVE_WORDS = re.compile(
    r"same|following|next|later|after|lendemain|même|tard|mismo|siguiente|después|тот же|следующ", re.I
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str  # ISO with the text's precision: 2022, 2022-02 or 2022-02-24
    precision: str  # day, month or year
    relative: bool = False


def _iso(day: date, precision: str) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]


@lru_cache(maxsize=4096)
def from_iso(value: str) -> tuple[date, str]:
    """The first day a partial ISO date covers, and its precision."""
    parts = [int(part) for part in value.split("-")]
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1), precision


def with_year(mention: DateMention, year: int) -> DateMention | None:
    """A yearless mention completed with a year; None when that day does not exist in that year."""
    try:
        day = date(year, int(mention.value[2:4]), int(mention.value[5:7]))
    except ValueError:
        return None
    return DateMention(mention.start, mention.end, day.isoformat(), "day")


def add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@lru_cache(maxsize=4096)
def _parse_with_dateparser(text: str) -> date | None:
    found = dateparser.parse(
        text,
        languages=list(LANGUAGES),
        settings={
            "DATE_ORDER": "DMY",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
    return found.date() if found else None


def _explicit(match: re.Match, kind: str, previous: date | None, yearless: bool) -> DateMention | None:
    groups = match.groupdict()
    try:
        if kind == "numeric":
            parsed = _parse_with_dateparser(match.group(0))
            return DateMention(match.start(), match.end(), parsed.isoformat(), "day") if parsed else None
        if groups.get("iso"):
            day = date(int(groups["year"]), int(groups["imonth"]), int(groups["iday"]))
            return DateMention(match.start(), match.end(), day.isoformat(), "day")
        if groups.get("month") and groups["month"].lower() not in MONTHS:
            return None
        month = MONTHS[groups["month"].lower()] if groups.get("month") else 1
        if kind == "day_no_year":
            if yearless:
                # "--MM-DD": its year comes from the previous date, which only the caller walking the text knows.
                return DateMention(
                    match.start(), match.end(), f"--{month:02d}-{int(groups['day']):02d}", "yearless"
                )
            if previous is None:
                return None
            day = date(previous.year, month, int(groups["day"]))
            return DateMention(match.start(), match.end(), day.isoformat(), "day")
        year = int(groups["year"])
        if kind == "year":
            start = match.start("year")
            return DateMention(start, match.end(), str(year), "year")
        if kind == "month":
            return DateMention(match.start(), match.end(), f"{year:04d}-{month:02d}", "month")
        day = date(year, month, int(groups["day"]))
        return DateMention(match.start(), match.end(), day.isoformat(), "day")
    except ValueError:  # 31 February and the like: not a date
        return None


def explicit_dates(
    text: str, offset: int = 0, previous: date | None = None, *, yearless: bool = False
) -> list[DateMention]:
    """Every explicit date in `text` (positions shifted by `offset`), in order, without overlaps; with
    `yearless`, a day without a year ("on 5 March") is kept as "--03-05" for the caller to complete."""
    if not HAS_DIGIT.search(text):
        return []
    found: list[DateMention] = []
    # Only lines with a digit can hold a date: the patterns skip the rest of a long text.
    for line in LINE.finditer(text):
        if HAS_DIGIT.search(line.group(0)):
            found += _line_dates(line.group(0), offset + line.start(), previous, yearless)
    return sorted(found, key=lambda mention: mention.start)


def _line_dates(text: str, offset: int, previous: date | None, yearless: bool) -> list[DateMention]:
    found: list[DateMention] = []
    taken = bytearray(len(text))  # 1 where an earlier pattern's date lies
    for kind, pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if 1 in taken[match.start() : match.end()]:
                continue
            mention = _explicit(match, kind, previous, yearless)
            if mention:
                taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
                found.append(
                    DateMention(
                        mention.start + offset, mention.end + offset, mention.value, mention.precision
                    )
                )
    return found


def relative_dates(text: str, offset: int, previous: DateMention | None) -> list[DateMention]:
    """Relative phrases resolved against `previous`; none without a previous date to count from."""
    if previous is None or not RELATIVE_WORDS.search(text):
        return []
    base, precision = from_iso(previous.value)
    lowered = text.lower()
    found = []
    for kind, pattern in RELATIVE_PATTERNS:
        if not any(cue in lowered for cue in RELATIVE_CUES[kind]):
            continue
        for match in pattern.finditer(text):
            value = _shifted(kind, match, base, precision)
            if value:
                found.append(
                    DateMention(
                        match.start() + offset, match.end() + offset, value[0], value[1], relative=True
                    )
                )
    return sorted(found, key=lambda mention: mention.start)


def _shifted(kind: str, match: re.Match, base: date, precision: str) -> tuple[str, str] | None:
    if kind == "same":
        return _iso(base, precision), precision
    if kind == "next_day":
        return (_iso(base + timedelta(days=1), "day"), "day") if precision == "day" else None
    if kind == "next_month":
        return (_iso(add_months(base, 1), "month"), "month") if precision != "year" else None
    count_text = match.group("count").lower()
    count = int(count_text) if count_text.isdigit() else NUMBER_WORDS[count_text]
    unit = match.group("unit").lower()
    if unit in {"day", "jour", "día"} and precision == "day":
        return _iso(base + timedelta(days=count), "day"), "day"
    if unit in {"week", "semaine", "semana"} and precision == "day":
        return _iso(base + timedelta(weeks=count), "day"), "day"
    if unit in {"month", "mois", "mes"} and precision != "year":
        # "Two months later" is as precise as the month: the day is not known.
        return _iso(add_months(base, count), "month"), "month"
    if unit in {"year", "an", "año"}:
        return str(base.year + count), "year"
    return None


YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d\d\b")


def searched_dates(sentence: str, offset: int, language: str) -> list[DateMention]:
    """dateparser's search over one sentence the patterns found no date in; only spans that name a year, so
    that words such as "now" or "today" never become a date."""
    if not YEAR_IN_TEXT.search(sentence):
        return []
    found = []
    cursor = 0
    for text, moment in (
        search_dates(sentence, languages=[language], settings={"PREFER_DAY_OF_MONTH": "first"}) or []
    ):
        start = sentence.find(text, cursor)
        if start < 0 or not YEAR_IN_TEXT.search(text):
            continue
        cursor = start + len(text)
        found.append(DateMention(start + offset, cursor + offset, moment.date().isoformat(), "day"))
    return found
