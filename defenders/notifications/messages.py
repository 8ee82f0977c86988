"""What each notification says: a subject and a plain-text body made of references, titles of communications,
counts, dates and links to /staff/ pages. Never a submission's content, nor a comment or a summary someone wrote:
those are read in the workspace, behind its login and second factor, not in a mailbox."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings

from defenders.workspace.tiles import Tile

APPROVED = "approved"

SIGN_OFF = "Sign in to the workspace to read it; email carries no content of the office's files."
FOOTER = (
    "\n\n-- \nDefenders workspace. You get these emails while your staff account has “notify by email” on; "
    "ask an operator to turn it off (`defenders staff notify USERNAME off`)."
)


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def staff_link(path: str) -> str:
    """An address in the workspace, for a link in an email; only /staff/ pages are ever linked."""
    assert path.startswith("/staff/"), path
    return f"{settings.DEFENDERS_SITE_URL}{path}"


def draft_link(communication: Any) -> str:
    return staff_link(f"/staff/drafts/{communication.uid}/")


def communication_link(communication: Any) -> str:
    return staff_link(f"/staff/communications/{communication.uid}/")


def named(communication: Any) -> str:
    """A communication as staff recognise it: its reference if it has one, and its title."""
    reference = getattr(communication, "reference", "") or getattr(communication, "legacy_reference", "")
    return f"{reference} ({communication.title})" if reference else f"“{communication.title}”"


def _message(subject: str, *lines: str) -> Message:
    # A line break in a header is refused by the mail library (and would be an injected header): one line.
    return Message(" ".join(subject.split()), "\n\n".join(lines) + FOOTER)


def sign_off_requested(sign_off: Any) -> Message:
    communication, mandate = sign_off.communication, sign_off.mandate
    return _message(
        f"Sign-off requested for {mandate.short_name}: {named(communication)}",
        f"The draft {named(communication)} waits for the sign-off of {mandate.short_name}: approve it, or "
        "ask for changes.",
        f"Open the draft: {draft_link(communication)}",
        SIGN_OFF,
    )


def sign_off_decided(sign_off: Any) -> Message:
    communication, mandate = sign_off.communication, sign_off.mandate
    if sign_off.state == APPROVED:
        subject = f"{mandate.short_name} approved {named(communication)}"
        what = f"{mandate.short_name} approved the draft {named(communication)}."
    else:
        subject = f"{mandate.short_name} asked for changes to {named(communication)}"
        # The comment may quote the case: it stays in the workspace.
        what = (
            f"{mandate.short_name} asked for changes to the draft {named(communication)}; their comment is "
            "on the draft's page."
        )
    return _message(subject, what, f"Open the draft: {draft_link(communication)}", SIGN_OFF)


def reply_recorded(reply: Any) -> Message:
    communication = reply.communication
    return _message(
        f"Reply recorded: {named(communication)}",
        f"A reply to {named(communication)}, received on {reply.received_on:%d %B %Y}, was recorded.",
        f"Open the communication: {communication_link(communication)}",
        SIGN_OFF,
    )


def public_tomorrow(communication: Any, on: date) -> Message:
    return _message(
        f"Public tomorrow: {named(communication)}",
        f"{named(communication)} becomes public on {on:%A %d %B %Y} at 00:00, Geneva time, under the "
        "publication rule. Withhold it before then if it must not be published.",
        f"Open the communication: {communication_link(communication)}",
    )


def daily_digest(tiles: Iterable[Tile], today: date) -> Message:
    waiting = [tile for tile in tiles if tile.count]
    lines = [
        f"- {tile.label}: {tile.count}{' (urgent)' if tile.urgent else ''}\n  {staff_link(tile.url)}"
        for tile in waiting
    ]
    total = sum(tile.count for tile in waiting)
    return _message(
        f"Today in the workspace: {total} waiting ({today:%d %B %Y})",
        f"What waits for you on {today:%A %d %B %Y}:",
        "\n".join(lines),
        f"Your dashboard: {staff_link('/staff/')}",
    )
