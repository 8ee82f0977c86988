"""The language of the staff pages. They have one address in every language (/staff/, never prefixed, so that
the staff key's cookie can be scoped to it), so they speak the staff member's own: Django's language cookie
where one is set, else the browser's Accept-Language, else English."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

STAFF_PREFIX = "/staff/"


class StaffLanguageMiddleware:
    """After LocaleMiddleware, which gives every unprefixed address English; its response half still adds
    `Vary: Accept-Language` and the Content-Language of the language chosen here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(STAFF_PREFIX):
            translation.activate(translation.get_language_from_request(request, check_path=False))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
