"""A staff member's language: the one they choose on their account page, else the one they last read the
workspace in. Notifications are written in it (defenders/notifications), the staff pages follow it."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_noop

from defenders.core.history import Reason, save_with_reason
from defenders.core.staff_language import PREFERRED_LANGUAGE_SESSION_KEY

from .models import StaffMember

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def language_of(user: Any) -> str:
    """The language to write to this person in (English for an account the office knows nothing of)."""
    member = StaffMember.objects.filter(user_id=user.pk).only("language", "last_used_language").first()
    return member.email_language if member else settings.LANGUAGE_CODE


def set_preferred_language(user: Any, language: str) -> None:
    """Choose the workspace's and the emails' language; an empty choice goes back to the language last used."""
    if language and language not in LANGUAGE_CODES:
        raise ValueError(f"{language!r} is not one of the site's languages")
    with transaction.atomic():
        member = StaffMember.objects.select_for_update().filter(user_id=user.pk).first()
        member = member or StaffMember(user_id=user.pk)
        member.language = language
        reason = (
            Reason(gettext_noop("Language chosen: {language}"), language=language)
            if language
            else Reason(gettext_noop("Language: the one last used"))
        )
        save_with_reason(member, reason, by=user)


def record_language_used(user: Any, language: str) -> None:
    """Remember the language a staff page was just read in (the staff pages call this when it changes)."""
    if language not in LANGUAGE_CODES:
        return
    # An update sends no save signal, so reading a page in another language leaves no history row.
    if not StaffMember.objects.filter(user_id=user.pk).update(last_used_language=language):
        StaffMember.objects.get_or_create(user_id=user.pk, defaults={"last_used_language": language})


def on_login(sender: Any, *, request: Any, user: Any, **kwargs: Any) -> None:
    """At login, the account's chosen language becomes the staff pages' (defenders/core/staff_language.py)."""
    if request is None or not hasattr(request, "session"):
        return
    member = StaffMember.objects.filter(user_id=user.pk).only("language").first()
    remember_in_session(request, member.language if member else "")


def remember_in_session(request: Any, language: str) -> None:
    if language:
        request.session[PREFERRED_LANGUAGE_SESSION_KEY] = language
    else:
        request.session.pop(PREFERRED_LANGUAGE_SESSION_KEY, None)
