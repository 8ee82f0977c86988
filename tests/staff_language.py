"""The staff pages (/staff/, unprefixed) in the language of Django's language cookie, for tests of their strings.

Django's LocaleMiddleware gives every unprefixed address the default language when the public prefixes leave English
unprefixed, so the cookie alone does not reach /staff/. The workspace's own mechanism (i18n-source's
`defenders.core.staff_language`) decides that; until it is in the settings, the tests add this stand-in, which reads
the same cookie (settings.LANGUAGE_COOKIE_NAME, as set_language sets it)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.utils import translation

LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"


class CookieLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if request.path_info.startswith("/staff/") and translation.check_for_language(language):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


@contextmanager
def staff_pages_in_cookie_language() -> Iterator[None]:
    middleware = list(settings.MIDDLEWARE)
    if not any("staff_language" in name for name in middleware):
        middleware.insert(middleware.index(LOCALE_MIDDLEWARE) + 1, f"{__name__}.CookieLanguageMiddleware")
    with override_settings(MIDDLEWARE=middleware):
        yield
