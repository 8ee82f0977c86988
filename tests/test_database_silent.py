"""A PostgreSQL host that accepts the connection and then says nothing must not hold a request: the connection
gives up after DEFENDERS_DB_CONNECT_TIMEOUT seconds and the page answers the quick 503."""

import socket
import threading

import pytest
from django.db import OperationalError, connections


@pytest.mark.skipif(
    connections["default"].vendor != "postgresql", reason="the connect timeout is PostgreSQL's (libpq)"
)
def test_a_silent_database_host_is_given_up_after_the_connect_timeout(settings, django_db_blocker):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # the kernel completes the handshake; nobody ever answers
    port = silent.getsockname()[1]
    database = {**settings.DATABASES["default"], "HOST": "127.0.0.1", "PORT": str(port)}
    # With the configured options: without a connect timeout, libpq would wait for the host indefinitely.
    outcome: list[BaseException] = []

    def connect() -> None:
        from django.db.backends.postgresql.base import DatabaseWrapper

        wrapper = DatabaseWrapper(database, alias="silent")
        try:
            wrapper.ensure_connection()
        except OperationalError as error:
            outcome.append(error)
        finally:
            wrapper.close()

    try:
        attempt = threading.Thread(target=connect, daemon=True)
        with django_db_blocker.unblock():  # a connection of its own, to a host that is not the test database
            attempt.start()
            attempt.join(timeout=30)  # a bound on the test, far above the timeout it checks
        assert not attempt.is_alive(), "the connection waited for the silent host"
        assert outcome and isinstance(outcome[0], OperationalError)
    finally:
        silent.close()


def test_the_connect_timeout_is_set_for_postgresql(settings):
    if connections["default"].vendor == "postgresql":
        assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] >= 1
    else:
        assert "connect_timeout" not in settings.DATABASES["default"].get("OPTIONS", {})
