"""The office clock: Geneva's calendar day, the same zone as Django's, readable before settings exist."""

import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import time_machine
from django.conf import settings
from django.utils import timezone

import defenders
from defenders import clock

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


def test_no_module_reads_the_machine_clock_for_the_office_day():
    """Every "today" and "now" comes from defenders.clock, so that no one counts days in the server's zone."""
    package = Path(defenders.__file__).parent
    machine_clock = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.utcnow|timezone\.now|time\.time)\(")
    offences = [
        f"{path.relative_to(package)}:{number}"
        for path in package.rglob("*.py")
        if "tests" not in path.parts and path.name != "clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if machine_clock.search(line)
    ]
    assert offences == []


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
