"""Run in its own process against a primary and its replica (tests/test_read_replica.py): which database each
kind of request reads, and what happens when the replica lags or goes away. Prints one JSON object."""

import json
import os
import time
from datetime import date, timedelta
from pathlib import Path

import django


def _reads(client, path: str, **extra) -> dict[str, object]:
    """The status of a GET and how many queries each database answered for it (counted without connecting, unlike
    CaptureQueriesContext, so that a replica that is away can be counted too). The page is made afresh: a cached
    one is answered before any database is asked (publication/page_cache.py)."""
    from django.core.cache import cache
    from django.db import connections

    cache.clear()

    for alias in ("default", "replica"):
        connections[alias].force_debug_cursor = True
        connections[alias].queries_log.clear()
    try:
        response = client.get(path, **extra)
        counts = {alias: len(connections[alias].queries_log) for alias in ("default", "replica")}
    finally:
        for alias in ("default", "replica"):
            connections[alias].force_debug_cursor = False
    return {"status": response.status_code, "primary": counts["default"], "replica": counts["replica"]}


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # As the test suite does (conftest.py): pages name static files without a collected manifest.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from defenders.addressees.models import Addressee
    from defenders.communications import actions
    from defenders.core import db_router
    from defenders.mandates.models import Mandate
    from tests.postgres_pair import Pair

    folder = Path(os.environ["PG_PAIR_DIR"])
    primary_port, replica_port = (int(n) for n in (folder / "ports").read_text().split())
    pair = Pair(folder, primary_port, replica_port)
    call_command("migrate", verbosity=0)
    call_command("loaddata", "mandates", verbosity=0)

    def public_communication(title: str):
        communication = actions.create_communication(
            by=None, addressee=Addressee.state("RUS"), type="AL", title=title
        )
        actions.set_signatories(communication, [Mandate.objects.get(short_name="SR HRDs")], by=None)
        actions.record_sent(communication, sent_on=date.today() - timedelta(days=100), reference="", by=None)
        return communication

    found: dict[str, object] = {}
    first = public_communication("judicial harassment of a defender")
    page = f"/communications/{first.slug}/"
    found["public"] = _reads(Client(), page)
    found["public_list"] = _reads(Client(), "/communications/")

    staff = get_user_model().objects.create_user("amina.officer", password="x" * 20, is_staff=True)
    signed_in = Client()
    signed_in.force_login(staff)
    found["signed_in"] = _reads(signed_in, page)
    found["staff_page"] = _reads(Client(), "/staff/")

    # The replica stops replaying: past the lag bound, public pages read the primary (and see the new letter).
    pair.stop_waiting_for_replica()
    pair.psql(replica_port, "SELECT pg_wal_replay_pause()")
    second = public_communication("arrest of a journalist")
    time.sleep(db_router.settings.DEFENDERS_REPLICA_MAX_LAG_SECONDS + 1.5)
    db_router.health.forget()
    found["usable_while_lagging"] = db_router.health.usable()  # the check itself asks the replica, once
    found["lagging"] = _reads(Client(), f"/communications/{second.slug}/")
    found["lag_seconds"] = db_router.health._health.lag_seconds
    pair.psql(replica_port, "SELECT pg_wal_replay_resume()")
    deadline = time.monotonic() + 30
    while db_router.measure_lag_seconds() != 0.0 and time.monotonic() < deadline:
        time.sleep(0.2)
    db_router.health.forget()
    found["caught_up"] = _reads(Client(), f"/communications/{second.slug}/")

    # The replica goes away while this process still trusts it: the page is read again from the primary.
    assert db_router.health.usable()
    pair.stop_replica()
    found["replica_away_first"] = _reads(Client(), page)
    found["replica_away_then"] = _reads(Client(), page)
    found["replica_away_list"] = _reads(Client(), "/communications/")
    print(json.dumps(found))


if __name__ == "__main__":
    main()
