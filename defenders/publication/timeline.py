"""The case timeline on a public communication's page: which events the public may see, and their picture.

The public sees the events its published allegations report: the dated events of the communication's cases up to
the day it was sent, each as its kind and date only (an event's summary may name a person who did not consent to
be named), and only on the page of a communication the publication rule already holds public."""

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from defenders.cases.models import Event
from defenders.cases.timeline import timeline_svg
from defenders.communications.models import Communication


def reported_events(communication: Communication) -> list[Event]:
    if communication.sent_on is None:
        return []
    return list(
        Event.objects.filter(case__communications=communication, occurred_on__lte=communication.sent_on)
        .exclude(date_precision=Event.Precision.UNKNOWN)
        .distinct()
    )


def public_timeline(communication: Communication) -> tuple[list[Event], SafeString | None]:
    """The events and their picture, or no picture when the letter reports no dated event."""
    events = reported_events(communication)
    if not events:
        return [], None
    svg = timeline_svg(events, title=gettext("Events reported in the communication"), with_summaries=False)
    return events, mark_safe(svg)
