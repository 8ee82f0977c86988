"""`defenders serve` picks its workers and threads from the machine, and its timeouts from the bounded steps."""

from defenders.intake.metadata import MAT2_TIMEOUT_SECONDS
from defenders.publication.management.commands import serve
from defenders.settings import DATABASES


def _option(arguments: list[str], name: str) -> str:
    return arguments[arguments.index(name) + 1]


def test_one_worker_per_cpu_never_fewer_than_two_nor_more_than_eight():
    assert serve.default_shape(1) == serve.Shape(workers=2, threads=serve.THREADS_PER_WORKER)
    assert serve.default_shape(4).workers == 4
    assert serve.default_shape(64).workers == 8


def test_workers_are_threaded_and_wait_longer_than_any_bounded_step_of_a_request():
    arguments = serve.gunicorn_arguments(
        bind="127.0.0.1:8000", shape=serve.Shape(workers=3, threads=6), forwarded_allow_ips="127.0.0.1"
    )
    assert _option(arguments, "--worker-class") == "gthread"
    assert (_option(arguments, "--workers"), _option(arguments, "--threads")) == ("3", "6")
    connect_timeout = DATABASES["default"].get("OPTIONS", {}).get("connect_timeout", 5)
    for timeout in ("--timeout", "--graceful-timeout"):
        assert int(_option(arguments, timeout)) > MAT2_TIMEOUT_SECONDS + connect_timeout


def test_no_access_log_and_an_error_log_without_addresses():
    arguments = serve.gunicorn_arguments(
        bind="127.0.0.1:8000", shape=serve.default_shape(2), forwarded_allow_ips="127.0.0.1"
    )
    assert _option(arguments, "--access-logfile") == "/dev/null"
    assert _option(arguments, "--logger-class") == "defenders.logging.AddressFreeLogger"
