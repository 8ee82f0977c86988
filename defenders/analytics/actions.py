"""Writes of the figures' app: reporting periods, each through its own transaction with a history row and reason."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_noop

from defenders.core.history import Reason, StaffUser, on_day, save_with_reason

from .models import ReportingPeriod

PERIOD_FIELDS = ("session", "sent_from", "sent_to", "replies_from", "replies_to")


def _describe(period: ReportingPeriod) -> Reason:
    return Reason(
        gettext_noop("sent {sent_from} to {sent_to}, replies {replies_from} to {replies_to}"),
        sent_from=on_day(period.sent_from),
        sent_to=on_day(period.sent_to),
        replies_from=on_day(period.replies_from),
        replies_to=on_day(period.replies_to),
    )


@transaction.atomic
def create_reporting_period(
    *, session: int, sent_from: date, sent_to: date, replies_from: date, replies_to: date, by: StaffUser
) -> ReportingPeriod:
    """Add the report to a Human Rights Council session; refused (ValidationError, in words) when its dates are out
    of order, its reply window does not follow its sending period, or its sending period overlaps another's."""
    period = ReportingPeriod(
        session=session,
        sent_from=sent_from,
        sent_to=sent_to,
        replies_from=replies_from,
        replies_to=replies_to,
    )
    period.full_clean()
    save_with_reason(period, Reason(gettext_noop("Added: {period}"), period=_describe(period)), by)
    return period


@transaction.atomic
def edit_reporting_period(period: ReportingPeriod, *, by: StaffUser, **values: object) -> bool:
    """Change a period's session or dates under the same rules; False when nothing changed."""
    unknown = set(values) - set(PERIOD_FIELDS)
    if unknown:
        raise ValidationError(f"A reporting period has no field {', '.join(sorted(unknown))}.")
    changed = [name for name, value in values.items() if getattr(period, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(period, name, values[name])
    period.full_clean()
    # The changed fields are named by their column names, as the export writes them.
    edited = Reason(
        gettext_noop("Edited {fields}: {period}"), fields=", ".join(changed), period=_describe(period)
    )
    save_with_reason(period, edited, by)
    return True
