"""Public reads on a read replica (`DATABASE_REPLICA_URL`), everything else on the primary.

A request reads from the replica only when all of these hold: it is a GET or HEAD outside /staff/, it carries no
signed-in session, it has written nothing, and the replica has replayed the primary's current version of the public
data (publication.models.PublicDataVersion, raised in the same transaction as every change to public data): a
letter withheld on the primary is therefore never read from a replica that has not replayed the withholding. Even
then only the public data's apps are read there; sessions, accounts, intake and tasks always come from the primary.
Staff read their own writes, and a replica that lags or is away costs the primary some load, never an error: a
request whose replica read fails (before a streamed answer's first bytes) is answered again from the primary.
"""

import logging
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import cast

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
# Apps whose rows anyone may read once public: the only ones a replica serves.
PUBLIC_APPS = frozenset(
    {"communications", "addressees", "mandates", "publication", "press", "search", "api", "analytics"}
)
PRIVATE_PREFIX = "/staff/"  # the workspace and the admin, unprefixed only (defenders/urls.py)
# How long a replica that failed a read or a version check is left alone.
AWAY_FOR_SECONDS = 30.0
REPLICA_AWAY = (OperationalError, InterfaceError)
# A streamed answer's first bytes, held back until this many are ready (or it ends): a replica failure before
# they leave is answered again from the primary.
FIRST_BYTES_HELD = 64 * 1024
VERSION_PK = 1  # publication.cache.VERSION_PK: the single row of PublicDataVersion


def replica_configured() -> bool:
    from django.conf import settings

    return REPLICA in settings.DATABASES


@dataclass
class PublicReads:
    """One request's choice: whether it may read the replica at all, and (asked at its first public read, then
    kept for the whole request) whether the replica holds the primary's current public data."""

    allowed: bool
    replica_current: bool | None = None

    def use_replica(self) -> bool:
        if not self.allowed:
            return False
        if self.replica_current is None:
            self.replica_current = replica_is_current()
        return self.replica_current

    @property
    def on_replica(self) -> bool:
        """Whether the request's public reads went to the replica (so that a failed read is the replica's)."""
        return self.allowed and self.replica_current is True

    def fall_back_to_primary(self) -> None:
        self.allowed = False


# The current request's choice (set by ReplicaReadsMiddleware, per request and thread); None outside requests.
_public_reads: ContextVar[PublicReads | None] = ContextVar("defenders_public_reads", default=None)


class ReplicaAway:
    """A replica that failed is not asked again for AWAY_FOR_SECONDS, per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until = float("-inf")

    def now(self) -> bool:
        return time.monotonic() < self._until

    def set_aside(self) -> None:
        with self._lock:
            if not self.now():
                logger.warning("The read replica is set aside for %d s; public reads use the primary",
                               AWAY_FOR_SECONDS)  # fmt: skip
            self._until = time.monotonic() + AWAY_FOR_SECONDS

    def forget(self) -> None:
        self._until = float("-inf")


away = ReplicaAway()


def public_data_version(alias: str) -> tuple[int, str] | None:
    """The public data's version as `alias` holds it: one primary-key read, outside any router."""
    version = apps.get_model("publication", "PublicDataVersion")
    row = version.objects.using(alias).filter(pk=VERSION_PK).values_list("number", "token").first()
    return None if row is None else (row[0], row[1])


def replica_is_current() -> bool:
    """Whether the replica has replayed the primary's latest change to public data. Replay follows the primary's
    commit order, so equal versions mean the replica holds every public change the primary had committed when
    asked (and a change committed since then is one the primary's own reader could have missed by a moment)."""
    if away.now():
        return False
    primary = public_data_version(DEFAULT_DB_ALIAS)
    try:
        replica = public_data_version(REPLICA)
    except Exception as error:  # whatever stops the check (a lost connection, a test that forbids it)
        logger.warning(
            "The read replica could not be asked its public data version (%s)", type(error).__name__
        )
        away.set_aside()
        connections[REPLICA].close()
        return False
    return replica == primary


class PrimaryUnlessPublic:
    """The database router (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model, **hints) -> str:
        reads = _public_reads.get()
        if (
            reads is not None
            and reads.allowed
            and model._meta.app_label in PUBLIC_APPS
            # A transaction on the primary reads what it has written, whoever asks.
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
            and reads.use_replica()
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        reads = _public_reads.get()
        if reads is not None:
            reads.fall_back_to_primary()  # from a request's first write on, it reads its own writes
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same rows on both: a replica's object may be related to a primary's

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


def is_public_request(request: HttpRequest) -> bool:
    from django.conf import settings

    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(PRIVATE_PREFIX):
        return False
    # A session cookie may hold a signed-in member of staff: asked only then, and read from the primary.
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated)


def _read_again_on_primary(request: HttpRequest, reads: PublicReads) -> HttpResponse | None:
    away.set_aside()
    connections[REPLICA].close()
    reads.fall_back_to_primary()
    match = request.resolver_match
    if match is None:
        return None
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    return response


class ReplicaReadsMiddleware:
    """Marks public requests as readable from the replica; answers again from the primary when a replica read fails,
    for a streamed answer too as long as none of it was sent. After AuthenticationMiddleware, which it asks
    whether someone is signed in."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = replica_configured()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.enabled:
            return self.get_response(request)
        # Inside a transaction on the primary (a test's, or ATOMIC_REQUESTS) every read stays there anyway.
        public = is_public_request(request) and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        reads = PublicReads(allowed=public and not away.now())
        token = _public_reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _public_reads.reset(token)
        if reads.allowed and isinstance(response, StreamingHttpResponse) and not response.is_async:
            # Chosen now, while nothing is sent: a replica that fails from here on is met before the first bytes.
            reads.use_replica()
            body = cast(Iterator[bytes], response.streaming_content)
            response.streaming_content = self._stream(request, reads, body)
        return response

    def _stream(self, request: HttpRequest, reads: PublicReads, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """A streamed answer reads the database while it is sent, after this middleware returned: each chunk is
        made under the request's choice. Its first FIRST_BYTES_HELD are held back (a CSV's header row needs no
        read; they cover the first chunk of rows read), and a replica failure before they leave starts the answer
        again from the primary. After that the answer has begun and can only be cut short."""
        held: list[bytes] | None = []  # None once the first bytes have left
        size = 0
        while True:
            token = _public_reads.set(reads)
            try:
                chunk = next(chunks)
            except StopIteration:
                break
            except REPLICA_AWAY as error:
                if held is None or not reads.on_replica:
                    raise
                logger.warning("A streamed answer's replica read failed (%s): it is read again from the primary",
                               type(error).__name__)  # fmt: skip
                again = _read_again_on_primary(request, reads)
                if not isinstance(again, StreamingHttpResponse):
                    raise
                chunks, held, size = iter(cast(Iterator[bytes], again.streaming_content)), [], 0
                continue
            finally:
                _public_reads.reset(token)
            if held is None:
                yield chunk
                continue
            held.append(chunk)
            size += len(chunk)
            if size >= FIRST_BYTES_HELD:
                yield b"".join(held)
                held = None
        if held:
            yield b"".join(held)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        reads = _public_reads.get()
        if not (
            self.enabled and reads is not None and reads.on_replica and isinstance(exception, REPLICA_AWAY)
        ):
            return None
        logger.warning("A read from the replica failed (%s): the page is read again from the primary",
                       type(exception).__name__)  # fmt: skip
        return _read_again_on_primary(request, reads)
