"""The office's events (defenders/core/events.py) turned into emails, queued for the worker, never sent inline;
each recipient's in their own language."""

from functools import partial
from typing import Any

from . import messages, recipients
from .tasks import email_on_commit


def on_sign_off_requested(sender: Any, *, sign_off: Any, **kwargs: Any) -> None:
    """The staff of the mandate asked to sign off."""
    email_on_commit(
        recipients.staff_of_mandate(sign_off.mandate), partial(messages.sign_off_requested, sign_off)
    )


def on_sign_off_decided(sender: Any, *, sign_off: Any, **kwargs: Any) -> None:
    """Whoever asked for the sign-off, and the officers of the cases the draft is written from."""
    users = recipients.distinct(
        [getattr(sign_off, "requested_by", None), *recipients.case_officers_of(sign_off.communication)]
    )
    email_on_commit(users, partial(messages.sign_off_decided, sign_off))


def on_reply_recorded(sender: Any, *, reply: Any, **kwargs: Any) -> None:
    """The officers of the communication's cases; every case officer when no case has one."""
    users = recipients.case_officers_of(reply.communication) or recipients.every_case_officer()
    email_on_commit(users, partial(messages.reply_recorded, reply))
