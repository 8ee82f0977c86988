"""Where a communication stands after drafting (draft, sent, embargoed, public, withheld, unanswered), as the
querysets the staff list filters by. Built from embargo.py and `Communication.objects.public()`, never a rule of
their own; defenders/communications/tests/test_states.py checks them against embargo.public_from day by day."""

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from defenders.clock import OFFICE_TIME_ZONE, office_now, office_today

from . import embargo
from .days import day_in_words
from .models import Communication

STATES = {
    "draft": _("Drafts"),
    "sent": pgettext_lazy("a communication's state", "Sent"),
    "embargoed": _("Sent, not yet public"),
    "public": pgettext_lazy("a communication's state", "Public"),
    "withheld": pgettext_lazy("a communication's state", "Withheld"),
    "unanswered": _("Past the confidential period without a reply"),
}
# The one word the list shows for each value of state_of().
STATE_NAMES = {
    "draft": pgettext_lazy("a communication's state", "Draft"),
    "sent": pgettext_lazy("a communication's state", "Sent"),
    "embargoed": pgettext_lazy("a communication's state", "Confidential"),
    "public": pgettext_lazy("a communication's state", "Public"),
    "withheld": pgettext_lazy("a communication's state", "Withheld"),
}


def period_over(at: datetime | None = None) -> Q:
    """Sent communications whose confidential period is over at that moment (withheld or not): the same dates
    as `public()`, without its withholding conditions."""
    today = office_today(at)
    other = Communication.Type.OTHER_LETTER
    return Q(sent_on__isnull=False) & (
        (
            ~Q(type=other)
            & Q(sent_on__lte=embargo.last_public_sent_on(Communication.Type.ALLEGATION_LETTER, today))
        )
        | Q(type=other, sent_on__lte=embargo.last_public_sent_on(other, today))
    )


def in_state(communications: QuerySet, state: str, at: datetime | None = None) -> QuerySet:
    """The communications in that state at that moment (now by default); an unknown state filters nothing."""
    at = at or office_now()
    public = Communication.objects.public(at).values("pk")
    if state == "draft":
        return communications.filter(sent_on__isnull=True)
    if state == "sent":
        return communications.filter(sent_on__isnull=False)
    if state == "public":
        return communications.filter(pk__in=public)
    if state == "embargoed":
        # Will be public (embargo.public_from is not None) but is not yet.
        return communications.filter(
            sent_on__isnull=False, withheld=False, exposes_withheld_name=False
        ).exclude(pk__in=public)
    if state == "withheld":
        return communications.filter(withheld=True)
    if state == "unanswered":
        return communications.filter(period_over(at), replies__isnull=True)
    return communications


def public_within(communications: QuerySet, days: int, at: datetime | None = None) -> QuerySet:
    """Embargoed communications whose public_from falls within the next `days` days."""
    at = at or office_now()
    later = Communication.objects.public(at + timedelta(days=days)).values("pk")
    return in_state(communications, "embargoed", at).filter(pk__in=later)


def sent_within(communications: QuerySet, days: int, at: datetime | None = None) -> QuerySet:
    """Sent on one of the last `days` office days, today included (a sending day carries no hour)."""
    first_day = office_today(at) - timedelta(days=days - 1)
    return communications.filter(sent_on__gte=first_day, sent_on__lte=office_today(at))


def state_of(communication: Communication, at: datetime | None = None) -> str:
    """The one word the list shows for a communication: draft, withheld, embargoed, public (or sent, when it can
    never be public as it stands, e.g. its text still shows a withheld name)."""
    if communication.sent_on is None:
        return "draft"
    if communication.withheld:
        return "withheld"
    moment = embargo.public_from(communication)
    if moment is None:
        return "sent"
    return "public" if moment <= (at or office_now()) else "embargoed"


def countdown(moment: datetime, at: datetime | None = None) -> str:
    """“Public on 24 December 2023 at 00:00 Geneva time — in 12 days”, or “Public since …” once it is, in the
    active language."""
    now = at or office_now()
    local = moment.astimezone(OFFICE_TIME_ZONE)
    # "E" is the month as a date names it (the genitive in Russian), "F" elsewhere.
    values = {"day": day_in_words(local), "time": f"{local:%H:%M}"}
    if moment <= now:
        return gettext("Public since %(day)s at %(time)s Geneva time") % values
    days = (office_today(moment) - office_today(now)).days
    if days == 0:
        left = gettext("later today")
    elif days == 1:
        left = gettext("tomorrow")
    else:
        left = ngettext("in %(days)d day", "in %(days)d days", days) % {"days": days}
    return gettext("Public on %(day)s at %(time)s Geneva time — %(left)s") % {**values, "left": left}
