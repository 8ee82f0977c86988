"""When a communication, and each of its replies, becomes public. Every public surface asks this module.

The rule, in the office's time zone (Geneva):
- an allegation letter or urgent appeal is confidential for 60 days after the day it was sent, and public
  from 00:00 on the 60th day after that day: sent on 25 October 2023, public from 24 December 2023 (day 59
  is confidential, day 60 is public);
- an other letter (laws, bills, policies) is public from 00:00 on the second working day (Monday to Friday)
  after the day it was sent: sent on a Friday, public from the Tuesday;
- a communication that was not sent, that staff withheld, or whose redacted public text still shows a part of a
  name withheld from the public (communications/exposure.py), is never public;
- a reply is public from when its communication is, or from the day it was received if that is later.
"""

from datetime import date, datetime, timedelta
from typing import Protocol

from defenders.clock import office_now, office_today, start_of_office_day

CONFIDENTIAL_DAYS = 60
OTHER_LETTER_WORKING_DAYS = 2
OTHER_LETTER = "OL"


class Sendable(Protocol):
    type: str
    sent_on: date | None
    withheld: bool
    exposes_withheld_name: bool


class Received(Protocol):
    received_on: date

    @property
    def communication(self) -> Sendable: ...


def add_working_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def first_public_day(letter_type: str, sent_on: date) -> date:
    """The first Geneva calendar day on which a communication of this type sent on that day is public."""
    if letter_type == OTHER_LETTER:
        return add_working_days(sent_on, OTHER_LETTER_WORKING_DAYS)
    return sent_on + timedelta(days=CONFIDENTIAL_DAYS)


def last_public_sent_on(letter_type: str, today: date) -> date:
    """The latest sending day whose communications of this type are public on `today`.

    Querysets filter `sent_on <= last_public_sent_on(...)`; `first_public_day` grows with the sending day,
    so this is the exact inverse of it.
    """
    if letter_type != OTHER_LETTER:
        return today - timedelta(days=CONFIDENTIAL_DAYS)
    candidate = today - timedelta(days=OTHER_LETTER_WORKING_DAYS)
    while first_public_day(letter_type, candidate) > today:
        candidate -= timedelta(days=1)
    return candidate


def public_from(communication: Sendable) -> datetime | None:
    """Return the moment the communication becomes public, or None while it cannot be (unsent, withheld, or its
    redacted text still shows a withheld name)."""
    if communication.sent_on is None or communication.withheld or communication.exposes_withheld_name:
        return None
    return start_of_office_day(first_public_day(communication.type, communication.sent_on))


def is_public(communication: Sendable, at: datetime | None = None) -> bool:
    moment = public_from(communication)
    return moment is not None and moment <= (at or office_now())


def reply_public_from(reply: Received) -> datetime | None:
    """A reply is public with its communication, or from the day it was received if that is later."""
    communication_from = public_from(reply.communication)
    if communication_from is None:
        return None
    return max(communication_from, start_of_office_day(reply.received_on))


def is_reply_public(reply: Received, at: datetime | None = None) -> bool:
    moment = reply_public_from(reply)
    return moment is not None and moment <= (at or office_now())


def replied_within_period(reply: Received) -> bool:
    """Whether the reply arrived during the confidential period (before the communication became public)."""
    sent_on = reply.communication.sent_on
    if sent_on is None:
        return False
    return reply.received_on < first_public_day(reply.communication.type, sent_on)


def next_publication_moment(now: datetime | None = None) -> datetime:
    """The next moment after `now` at which a communication or a reply can become public: the next 00:00 in Geneva.

    Every moment this rule gives (public_from, reply_public_from) is the start of an office day, so nothing that is
    embargoed at `now` becomes public before the next office midnight, and what becomes public then does so at that
    very moment. Caches of public pages live no longer than this (publication/cache.py)."""
    moment = now or office_now()
    return start_of_office_day(office_today(moment) + timedelta(days=1))
