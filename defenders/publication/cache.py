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
import uuid
from collections.abc import Callable, Hashable
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db.models import F, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language, get_language_from_request

from defenders.clock import office_now, office_today
from defenders.communications import embargo

from .models import PublicDataVersion

CACHE_ALIAS = "default"
VERSION_PK = 1
KEY_PREFIX = "defenders-public"
# Answers not worth keeping for a whole day are the ones nobody asks twice; a day bounds a forgotten entry.
LONGEST_TIMEOUT = 24 * 60 * 60
FIRST_PAGES = 5
_MISSING = object()
T = TypeVar("T")


def _cache():
    return caches[CACHE_ALIAS]


def _next_release(now: datetime) -> Subquery:
    from defenders.press.models import PressRelease

    return Subquery(
        PressRelease.objects.filter(withdrawn=False)
        .annotate(goes_out=Coalesce("published_at", "scheduled_for"))
        .filter(goes_out__gt=now)
        .order_by("goes_out")
        .values("goes_out")[:1]
    )


def _state(now: datetime) -> tuple[str, datetime]:
    """The version token of the public data and the next publication moment after `now`, in one query."""
    from defenders.press.models import PressRelease

    row = (
        PublicDataVersion.objects.filter(pk=VERSION_PK)
        .annotate(next_release=_next_release(now))
        .values_list("number", "token", "next_release")
        .first()
    )
    if row is None:  # nothing public has changed since the database was made
        version = "0"
        next_release = PressRelease.objects.annotate(next_release=_next_release(now)).values_list(
            "next_release", flat=True
        )[:1]
        release = next(iter(next_release), None)
    else:
        version, release = f"{row[0]}.{row[1]}", row[2]
    moment = embargo.next_publication_moment(now)
    if release is not None and release < moment:
        moment = release
    return version, moment


def public_cache_key(*parts: Hashable) -> str:
    """A cache key for an answer made from public data: `parts` (what was asked), the version of the public
    data, the office day and the next publication moment."""
    now = office_now()
    version, moment = _state(now)
    asked = repr((parts, version, office_today(now).isoformat(), moment.isoformat()))
    first = str(parts[0]) if parts else ""
    return f"{KEY_PREFIX}:{first[:40]}:{hashlib.sha256(asked.encode()).hexdigest()}"


def public_cache_timeout(now: datetime | None = None) -> int:
    """Seconds an answer made now may be kept: never past the next publication moment."""
    now = now or office_now()
    _, moment = _state(now)
    seconds = math.ceil((moment - now).total_seconds())
    return max(1, min(seconds, LONGEST_TIMEOUT))


def raise_public_version() -> None:
    """Called in the transaction of every change to public data: every cached public answer is dropped with it."""
    token = uuid.uuid4().hex
    if not PublicDataVersion.objects.filter(pk=VERSION_PK).update(number=F("number") + 1, token=token):
        PublicDataVersion.objects.update_or_create(pk=VERSION_PK, defaults={"number": 1, "token": token})


def cached(parts: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """The answer kept under `parts`, or `compute()` kept for public_cache_timeout()."""
    key = public_cache_key(*parts)
    found = _cache().get(key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    answer = compute()
    _cache().set(key, answer, public_cache_timeout())
    return answer


def _page_cacheable(request: HttpRequest) -> bool:
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
    `when` narrows the requests kept (a list keeps its first pages, which most readers ask for)."""

    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _page_cacheable(request) or (when is not None and not when(request)):
            return view(request, *args, **kwargs)
        language = get_language()
        # The page offers the reader's preferred language on an English address (context_processors.languages).
        preferred = get_language_from_request(request) if language == settings.LANGUAGE_CODE else ""
        key = public_cache_key("page", language, preferred, request.get_full_path())
        found = _cache().get(key)
        if found is not None:
            content, content_type = found
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            _cache().set(key, (response.content, response["Content-Type"]), public_cache_timeout())
        return response

    return answer


def cached_first_pages(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """cached_public_page for the first FIRST_PAGES pages of a list."""
    return cached_public_page(view, when=_first_pages)
