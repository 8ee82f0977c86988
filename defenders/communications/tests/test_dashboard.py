"""The communications tiles of the dashboard: each count is the length of the list it links to."""

from datetime import date, datetime, timedelta

import pytest
import time_machine

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications.dashboard import tiles

pytestmark = pytest.mark.django_db
TODAY = date(2023, 12, 20)


def test_each_count_matches_its_list(client, officer, make_communication):
    make_communication(code="RUS", sent_on=date(2023, 10, 25), title="public in four days")
    make_communication(code="TUR", sent_on=date(2023, 10, 1), title="public and unanswered")
    make_communication(code="IRN", type="UA", sent_on=TODAY - timedelta(days=1), title="fresh appeal")
    with time_machine.travel(datetime(2023, 12, 20, 10, tzinfo=OFFICE_TIME_ZONE), tick=False):
        client.force_login(officer)
        found = tiles(officer)
        assert [(tile.label, tile.count) for tile in found] == [
            ("Becoming public in the next 7 days", 1),
            ("Past 60 days without a reply", 1),
            ("Urgent appeals of the last 48 hours", 1),
        ]
        assert found[2].urgent
        for tile, title in zip(
            found, ("public in four days", "public and unanswered", "fresh appeal"), strict=True
        ):
            listed = client.get(tile.url).content.decode()
            assert title in listed, tile
            assert f"{tile.count} communication" in listed


def test_no_tile_for_those_who_may_not_follow_the_link(co_signer, analyst):
    assert tiles(co_signer) == []
    assert tiles(analyst) == []
