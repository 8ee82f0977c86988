"""What each notification says: a subject and a plain-text body made of references, titles of communications,
counts, dates and links to /staff/ pages. Never a submission's content, nor a comment or a summary someone wrote:
those are read in the workspace, behind its login and second factor, not in a mailbox."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django_stubs_ext import StrOrPromise

from defenders.workspace.tiles import Tile

APPROVED = "approved"

SIGN_OFF = gettext_lazy(
    "Sign in to the workspace to read it; email carries no content of the office's files."
)
FOOTER = gettext_lazy(
    "Defenders workspace. You get these emails while your staff account has “notify by email” on; "
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


def day(value: date) -> str:
    return date_format(value, pgettext("date format in emails (Django date syntax)", "d F Y"))


def weekday(value: date) -> str:
    return date_format(value, pgettext("date with weekday in emails (Django date syntax)", "l d F Y"))


def _message(subject: str, *lines: StrOrPromise) -> Message:
    # A line break in a header is refused by the mail library (and would be an injected header): one line.
    return Message(" ".join(subject.split()), "\n\n".join(str(line) for line in lines) + f"\n\n-- \n{FOOTER}")


def sign_off_requested(sign_off: Any) -> Message:
    communication, mandate = sign_off.communication, sign_off.mandate
    return _message(
        _("Sign-off requested for %(mandate)s: %(communication)s")
        % {"mandate": mandate.short_name, "communication": named(communication)},
        _(
            "The draft %(communication)s waits for the sign-off of %(mandate)s: approve it, or ask for changes."
        )
        % {"mandate": mandate.short_name, "communication": named(communication)},
        _("Open the draft: %(link)s") % {"link": draft_link(communication)},
        SIGN_OFF,
    )


def sign_off_decided(sign_off: Any) -> Message:
    communication, mandate = sign_off.communication, sign_off.mandate
    names = {"mandate": mandate.short_name, "communication": named(communication)}
    if sign_off.state == APPROVED:
        subject = _("%(mandate)s approved %(communication)s") % names
        what = _("%(mandate)s approved the draft %(communication)s.") % names
    else:
        subject = _("%(mandate)s asked for changes to %(communication)s") % names
        # The comment may quote the case: it stays in the workspace.
        what = (
            _(
                "%(mandate)s asked for changes to the draft %(communication)s; their comment is on the draft's page."
            )
            % names
        )
    return _message(
        subject, what, _("Open the draft: %(link)s") % {"link": draft_link(communication)}, SIGN_OFF
    )


def reply_recorded(reply: Any) -> Message:
    communication = reply.communication
    return _message(
        _("Reply recorded: %(communication)s") % {"communication": named(communication)},
        _("A reply to %(communication)s, received on %(day)s, was recorded.")
        % {"communication": named(communication), "day": day(reply.received_on)},
        _("Open the communication: %(link)s") % {"link": communication_link(communication)},
        SIGN_OFF,
    )


def public_tomorrow(communication: Any, on: date) -> Message:
    return _message(
        _("Public tomorrow: %(communication)s") % {"communication": named(communication)},
        _(
            "%(communication)s becomes public on %(day)s at 00:00, Geneva time, under the publication rule. "
            "Withhold it before then if it must not be published."
        )
        % {"communication": named(communication), "day": weekday(on)},
        _("Open the communication: %(link)s") % {"link": communication_link(communication)},
    )


def daily_digest(tiles: Iterable[Tile], today: date) -> Message:
    waiting = [tile for tile in tiles if tile.count]
    urgent = _(" (urgent)")
    lines = [
        f"- {tile.label}: {tile.count}{urgent if tile.urgent else ''}\n  {staff_link(tile.url)}"
        for tile in waiting
    ]
    total = sum(tile.count for tile in waiting)
    return _message(
        _("Today in the workspace: %(total)s waiting (%(day)s)") % {"total": total, "day": day(today)},
        _("What waits for you on %(day)s:") % {"day": weekday(today)},
        "\n".join(lines),
        _("Your dashboard: %(link)s") % {"link": staff_link("/staff/")},
    )
