"""The office's clock, Geneva time: the zone, the moment and the calendar day every rule and every record uses.

Nothing here needs configured settings, so that `defenders/settings.py` can take its TIME_ZONE from this module.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

OFFICE_TIME_ZONE_NAME = "Europe/Zurich"  # IANA has no Geneva zone; Zurich's is the zone of all Switzerland
OFFICE_TIME_ZONE = ZoneInfo(OFFICE_TIME_ZONE_NAME)

# The days a record of the office can carry: from the founding of the UN to the end of the century. Bounded, so
# that date arithmetic (a sending day plus 60 days) stays within what Python and every database can hold.
EARLIEST_DAY = date(1945, 1, 1)
LATEST_DAY = date(2100, 12, 31)


def is_plausible_day(day: date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


PLAUSIBLE_DAYS = f"between {EARLIEST_DAY.day} {EARLIEST_DAY:%B %Y} and {LATEST_DAY.day} {LATEST_DAY:%B %Y}"


def office_now() -> datetime:
    """The current moment, aware, in Geneva time."""
    return datetime.now(UTC).astimezone(OFFICE_TIME_ZONE)


def office_today(at: datetime | None = None) -> date:
    """The calendar day in Geneva at the given aware moment (now by default)."""
    return (at or office_now()).astimezone(OFFICE_TIME_ZONE).date()


def start_of_office_day(day: date) -> datetime:
    """00:00 in Geneva on that day: the moment a rule that speaks of days takes effect."""
    return datetime.combine(day, time.min, tzinfo=OFFICE_TIME_ZONE)
