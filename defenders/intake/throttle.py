"""Throttle failed codename attempts: per attempted codename, and in all, counted in the database that every
worker shares. Never by address: behind a proxy or an onion service every source shares one."""

import hashlib
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from defenders.clock import office_now
from defenders.vault import codenames

from . import keyring
from .models import CodenameFailures

WINDOW_SECONDS = 15 * 60
# The same codename refused this often in a window is refused without a look-up until the window ends.
MAX_FAILURES = 5
# Failures of every codename together: a guesser spread over many codenames (and addresses) is slowed to this
# many argon2 verifications a window. Past it every codename waits, the right ones too, until the window ends.
MAX_FAILURES_IN_ALL = 100
ALL = "all"


def window_start() -> datetime:
    """The start of the current fixed window (a guesser gets at most twice the limit across a boundary)."""
    seconds = int(office_now().timestamp())
    return datetime.fromtimestamp(seconds - seconds % WINDOW_SECONDS, UTC)


def _scope(codename: str) -> str:
    # A hash of the lookup key rather than the key itself, so that no count can be joined to a submission's row.
    lookup = codenames.codename_lookup_key(codename, keyring.pepper())
    return hashlib.blake2b(lookup.encode(), digest_size=16, person=b"intake-throttle").hexdigest()


def is_blocked(codename: str) -> bool:
    scope = _scope(codename)
    counts = dict(
        CodenameFailures.objects.filter(window_starts=window_start(), scope__in=[scope, ALL]).values_list(
            "scope", "failures"
        )
    )
    return counts.get(scope, 0) >= MAX_FAILURES or counts.get(ALL, 0) >= MAX_FAILURES_IN_ALL


def _count(scope: str, starts: datetime) -> None:
    counted = CodenameFailures.objects.filter(scope=scope, window_starts=starts)
    if counted.update(failures=F("failures") + 1):
        return
    try:
        with transaction.atomic():
            CodenameFailures.objects.create(scope=scope, window_starts=starts, failures=1)
    except IntegrityError:  # another worker counted the first failure of this window at the same moment
        counted.update(failures=F("failures") + 1)


def record_failure(codename: str) -> None:
    starts = window_start()
    scope = _scope(codename)
    with transaction.atomic():
        CodenameFailures.objects.filter(window_starts__lt=starts).delete()
        _count(scope, starts)
        _count(ALL, starts)
