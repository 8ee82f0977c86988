"""Messages of the conversation between a source and the team, sealed once for each side."""

from defenders.clock import office_today
from defenders.vault import submissions

from ..errors import NoConversation
from ..models import Message, Submission


def add_message(submission: Submission, author: str, text: str) -> Message:
    """Store a message sealed once for the source's codename key and once for staff (the submission key)."""
    if submission.source_public_key is None:
        raise NoConversation("This submission has no codename: there is no conversation through the site.")
    sealed = submissions.seal_message(bytes(submission.source_public_key), bytes(submission.public_key), text)
    return Message.objects.create(
        submission=submission,
        author=author,
        sealed_for_staff=sealed.for_staff,
        sealed_for_source=sealed.for_source,
        sent_on=office_today(),
    )
