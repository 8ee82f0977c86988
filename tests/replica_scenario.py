"""Run in its own process against a primary and its replica (tests/test_read_replica.py): which database each
kind of request reads, and what happens when the replica's replay is paused or it goes away. Prints one JSON
object."""

import json
import os
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import django

# Every public surface of a communication: its page, the list, a search, the API (record and list), the feed,
# and the two streamed exports.
SURFACES = {
    "page": "/communications/{slug}/",
    "list": "/communications/",
    "search": "/communications/?q=journalist",
    "api_record": "/api/v1/communications/{slug}",
    "api_list": "/api/v1/communications",
    "feed": "/feeds/communications.atom",
    "export_csv": "/communications/export.csv",
    "export_jsonl": "/communications/export.jsonl",
}


def _reads(client, path: str, *, before_streaming=None, **extra) -> dict[str, object]:
    """The status of a GET, whether its answer names `WITHHELD_TITLE`, and how many queries each database answered
    for it, a streamed answer read to its end (counted without connecting, unlike CaptureQueriesContext, so that a
    replica that is away can be counted too). `before_streaming` runs between the view's answer and its body. The
    page is made afresh: a cached one is answered before any database is asked (publication/page_cache.py)."""
    from django.core.cache import cache
    from django.db import connections

    cache.clear()

    for alias in ("default", "replica"):
        connections[alias].force_debug_cursor = True
        connections[alias].queries_log.clear()
    try:
        response = client.get(path, **extra)
        if response.streaming:
            if before_streaming is not None:
                before_streaming()
            body = b"".join(response.streaming_content)
            response.close()
        else:
            body = response.content
        counts = {alias: len(connections[alias].queries_log) for alias in ("default", "replica")}
    finally:
        for alias in ("default", "replica"):
            connections[alias].force_debug_cursor = False
    return {
        "status": response.status_code,
        "primary": counts["default"],
        "replica": counts["replica"],
        "names_withheld": WITHHELD_TITLE.encode() in body,
        "bytes": len(body),
    }


WITHHELD_TITLE = "arrest of a journalist"


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # As the test suite does (conftest.py): pages name static files without a collected manifest.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from defenders.addressees.models import Addressee
    from defenders.communications import actions
    from defenders.communications.models import Communication
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

    def every_surface(slug: str, **extra) -> dict[str, dict[str, object]]:
        cache.clear()  # each surface read afresh, not from a page kept by an earlier round
        return {name: _reads(Client(), path.format(slug=slug), **extra) for name, path in SURFACES.items()}

    found: dict[str, Any] = {}
    first = public_communication("judicial harassment of a defender")
    page = f"/communications/{first.slug}/"
    found["public"] = _reads(Client(), page)
    found["public_list"] = _reads(Client(), "/communications/")

    staff = get_user_model().objects.create_user("amina.officer", password="x" * 20, is_staff=True)
    signed_in = Client()
    signed_in.force_login(staff)
    found["signed_in"] = _reads(signed_in, page)
    found["staff_page"] = _reads(Client(), "/staff/")

    # A second letter, public on both; every surface names it, read from the replica.
    second = public_communication(WITHHELD_TITLE)
    found["before_withholding"] = every_surface(second.slug)

    # The replica stops replaying, and the letter is withheld on the primary: the replica still holds it as
    # public, yet no public surface shows it, because none reads a replica behind the primary's public data.
    pair.stop_waiting_for_replica()
    pair.psql(replica_port, "SELECT pg_wal_replay_pause()")
    actions.withhold_communication(second, reason="the source asked for it", by=None)
    found["replica_still_shows_it"] = (
        Communication.objects.using("replica").public().filter(pk=second.pk).exists()
    )
    found["paused"] = every_surface(second.slug)

    # Replay resumes: once the replica holds the withholding, public surfaces read it again, and still do not
    # show the letter.
    pair.psql(replica_port, "SELECT pg_wal_replay_resume()")
    deadline = time.monotonic() + 30
    while not db_router.replica_is_current() and time.monotonic() < deadline:
        time.sleep(0.1)
    found["resumed"] = every_surface(second.slug)

    # The replica goes away after a streamed export chose it and before its first bytes: the export is made
    # again from the primary.
    stopped = []

    def stop_the_replica() -> None:
        pair.stop_replica()
        stopped.append(True)

    found["export_replica_away"] = _reads(
        Client(), SURFACES["export_csv"].format(slug=""), before_streaming=stop_the_replica
    )
    found["export_replica_away"]["stopped_mid_request"] = bool(stopped)
    db_router.away.forget()  # as if its 30 s away had passed: the next request asks it again and finds it gone
    found["export_jsonl_replica_away"] = _reads(Client(), SURFACES["export_jsonl"])
    db_router.away.forget()
    found["replica_away_first"] = _reads(Client(), page)
    found["replica_away_then"] = _reads(Client(), page)
    found["replica_away_list"] = _reads(Client(), "/communications/")
    print(json.dumps(found))


if __name__ == "__main__":
    main()
