"""{% load locale_format %}: dates and numbers as each language writes them, with Babel's CLDR data."""

import re
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from defenders.core.templatetags.locale_format import (
    local_date,
    local_datetime,
    local_day,
    local_day_time,
    local_month,
    local_number,
    local_percent,
)

THIRD_OF_MARCH = date(2026, 3, 3)


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "March 3, 2026"),
        ("fr", "3 mars 2026"),
        ("es", "3 de marzo de 2026"),
        ("ru", "3 марта 2026\u202fг."),
        ("ar", "3 مارس 2026"),
        ("zh-hans", "2026年3月3日"),
    ],
)
def test_a_day_is_written_as_its_language_writes_it(language, written):
    with translation.override(language):
        assert local_date(THIRD_OF_MARCH) == written


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "12,345.5"),
        ("fr", "12\u202f345,5"),
        ("es", "12.345,5"),
        ("ru", "12\u00a0345,5"),
        ("zh-hans", "12,345.5"),
    ],
)
def test_a_number_is_grouped_and_punctuated_for_its_language(language, written):
    with translation.override(language):
        assert local_number(12345.5) == written


def test_arabic_numbers_use_the_digits_the_uns_arabic_pages_use():
    with translation.override("ar"):
        assert local_number(1234) == "1,234"


def test_a_fixed_number_of_decimals_and_a_percentage():
    with translation.override("fr"):
        assert local_number(2, 1) == "2,0"
        assert local_percent(0.25) == "25\u00a0%"
    with translation.override("en"):
        assert local_percent(0.25) == "25%"


def test_a_moment_is_shown_on_the_office_clock_not_in_utc(settings):
    settings.TIME_ZONE = "Europe/Zurich"
    late_evening_utc = datetime(2026, 3, 3, 23, 30, tzinfo=UTC)  # already 4 March in Geneva
    with translation.override("fr"):
        assert local_date(late_evening_utc) == "4 mars 2026"
        assert local_datetime(late_evening_utc, "short") == "04/03/2026 00:30"


def test_nothing_is_written_for_no_value():
    assert local_date(None) == "" and local_number(None) == "" and local_datetime(None) == ""


def test_the_filters_work_in_a_template_in_the_active_language():
    template = Template(
        "{% load locale_format %}{{ day|local_date }} · {{ day|local_date:'LLLL y' }} · {{ n|local_number }}"
    )
    with translation.override("ru"):
        assert (
            template.render(Context({"day": THIRD_OF_MARCH, "n": 1500}))
            == "3 марта 2026\u202fг. · март 2026 · 1\u00a0500"
        )


FIRST_OF_DECEMBER = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "1 December 2026"),
        ("fr", "1 décembre 2026"),
        ("es", "1 de diciembre de 2026"),
        ("ru", "1 декабря 2026"),
        ("ar", "1 ديسمبر 2026"),
        ("zh-hans", "2026年12月1日"),
    ],
)
def test_a_day_in_words_takes_the_case_its_language_gives_a_month_after_a_day(language, written):
    with translation.override(language):
        assert local_day(FIRST_OF_DECEMBER).startswith(written)


def test_the_russian_month_after_a_day_is_genitive_and_standing_alone_nominative():
    with translation.override("ru"):
        assert local_day(FIRST_OF_DECEMBER) == "1 декабря 2026\u202fг."
        assert local_day(FIRST_OF_DECEMBER, "short") == "1 дек. 2026\u202fг."
        assert local_month(FIRST_OF_DECEMBER).startswith("декабрь 2026")


def test_a_moment_in_words_is_on_the_office_clock(settings):
    settings.TIME_ZONE = "Europe/Zurich"
    with translation.override("ru"):
        assert local_day_time(datetime(2026, 11, 30, 23, 30, tzinfo=UTC)) == "1 декабря 2026\u202fг. 00:30"
    with translation.override("en"):
        assert local_day_time(datetime(2026, 11, 30, 23, 30, tzinfo=UTC), "short") == "1 Dec 2026 00:30"


def test_no_template_writes_a_month_with_djangos_date_filter():
    """Django's F and M are nominative in Russian and "十二月 2026" in Chinese: every page uses the filters above."""
    from pathlib import Path

    from django.conf import settings as django_settings

    offenders = []
    for template in Path(django_settings.BASE_DIR).glob("**/templates/**/*.html"):
        if "/admin/" in str(template):
            continue
        for number, line in enumerate(template.read_text().splitlines(), 1):
            if re.search(r"""\|date:["'][^"']*[FMEbN]""", line):
                offenders.append(f"{template}:{number}")
    assert offenders == []
