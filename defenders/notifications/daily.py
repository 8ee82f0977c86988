"""The daily emails, run once a day by the operator's timer (`defenders notify daily`): each person's digest of
the dashboard's counts, and a word on every communication that becomes public tomorrow, to whoever may see it."""

from dataclasses import dataclass
from datetime import date, timedelta

from defenders.clock import office_today, start_of_office_day
from defenders.communications import embargo
from defenders.communications.models import Communication
from defenders.communications.visibility import visible_to
from defenders.workspace.tiles import tiles_for

from . import messages, recipients
from .tasks import email_now


@dataclass(frozen=True)
class DailyEmails:
    digests: int
    public_tomorrow: int


def becoming_public_on(day: date) -> list[Communication]:
    """Communications public from `day` but not the day before, as embargo.public_from decides."""
    candidates = Communication.objects.none()
    for letter_type in Communication.Type.values:
        candidates |= Communication.objects.filter(
            type=letter_type,
            sent_on__lte=embargo.last_public_sent_on(letter_type, day),
            sent_on__gt=embargo.last_public_sent_on(letter_type, day - timedelta(days=1)),
        )
    moment = start_of_office_day(day)
    return [
        communication
        for communication in candidates.filter(withheld=False).order_by("sent_on", "pk")
        if embargo.public_from(communication) == moment
    ]


def send_daily(today: date | None = None) -> DailyEmails:
    """Queue today's emails; a person with nothing waiting gets no digest."""
    today = today or office_today()
    tomorrow = today + timedelta(days=1)
    going_public = becoming_public_on(tomorrow)
    digests = announced = 0
    for user in recipients.workspace_staff():
        tiles = tiles_for(user)
        if any(tile.count for tile in tiles):
            digests += email_now([user], messages.daily_digest(tiles, today))
        if going_public:
            seen = visible_to(user, Communication.objects.filter(pk__in=[c.pk for c in going_public]))
            visible = set(seen.values_list("pk", flat=True))
            for communication in going_public:
                if communication.pk in visible:
                    announced += email_now([user], messages.public_tomorrow(communication, tomorrow))
    return DailyEmails(digests, announced)
