"""The per-client rate limit of the open data surfaces, counted in Django's cache.

A client is known by its address only as a keyed hash (HMAC with a key derived from SECRET_KEY): the raw
address is never logged, never stored, and the cache holds only a hash of that hash for the current window."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django_ratelimit.core import get_usage

KEY_SALT = "defenders.api.limits.client"


def client_address(request: HttpRequest) -> str:
    """The client's address: the one the trusted proxy appended to its header when one is named, else the peer's."""
    header = settings.DEFENDERS_CLIENT_ADDRESS_HEADER
    if header:
        forwarded = request.headers.get(header, "")
        # A client may send the header itself; only the last entry is the one the proxy wrote.
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")


def client_key(group: str, request: HttpRequest) -> str:
    """A keyed hash of the client's address: the same client gets the same key, and nobody without the site's
    secret can tell which address it was."""
    return salted_hmac(KEY_SALT, client_address(request), algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class Usage:
    limited: bool
    retry_after: int  # seconds until the window ends


def count_request(request: HttpRequest, group: str, rate: str) -> Usage:
    """Count this request in the client's current window; `limited` once the rate is exceeded."""
    usage = get_usage(request, group=group, key=client_key, rate=rate, increment=True)
    if usage is None:  # RATELIMIT_ENABLE is off
        return Usage(False, 0)
    return Usage(bool(usage["should_limit"]), max(1, int(usage["time_left"])))
