"""Validators shared by the models of every app."""

from datetime import date

from django.core.exceptions import ValidationError

from defenders.clock import PLAUSIBLE_DAYS, is_plausible_day


def plausible_day(day: date) -> None:
    """Refuse a day outside the range the office's records can carry (a typo such as 9999-12-31)."""
    if not is_plausible_day(day):
        raise ValidationError(f"Give a day {PLAUSIBLE_DAYS}.", code="implausible_day")
