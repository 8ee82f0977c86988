"""The language of the staff pages. They have one address in every language (/staff/, never prefixed, so that
the staff key's cookie can be scoped to it), so they speak the staff member's own: the language chosen on their
account page (kept in the session from login), else Django's language cookie, else the browser's
Accept-Language, else English. The language a signed-in person last read them in is recorded for their email."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

STAFF_PREFIX = "/staff/"
# The account's preferred language, put in the session at login and by the account page.
PREFERRED_LANGUAGE_SESSION_KEY = "staff_preferred_language"
# The language last recorded on the account, so that only a change costs a write.
RECORDED_LANGUAGE_SESSION_KEY = "staff_recorded_language"


class StaffLanguageMiddleware:
    """After LocaleMiddleware, which gives every unprefixed address English; its response half still adds
    `Vary: Accept-Language` and the Content-Language of the language chosen here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(STAFF_PREFIX):
            return self.get_response(request)
        session = getattr(request, "session", None)
        preferred = session.get(PREFERRED_LANGUAGE_SESSION_KEY, "") if session is not None else ""
        if preferred and translation.check_for_language(preferred):
            translation.activate(preferred)
        else:
            translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        record_language_used(request)
        return response


def record_language_used(request: HttpRequest) -> None:
    """Keep the language a signed-in staff member just read a page in, once per change of language."""
    user, session = getattr(request, "user", None), getattr(request, "session", None)
    if session is None or user is None or not (user.is_authenticated and user.is_staff):
        return
    if session.get(RECORDED_LANGUAGE_SESSION_KEY) == request.LANGUAGE_CODE:
        return
    from defenders.accounts.language import record_language_used as record  # accounts builds on core

    record(user, request.LANGUAGE_CODE)
    session[RECORDED_LANGUAGE_SESSION_KEY] = request.LANGUAGE_CODE
