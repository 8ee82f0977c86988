"""When a press release is public, and when it may go out at all. Every public surface asks this module.

The rule, in the office's time zone (Geneva):
- a press release goes out at the moment it was published, or else at the moment it was scheduled for; it is
  public from then on unless it was withdrawn;
- it may be scheduled or published only once every linked communication was sent, and it is never public before
  the day each of them was sent (a sending day recorded in the future holds the release back until that day);
- it does not wait for its communications to be public: in grave situations the office speaks about an urgent
  appeal soon after sending, within the 60 days. The public page of a release therefore links, names the
  reference of, and quotes only the linked communications that are public at that moment; the references of
  the others are removed from its text (`hide_references`).
"""

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Protocol

from defenders.clock import office_now, start_of_office_day

HIDDEN_REFERENCE = "[reference withheld until publication]"


class Releasable(Protocol):
    published_at: datetime | None
    scheduled_for: datetime | None
    withdrawn: bool


def goes_out_at(release: Releasable) -> datetime | None:
    """The moment the release went, or will go, out: when it was published, else when it is scheduled for."""
    return release.published_at or release.scheduled_for


def unsent(sending_days: Sequence[date | None]) -> int:
    """How many of the linked communications (given by their sending days) were not sent."""
    return sum(1 for day in sending_days if day is None)


def public_from(release: Releasable, sending_days: Sequence[date | None]) -> datetime | None:
    """Return the moment the release becomes public, or None while it cannot be (a draft, withdrawn, or a
    linked communication unsent). `sending_days` are the `sent_on` of every linked communication."""
    moment = goes_out_at(release)
    if moment is None or release.withdrawn or unsent(sending_days):
        return None
    days = [day for day in sending_days if day is not None]
    return max([moment, *(start_of_office_day(day) for day in days)])


def is_public(release: Releasable, sending_days: Sequence[date | None], at: datetime | None = None) -> bool:
    moment = public_from(release, sending_days)
    return moment is not None and moment <= (at or office_now())


def hide_references(text: str, references: Iterable[str]) -> str:
    """Remove from a public text the references of communications that are not public yet."""
    for reference in sorted({r for r in references if r.strip()}, key=len, reverse=True):
        # Spaces in a reference match any run of spaces, so that a line break in the text does not keep it.
        pattern = r"\s+".join(re.escape(part) for part in reference.split())
        text = re.sub(rf"(?<!\w){pattern}(?!\w)", HIDDEN_REFERENCE, text, flags=re.IGNORECASE)
    return text
