"""The badges of a communication's type and of its reply status (site.css, "Badges"): one component for the
public list and search results, a communication's page and the workspace's lists and pages."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from .models import Communication, Reply


@dataclass(frozen=True)
class Badge:
    css_class: str
    label: str
    # The words in full where the label is an abbreviation (AL, UA, OL), for an <abbr title>.
    title: str = ""


def type_badge(letter_type: str) -> Badge:
    """AL, UA or OL, coloured by type and titled with the type's name in the reader's language."""
    return Badge(f"badge-{letter_type.lower()}", letter_type, str(Communication.Type(letter_type).label))


def reply_badge(replies: Iterable[Reply]) -> Badge:
    """A few words on the replies given (the public ones on public pages, every one in the workspace)."""
    replies = list(replies)
    kinds = {reply.kind for reply in replies}
    if Reply.Kind.SUBSTANTIVE in kinds:
        substantive = [reply for reply in replies if reply.kind == Reply.Kind.SUBSTANTIVE]
        if all(reply.translation_pending for reply in substantive):
            return Badge("badge-replied", gettext("Replied (translation pending)"))
        return Badge("badge-replied", gettext("Replied"))
    if Reply.Kind.CONFIDENTIAL in kinds:
        return Badge("badge-replied", gettext("Replied (confidential)"))
    if kinds:
        return Badge("badge-partial", gettext("Procedural reply only"))
    return Badge("badge-no-reply", gettext("No reply"))
