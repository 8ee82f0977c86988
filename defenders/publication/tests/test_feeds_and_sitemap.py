"""Atom feeds and the sitemap: only what the publication rule holds public, entries dated by publication."""

from datetime import date, datetime
from xml.etree import ElementTree

import pytest
import time_machine

from defenders.api.tests.world import EMBARGO_ENDS, NOW, assert_shows_only_the_public_one, build_world
from defenders.clock import OFFICE_TIME_ZONE

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def world(make_communication, concerning):
    with time_machine.travel(NOW):
        yield build_world(make_communication, concerning)


def entries(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    return [
        {
            "title": entry.findtext(f"{ATOM}title", ""),
            "link": entry.find(f"{ATOM}link").get("href", ""),  # type: ignore[union-attr]
            "published": entry.findtext(f"{ATOM}published", ""),
            "updated": entry.findtext(f"{ATOM}updated", ""),
        }
        for entry in feed.iter(f"{ATOM}entry")
    ]


FEEDS = (
    "/feeds/communications.atom",
    "/feeds/addressees/RUS.atom",
    "/feeds/mandates/SR%20HRDs.atom",
    "/feeds/themes/judicial-harassment.atom",
)


@pytest.mark.parametrize("url", FEEDS)
def test_each_feed_shows_only_the_public_communication_redacted(client, world, url):
    response = client.get(url)
    [entry] = entries(response)
    assert entry["link"] == f"http://testserver/communications/{world.public.slug}/"
    assert_shows_only_the_public_one(response.content.decode())


def test_an_entry_is_dated_by_when_it_became_public_not_when_it_was_sent(client, world):
    [entry] = entries(client.get("/feeds/communications.atom"))
    assert entry["published"] == entry["updated"] == "2023-12-24T00:00:00+01:00"


def test_moving_past_the_publication_moment_puts_the_embargoed_one_first(client, world):
    with time_machine.travel(EMBARGO_ENDS):
        got = entries(client.get("/feeds/communications.atom"))
        turkey = entries(client.get("/feeds/addressees/TUR.atom"))
    assert [entry["published"] for entry in got] == ["2024-03-20T00:00:00+01:00", "2023-12-24T00:00:00+01:00"]
    assert "embargoed marker" in got[0]["title"] and len(turkey) == 1


def test_entries_are_ordered_by_publication_an_other_letter_before_an_older_sent_allegation(
    client, make_communication
):
    with time_machine.travel(datetime(2024, 3, 1, 12, tzinfo=OFFICE_TIME_ZONE)):
        # Sent 20 December, public 18 February; the other letter sent 1 February (a Thursday) is public on the 5th.
        make_communication(sent_on=date(2023, 12, 20), title="allegation sent first")
        make_communication(type="OL", sent_on=date(2024, 2, 1), title="other letter sent later")
        make_communication(type="OL", sent_on=date(2024, 2, 22), title="other letter sent last")
        got = entries(client.get("/feeds/communications.atom"))
    assert [entry["published"][:10] for entry in got] == ["2024-02-26", "2024-02-18", "2024-02-05"]


def test_a_code_that_is_no_addressee_and_unknown_mandates_or_themes_are_404(client, world):
    for url in ("/feeds/addressees/XYZ.atom", "/feeds/mandates/SR%20Nobody.atom", "/feeds/themes/none.atom"):
        assert client.get(url).status_code == 404, url


def test_a_state_with_only_confidential_letters_has_an_empty_feed_like_any_other(client, world):
    assert entries(client.get("/feeds/addressees/TUR.atom")) == []
    assert entries(client.get("/feeds/addressees/FRA.atom")) == []


def test_a_feed_answers_304_when_unchanged(client, world):
    first = client.get("/feeds/communications.atom")
    assert (
        client.get("/feeds/communications.atom", headers={"If-None-Match": first["ETag"]}).status_code == 304
    )


def sitemap_locations(client) -> list[str]:
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own output)
    locations = []
    for section in index.iter(f"{SITEMAP}loc"):
        response = client.get(section.text.removeprefix("http://testserver"))  # type: ignore[union-attr]
        assert response.status_code == 200
        section_map = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
        locations += [loc.text or "" for loc in section_map.iter(f"{SITEMAP}loc")]
    return locations


def test_the_sitemap_lists_the_public_pages_and_nothing_embargoed_or_withheld(client, world):
    locations = sitemap_locations(client)
    assert f"http://testserver/communications/{world.public.slug}/" in locations
    assert f"http://testserver/communications/{world.public.slug}/letter/" in locations
    assert "http://testserver/communications/" in locations
    assert not any(world.embargoed.slug in loc or world.withheld.slug in loc for loc in locations)
    with time_machine.travel(EMBARGO_ENDS):
        later = sitemap_locations(client)
    assert f"http://testserver/communications/{world.embargoed.slug}/" in later
    assert not any(world.withheld.slug in loc for loc in later)


def test_every_address_in_the_sitemap_opens(client, world):
    for location in sitemap_locations(client):
        assert client.get(location.removeprefix("http://testserver")).status_code == 200, location
