"""Public reads on a read replica (`DATABASE_REPLICA_URL`), everything else on the primary.

A request reads from the replica only when all of these hold: it is a GET or HEAD outside /staff/,
it carries no signed-in session, it has written nothing, and the replica answered a health check recently
with a lag under `DEFENDERS_REPLICA_MAX_LAG_SECONDS`. Even then only the public data's apps are read there;
sessions, accounts, intake and tasks always come from the primary. Staff therefore always read their own
writes, and a replica that lags or is away costs the primary some load, never an error: a request whose
replica read fails is marked, the replica is set aside, and the view runs again on the primary.
"""

import logging
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
# Apps whose rows anyone may read once public: the only ones a replica serves.
PUBLIC_APPS = frozenset(
    {"communications", "addressees", "mandates", "publication", "press", "search", "api", "analytics"}
)
PRIVATE_PREFIX = "/staff/"  # the workspace and the admin, unprefixed only (defenders/urls.py)
# How long a health check's answer is trusted, and how long a replica that failed one is left alone.
CHECK_EVERY_SECONDS = 5.0
AWAY_FOR_SECONDS = 30.0
REPLICA_AWAY = (OperationalError, InterfaceError)

# Whether the current request may read from the replica (set by ReplicaReadsMiddleware, per request/thread).
_public_reads: ContextVar[bool] = ContextVar("defenders_public_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@dataclass
class _Health:
    usable: bool = False
    checked_at: float = float("-inf")
    lag_seconds: float | None = None


class ReplicaHealth:
    """Whether the replica may serve now, checked at most every CHECK_EVERY_SECONDS per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._health = _Health()

    def usable(self) -> bool:
        now = time.monotonic()
        health = self._health
        wait = CHECK_EVERY_SECONDS if health.usable else AWAY_FOR_SECONDS
        if now - health.checked_at < wait:
            return health.usable
        if not self._lock.acquire(blocking=False):
            return health.usable  # another thread is checking: use the last answer meanwhile
        try:
            lag = measure_lag_seconds()
            usable = lag is not None and lag <= settings.DEFENDERS_REPLICA_MAX_LAG_SECONDS
            if not usable and health.usable:
                logger.warning("The read replica is set aside (lag: %s s); public reads use the primary", lag)
            self._health = _Health(usable, time.monotonic(), lag)
            return usable
        finally:
            self._lock.release()

    def set_aside(self) -> None:
        """After a failed read: the replica is not asked again for AWAY_FOR_SECONDS."""
        self._health = _Health(False, time.monotonic(), None)

    def forget(self) -> None:
        self._health = _Health()


health = ReplicaHealth()


def measure_lag_seconds() -> float | None:
    """How far the replica is behind the primary, in seconds (0 when it has replayed all the primary wrote);
    None when either cannot be asked."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()")
            (primary_position,) = cursor.fetchone()
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(), pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()),"
                " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())",
                [primary_position],
            )
            in_recovery, behind_bytes, since_last_replay = cursor.fetchone()
    except Exception as error:  # whatever stops the check (a lost connection, a test that forbids it)
        logger.warning("The read replica's health check failed (%s)", type(error).__name__)
        connections[REPLICA].close()
        return None
    if not in_recovery:
        return None  # promoted, or not a replica at all: public reads go to the primary until it is fixed
    if behind_bytes is None or behind_bytes <= 0:
        return 0.0
    return float(since_last_replay or 0.0)


class PrimaryUnlessPublic:
    """The database router (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model, **hints) -> str:
        if (
            _public_reads.get()
            and model._meta.app_label in PUBLIC_APPS
            # A transaction on the primary reads what it has written, whoever asks.
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        _public_reads.set(False)  # from a request's first write on, it reads its own writes
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same rows on both: a replica's object may be related to a primary's

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


def is_public_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(PRIVATE_PREFIX):
        return False
    # A session cookie may hold a signed-in member of staff: asked only then, and read from the primary.
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated)


class ReplicaReadsMiddleware:
    """Marks public requests as readable from the replica; runs a view again on the primary when its replica
    read fails. After AuthenticationMiddleware, which it asks whether someone is signed in."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = replica_configured()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.enabled:
            return self.get_response(request)
        # Inside a transaction on the primary (a test's, or ATOMIC_REQUESTS) every read stays there anyway: the
        # replica's health is not even asked.
        public = is_public_request(request) and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        token = _public_reads.set(public and health.usable())
        try:
            return self.get_response(request)
        finally:
            _public_reads.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (self.enabled and _public_reads.get() and isinstance(exception, REPLICA_AWAY)):
            return None
        logger.warning("A read from the replica failed (%s): the page is read again from the primary",
                       type(exception).__name__)  # fmt: skip
        health.set_aside()
        connections[REPLICA].close()
        _public_reads.set(False)
        match = request.resolver_match
        if match is None:
            return None
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        return response
