"""Dates and numbers written the way the page's language writes them, with Babel's CLDR data where Django's
formats fall short (Chinese "2026年3月3日", Russian "3 марта 2026 г.", Arabic month names, grouping by locale).

    {% load locale_format %}
    {{ communication.sent_on|local_date }}            long date: 3 mars 2026
    {{ communication.sent_on|local_day }}             the day in words: 3 March 2026, 3 марта 2026 г.
    {{ meeting.scheduled_at|local_day_time }}         the same and the office's time: 3 mars 2026 14:30
    {{ event.occurred_on|local_month }}               month and year: March 2026, 2026年3月
    {{ reply.received_at|local_date:"medium" }}       full, long, medium or short, or a CLDR pattern ("MMMM y")
    {{ count|local_number }}                          1 234 in French, 1,234 in English
    {{ share|local_percent }}                         0.25 -> 25 %
"""

from datetime import date, datetime
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_skeleton
from babel.numbers import format_decimal, format_percent
from django import template
from django.utils import timezone
from django.utils.translation import get_language, to_locale

register = template.Library()

NAMED_FORMATS = ("full", "long", "medium", "short")


def current_locale() -> Locale:
    """The Babel locale of the active language: zh-hans is zh_Hans, ar is ar (Western digits, as the UN writes)."""
    try:
        return Locale.parse(to_locale(get_language() or "en"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@register.filter
def local_date(value: date | datetime | None, style: str = "long") -> str:
    """The day in the page's language; a datetime is first put in the office's time zone. Empty for None."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return format_date(value, format=style, locale=current_locale())


def _office_day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


@register.filter
def local_day(value: date | datetime | None, length: str = "long") -> str:
    """The day in words, as the office writes it in a sentence or a table: "1 December 2026" in English (the UN's
    order, where CLDR's English is "December 1, 2026"), the locale's long date elsewhere, its month in the case a
    day takes ("1 декабря 2026 г.", never Django's nominative "1 Декабрь 2026"; "2026年12月1日"). `short` for
    tables: "1 Dec 2026", the locale's medium date elsewhere ("1 дек. 2026 г.")."""
    if value in (None, ""):
        return ""
    day = _office_day(value)  # type: ignore[arg-type]
    locale = current_locale()
    if locale.language == "en":
        return format_date(day, format="d MMM y" if length == "short" else "d MMMM y", locale=locale)
    return format_date(day, format="medium" if length == "short" else "long", locale=locale)


@register.filter
def local_day_time(value: datetime | None, length: str = "long") -> str:
    """The day in words and the office's 24-hour time: "1 December 2026 14:30", "1 декабря 2026 г. 14:30"."""
    if value in (None, ""):
        return ""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value  # type: ignore[arg-type]
    return f"{local_day(moment, length)} {moment:%H:%M}"


@register.filter
def local_month(value: date | datetime | None) -> str:
    """A month and its year, as the locale writes them standing alone: "December 2026", "декабрь 2026 г.",
    "2026年12月"."""
    if value in (None, ""):
        return ""
    return format_skeleton("yMMMM", _office_day(value), locale=current_locale())  # type: ignore[arg-type]


@register.filter
def local_datetime(value: datetime | None, style: str = "medium") -> str:
    """The day and time in the page's language, in the office's time zone. Empty for None."""
    if value in (None, ""):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_datetime(value, format=style, locale=current_locale())


@register.filter
def local_number(value: int | float | Decimal | str | None, decimals: int | None = None) -> str:
    """A number grouped and punctuated for the page's language; `decimals` fixes the digits after the point."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value))
    if decimals is None:
        return format_decimal(number, locale=current_locale())
    pattern = "#,##0" + ("." + "0" * int(decimals) if int(decimals) > 0 else "")
    return format_decimal(number, format=pattern, locale=current_locale())


@register.filter
def local_percent(value: int | float | Decimal | None) -> str:
    """A share (0.25) as a percentage in the page's language: "25 %" in French, "25%" in English."""
    if value in (None, ""):
        return ""
    return format_percent(Decimal(str(value)), locale=current_locale())
