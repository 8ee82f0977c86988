"""The daily emails, run once a day by the operator's timer (`defenders notify daily`): each person's digest of
the dashboard's counts, and a word on every communication that becomes public tomorrow, to whoever may see it."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.utils import translation

from defenders.accounts.language import language_of
from defenders.clock import office_today, start_of_office_day
from defenders.communications import embargo
from defenders.communications.models import Communication
from defenders.communications.visibility import visible_to
from defenders.workspace.tiles import tiles_for

from . import messages, recipients
from .tasks import queue_email

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyEmails:
    digests: int
    public_tomorrow: int
    # People whose emails could not be built (logged with the error): the others still get theirs.
    failed: list[str]


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
    """Queue today's emails, each person's in their language; a person with nothing waiting gets no digest."""
    today = today or office_today()
    tomorrow = today + timedelta(days=1)
    going_public = becoming_public_on(tomorrow)
    digests = announced = 0
    failed: list[str] = []
    for user in recipients.workspace_staff():
        try:
            with translation.override(language_of(user)):
                digest, announcements = _emails_for(user, today, going_public)
        except Exception:  # one person's broken tile or query must not hold back everyone else's email
            logger.exception("The daily emails of %s could not be built", user.get_username())
            failed.append(user.get_username())
            continue
        if digest:
            digests += queue_email(user, digest)
        for message in announcements:
            announced += queue_email(user, message)
    return DailyEmails(digests, announced, failed)


def _emails_for(
    user: AbstractBaseUser, today: date, going_public: list[Communication]
) -> tuple[messages.Message | None, list[messages.Message]]:
    tiles = tiles_for(user)
    digest = messages.daily_digest(tiles, today) if any(tile.count for tile in tiles) else None
    announcements = []
    if going_public:
        seen = visible_to(user, Communication.objects.filter(pk__in=[c.pk for c in going_public]))
        visible = set(seen.values_list("pk", flat=True))
        tomorrow = today + timedelta(days=1)
        announcements = [
            messages.public_tomorrow(communication, tomorrow)
            for communication in going_public
            if communication.pk in visible
        ]
    return digest, announcements
