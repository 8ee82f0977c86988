"""{% load locale_format %}: dates and numbers as each language writes them, with Babel's CLDR data."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from defenders.core.templatetags.locale_format import local_date, local_datetime, local_number, local_percent

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
