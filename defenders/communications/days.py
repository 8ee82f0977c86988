"""A day as the staff pages write it inside a sentence, in the active language: "24 December 2023" in English, as
the office writes it, and the locale's long date elsewhere ("24 décembre 2023", "24 декабря 2023 г.")."""

from datetime import date, datetime

from defenders.core.templatetags.locale_format import local_day


def day_in_words(value: date | datetime) -> str:
    return local_day(value)
