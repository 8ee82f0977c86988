"""Cached public pages answered before the middleware that made them: a reader without a cookie who asks again for a
page that cached_public_page keeps gets the stored answer, headers and all, for one primary-key read (the version).

Placed right after WhiteNoise: everything below it (gzip, Onion-Location, sessions, language, CSRF, CSP, frame
and referrer headers...) ran when the answer was made and is replayed as it was; SecurityMiddleware, above it,
runs on every answer. So the key holds everything those layers answer by: the language the address gives (and
on an English address the reader's preferred one, which the page offers), whether gzip is accepted, the scheme,
the host (Onion-Location) and the full path; and an answer another reader could not be given is never kept."""

import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.translation import get_language_from_path, get_language_from_request

from defenders.core.unavailable import DATABASE_AWAY

from .cache import (
    EARLY_PAGE_ENTRY,
    EARLY_PAGE_PARTS,
    page_cacheable,
    public_cache,
    public_cache_key,
    timeout_until,
)

STAFF_PREFIX = "/staff/"
LIST_SEPARATOR = re.compile(r"\s*,\s*")
# Request headers a kept answer may vary on: each is in the key (Cookie: only cookie-less readers are answered).
SHARED_VARY = frozenset({"accept-encoding", "accept-language", "cookie"})
# Cache-Control directives of an answer meant for one reader.
ONE_READERS = frozenset({"private", "no-store", "no-cache"})


def page_parts(request: HttpRequest) -> tuple[str | None, ...] | None:
    """What a kept public page is looked up by, or None for a request that is never answered from the cache."""
    if not page_cacheable(request) or request.path_info.startswith(STAFF_PREFIX):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the full stack answers it (400)
    # As LocaleMiddleware chooses: the address's prefix, else English (prefix_default_language=False).
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    preferred = get_language_from_request(request) if language == settings.LANGUAGE_CODE else ""
    gzip = "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    return ("page", language, preferred, gzip, request.scheme, host, request.get_full_path())


def shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether an answer made for this reader may be given to every reader with the same key."""
    vary = {header.lower() for header in LIST_SEPARATOR.split(response.get("Vary", "")) if header}
    directives = {
        part.split("=")[0].strip().lower() for part in LIST_SEPARATOR.split(response.get("Cache-Control", ""))
    }
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies  # a session, a CSRF token or a message was made for this reader
        and getattr(request, "_csp_nonce", None) is None  # django-csp's nonce, drawn for this answer only
        and vary <= SHARED_VARY
        and not directives & ONE_READERS
    )


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        parts = page_parts(request)
        if parts is None:
            return self.get_response(request)
        try:
            key = public_cache_key(*parts)
        except DATABASE_AWAY:
            return self.get_response(request)  # the stack below answers as it would (a 503)
        found = public_cache().get(key)
        if found is not None:
            content, headers = found
            return HttpResponse(content, headers=dict(headers))
        setattr(request, EARLY_PAGE_PARTS, parts)
        response = self.get_response(request)
        entry = getattr(response, EARLY_PAGE_ENTRY, None)
        if entry is not None and shareable(request, response):
            # Under the key the view read the version for (from the database its data came from, before it);
            # gzip's random padding is kept with it: a public page holds no secret for it to hide.
            kept_key, moment = entry
            public_cache().set(kept_key, (response.content, tuple(response.items())), timeout_until(moment))
        return response
