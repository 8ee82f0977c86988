"""What a person sees when the database is away or a page fails: static pages that need no database, no
session and no request context, so that they cannot fail the same way a second time."""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.translation import get_language, get_language_info

logger = logging.getLogger(__name__)

# Connection refused, lost or timed out, a locked or unwritable SQLite file: the database cannot answer now.
DATABASE_AWAY = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _other_languages() -> list[tuple[str, bool]]:
    """The site's other languages, each with its direction: a reader who reached the page through an address in
    the wrong language still finds the message in their own."""
    current = (get_language() or settings.LANGUAGE_CODE).lower()
    return [
        (code, get_language_info(code)["bidi"]) for code, _ in settings.LANGUAGES if code.lower() != current
    ]


def database_away_response() -> HttpResponse:
    """A small 503 that tells a source nothing was received, and browsers and proxies when to come back."""
    page = loader.get_template("503.html").render({"other_languages": _other_languages()})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseAwayMiddleware:
    """A view that meets a database that is away answers the 503 page at once, without a traceback page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_AWAY):
            return None
        # The type only: the message names the database host, and says nothing the operator's database log
        # does not say better.
        logger.warning("The database is unavailable (%s): answered 503", type(exception).__name__)
        return database_away_response()


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. A failure outside the view (the session or the CSRF token read from a database that is
    away) comes here too: it gets the 503 page; anything else the static 500 page. Neither is rendered with the
    request, so no context processor can touch the session or the database again."""
    if isinstance(sys.exc_info()[1], DATABASE_AWAY):
        return database_away_response()
    response = HttpResponseServerError(loader.get_template("500.html").render())
    response["Cache-Control"] = "no-store"
    return response
