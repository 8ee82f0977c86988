"""The background task that sends one email to one staff member, and the way events queue it: on commit only.
Each email is written in its recipient's language (defenders/accounts/language.py)."""

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django_tasks import task

from defenders.accounts.language import language_of

from .messages import Message
from .recipients import wants_email


@task()
def send_to_staff(user_id: int, subject: str, body: str) -> bool:
    """Send the email if the person still takes email when the worker gets to it (they may have left since)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not wants_email(user):
        return False
    send_mail(subject, body, None, [user.email])
    return True


def written_for(user: Any, compose: Callable[[], Message]) -> Message:
    """The message as `compose` writes it in the person's language."""
    with translation.override(language_of(user)):
        return compose()


def email_on_commit(users: Iterable[Any], compose: Callable[[], Message]) -> None:
    """Queue one email per person, each in their language, once the current transaction commits; a rolled-back
    one queues nothing."""
    for user in users:
        message = written_for(user, compose)
        transaction.on_commit(partial(send_to_staff.enqueue, user.pk, message.subject, message.body))


def queue_email(user: Any, message: Message) -> int:
    """Queue one email at once (the daily jobs, outside any transaction, write it in the person's language)."""
    send_to_staff.enqueue(user.pk, message.subject, message.body)
    return 1
