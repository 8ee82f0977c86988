"""The public cache: public pages, facet counts and figures, kept until the public data changes or the next
publication moment comes, whichever is first. Local memory by default, Redis when DEFENDERS_CACHE_URL is set.

A cached answer can never outlive what made it public:
- its key holds the version of the public data (publication/models.py), raised in the same transaction as every
  change to it (publication/signals.py): a communication withheld, a reply recorded, a consent withdrawn is in
  no cached answer once it commits;
- its key holds the office day and the next publication moment, and its lifetime ends at that moment
  (embargo.next_publication_moment, or a press release scheduled before it): a letter that becomes public at 00:00
  is on every page from 00:00, whatever clock the cache server keeps.
"""

import hashlib
import math
import threading
import uuid
from collections.abc import Callable, Hashable
from datetime import UTC, datetime
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language, get_language_from_request

from defenders.clock import office_now, office_today
from defenders.communications import embargo
from defenders.core.unavailable import DATABASE_AWAY

from .models import PublicDataVersion

CACHE_ALIAS = "default"
VERSION_PK = 1
KEY_PREFIX = "defenders-public"
# Answers not worth keeping for a whole day are the ones nobody asks twice; a day bounds a forgotten entry.
LONGEST_TIMEOUT = 24 * 60 * 60
FIRST_PAGES = 5
_MISSING = object()
# What the early answer (page_cache.PublicPageCacheMiddleware) puts on a request it lets through (the key's
# parts), and what cached_public_page puts on a response it may keep (the key and its publication moment).
EARLY_PAGE_PARTS = "public_page_parts"
EARLY_PAGE_ENTRY = "public_page_entry"
T = TypeVar("T")


def public_cache():
    return caches[CACHE_ALIAS]


# The press releases' moments still ahead, as read at one version of the public data: (version, read at, moments).
# Press releases are public data, so a new version is the only way these change; the clock only uses them up.
_releases: tuple[str, datetime, tuple[datetime, ...]] = ("", datetime.min.replace(tzinfo=UTC), ())
_own = threading.local()


def _release_moments(version: str, now: datetime) -> tuple[datetime, ...]:
    """The moments, after `now`, at which scheduled press releases go out, read once per version and process.
    Version "0" (nothing ever raised) is the same string for different data in tests that roll back: never kept."""
    global _releases
    known, read_at, moments = _releases
    if known != version or now < read_at or version == "0":
        from defenders.press.models import PressRelease

        moments = tuple(
            PressRelease.objects.filter(withdrawn=False)
            .annotate(goes_out=Coalesce("published_at", "scheduled_for"))
            .filter(goes_out__gt=now)
            .order_by("goes_out")
            .values_list("goes_out", flat=True)
        )
        _releases = (version, now, moments)
    return moments


def _own_connection(alias: str) -> BaseDatabaseWrapper:
    """This thread's own connection to `alias`, for the version only, kept open between requests: opening one per
    request (as Django does with DEFENDERS_DB_CONN_MAX_AGE=0) cost more than the rest of a cached page together."""
    own = getattr(_own, alias, None)
    if own is None:
        shared = connections[alias]
        own = type(shared)(shared.settings_dict.copy(), alias)
        setattr(_own, alias, own)
    return own


def _version_row(connection: BaseDatabaseWrapper) -> tuple[int, str] | None:
    table = connection.ops.quote_name(PublicDataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number, token FROM {table} WHERE id = %s", [VERSION_PK])  # noqa: S608
        return cursor.fetchone()


def _version(alias: str) -> str:
    """The version of the public data as `alias` holds it now: one primary-key read. Inside a transaction it is
    read there (what the transaction sees); otherwise on Django's own connection, except on SQLite without
    DEFENDERS_DB_CONN_MAX_AGE, where it is read on one of the thread's own, kept between requests and seeing every
    commit. A server database counts its clients: a second connection per thread would double them (and run out
    of them under a burst of sources), so there Django's connection answers, kept by DEFENDERS_DB_CONN_MAX_AGE in
    production (docs/deployment.md)."""
    shared = connections[alias]
    if (
        shared.vendor != "sqlite"
        or shared.in_atomic_block
        or shared.settings_dict.get("CONN_MAX_AGE", 0) != 0
        or (shared.connection is not None and not shared.get_autocommit())
    ):
        row = _version_row(shared)
    else:
        own = _own_connection(alias)
        try:
            row = _version_row(own)
        except DATABASE_AWAY:
            own.close()  # a server restarted since: once more on a new connection, else the error stands
            row = _version_row(own)
    return "0" if row is None else f"{row[0]}.{row[1]}"


def _state(now: datetime, alias: str | None = None) -> tuple[str, datetime]:
    """The version of the public data and the next publication moment after `now`. The version is read from the
    database the public data is read from (the router's choice: a replica's version goes with a replica's rows),
    before them, so an answer is never newer in its key than in its content."""
    version = _version(alias or router.db_for_read(PublicDataVersion))
    moment = embargo.next_publication_moment(now)
    release = next((at for at in _release_moments(version, now) if at > now), None)
    if release is not None and release < moment:
        moment = release
    return version, moment


def _key(parts: tuple[Hashable, ...], now: datetime, version: str, moment: datetime) -> str:
    asked = repr((parts, version, office_today(now).isoformat(), moment.isoformat()))
    first = str(parts[0]) if parts else ""
    return f"{KEY_PREFIX}:{first[:40]}:{hashlib.sha256(asked.encode()).hexdigest()}"


def _timeout(now: datetime, moment: datetime) -> int:
    seconds = math.ceil((moment - now).total_seconds())
    return max(1, min(seconds, LONGEST_TIMEOUT))


def key_and_moment(parts: tuple[Hashable, ...]) -> tuple[str, datetime]:
    """public_cache_key(*parts), and the next publication moment it was made with (which bounds the lifetime of
    what is kept under it, counted from when it is kept: `timeout_until(moment)`), from one reading."""
    now = office_now()
    version, moment = _state(now)
    return _key(parts, now, version, moment), moment


def timeout_until(moment: datetime) -> int:
    """Seconds from now to `moment`, as public_cache_timeout() counts them."""
    return _timeout(office_now(), moment)


def public_cache_key(*parts: Hashable) -> str:
    """A cache key for an answer made from public data: `parts` (what was asked), the version of the public
    data, the office day and the next publication moment."""
    now = office_now()
    return _key(parts, now, *_state(now))


def public_cache_timeout(now: datetime | None = None) -> int:
    """Seconds an answer made now may be kept: never past the next publication moment."""
    now = now or office_now()
    return _timeout(now, _state(now)[1])


def raise_public_version() -> None:
    """Called in the transaction of every change to public data: every cached public answer is dropped with it."""
    token = uuid.uuid4().hex
    if not PublicDataVersion.objects.filter(pk=VERSION_PK).update(number=F("number") + 1, token=token):
        PublicDataVersion.objects.update_or_create(pk=VERSION_PK, defaults={"number": 1, "token": token})


def cached(parts: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """The answer kept under `parts`, or `compute()` kept for public_cache_timeout()."""
    key, moment = key_and_moment(parts)
    found = public_cache().get(key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    answer = compute()
    public_cache().set(key, answer, timeout_until(moment))
    return answer


def page_cacheable(request: HttpRequest) -> bool:
    """Readers with no cookie get the same page; a signed-in person, or one with a message waiting, does not."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGES_COOKIE_NAME", "messages") not in request.COOKIES
    )


def _first_pages(request: HttpRequest) -> bool:
    page = request.GET.get("page", "1")
    return page.isascii() and page.isdigit() and 1 <= int(page) <= FIRST_PAGES


def cached_public_page(
    view: Callable[..., HttpResponse], *, when: Callable[[HttpRequest], bool] | None = None
) -> Callable[..., HttpResponse]:
    """Keep a public page's answer (200 only) for readers without a cookie; 404s and errors are never kept.
    `when` narrows the requests kept (a list keeps its first pages, which most readers ask for).

    Under the early answer (publication/page_cache.py) the view only names the key and the middleware keeps the
    whole answer, headers included, once the rest of the stack has made it; without it the body is kept here."""

    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not page_cacheable(request) or (when is not None and not when(request)):
            return view(request, *args, **kwargs)
        early_parts = getattr(request, EARLY_PAGE_PARTS, None)
        if early_parts is not None:
            # Read before the view reads the data, from the same database: the key is never newer than the page.
            entry = key_and_moment(early_parts)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                setattr(response, EARLY_PAGE_ENTRY, entry)
            return response
        language = get_language()
        # The page offers the reader's preferred language on an English address (context_processors.languages).
        preferred = get_language_from_request(request) if language == settings.LANGUAGE_CODE else ""
        key, moment = key_and_moment(("page", language, preferred, request.get_full_path()))
        found = public_cache().get(key)
        if found is not None:
            content, content_type = found
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            public_cache().set(key, (response.content, response["Content-Type"]), timeout_until(moment))
        return response

    return answer


def cached_first_pages(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """cached_public_page for the first FIRST_PAGES pages of a list."""
    return cached_public_page(view, when=_first_pages)
