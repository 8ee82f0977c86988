"""Fault tests: a real `defenders serve` on loopback, broken on purpose (killed, its database stopped, its disk
full). Every one is marked `faults` (`pytest -m faults` runs only them) and sized by tests/faults/support.py."""

import pytest

from tests.serving import free_port

from .postgres import suite_runs_on_postgresql, throwaway_cluster


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/faults/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.faults)


@pytest.fixture
def database_url():
    """The engine the suite runs on: SQLite in the data directory, or (when DATABASE_URL names PostgreSQL) a
    throwaway cluster of the test's own, so that nothing the test breaks is shared."""
    if not suite_runs_on_postgresql():
        yield None
        return
    with throwaway_cluster(free_port()) as cluster:
        yield cluster
