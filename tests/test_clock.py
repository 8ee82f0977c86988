"""The office clock: Geneva's calendar day, the same zone as Django's, readable before settings exist."""

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import time_machine
from django.conf import settings
from django.utils import timezone

from defenders import clock
from defenders.communications import embargo

ROOT = Path(__file__).resolve().parents[1]


def test_django_time_zone_is_the_office_time_zone():
    assert settings.TIME_ZONE == clock.OFFICE_TIME_ZONE_NAME
    assert timezone.get_default_timezone() == clock.OFFICE_TIME_ZONE


def test_office_today_is_already_the_next_day_in_geneva_before_midnight_utc():
    # 23:30 UTC on 31 December is 00:30 on 1 January in Geneva (UTC+1 in winter).
    with time_machine.travel(datetime(2023, 12, 31, 23, 30, tzinfo=UTC), tick=False):
        assert clock.office_today() == date(2024, 1, 1)
        assert clock.office_now().date() == date(2024, 1, 1)


def test_office_today_is_still_the_same_day_in_geneva_just_after_midnight_utc_in_summer():
    # 21:59 UTC on 30 June is 23:59 in Geneva (UTC+2 in summer); 22:00 UTC is already 1 July.
    assert clock.office_today(datetime(2024, 6, 30, 21, 59, tzinfo=UTC)) == date(2024, 6, 30)
    assert clock.office_today(datetime(2024, 6, 30, 22, 0, tzinfo=UTC)) == date(2024, 7, 1)


def test_start_of_office_day_is_midnight_in_geneva():
    assert clock.start_of_office_day(date(2024, 1, 1)) == datetime(2023, 12, 31, 23, tzinfo=UTC)


def test_embargo_still_offers_the_clock_under_its_old_names():
    assert embargo.OFFICE_TIME_ZONE is clock.OFFICE_TIME_ZONE
    assert embargo.office_today is clock.office_today
    assert embargo.start_of_office_day is clock.start_of_office_day


def test_the_clock_loads_without_settings_or_django():
    probe = (
        "import sys, defenders.clock; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"
