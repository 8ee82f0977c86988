"""Throttle repeated codename failures. The address is kept only as a keyed hash, in memory, for minutes."""

import hashlib
import secrets

from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 15 * 60
MAX_FAILURES = 5
# Regenerated at every start, so a stored hash could not be matched to an address even by whoever runs the site.
_PROCESS_KEY = secrets.token_bytes(32)


def _bucket(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.blake2b(address.encode(), key=_PROCESS_KEY, digest_size=16).hexdigest()
    return f"intake-codename-failures:{digest}"


def is_blocked(request: HttpRequest) -> bool:
    return cache.get(_bucket(request), 0) >= MAX_FAILURES


def record_failure(request: HttpRequest) -> None:
    key = _bucket(request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)
