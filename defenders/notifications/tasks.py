"""The background task that sends one email to one staff member, and the way events queue it: on commit only."""

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

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


def email_on_commit(users: Iterable[Any], message: Message) -> None:
    """Queue one email per person once the current transaction commits; a rolled-back one queues nothing."""
    for user in users:
        transaction.on_commit(partial(send_to_staff.enqueue, user.pk, message.subject, message.body))


def email_now(users: Iterable[Any], message: Message) -> int:
    """Queue one email per person at once (the daily jobs, which run outside any transaction)."""
    count = 0
    for user in users:
        send_to_staff.enqueue(user.pk, message.subject, message.body)
        count += 1
    return count
