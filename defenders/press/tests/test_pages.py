"""The public pages of press releases: the list, each release, and the releases on a communication's page."""

import html
from datetime import date, datetime, timedelta

import pytest
import time_machine

from defenders.clock import OFFICE_TIME_ZONE
from defenders.press import actions
from defenders.press.publication import HIDDEN_REFERENCE

pytestmark = pytest.mark.django_db
MORNING = datetime(2024, 3, 1, 9, tzinfo=OFFICE_TIME_ZONE)


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def published(make_communication):
    """Sent on 25 October 2023: public from 24 December 2023."""
    return make_communication(code="RUS", sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")


@pytest.fixture
def embargoed(make_communication):
    """An urgent appeal sent the day before the release: confidential until 29 April 2024."""
    return make_communication(
        code="TUR", type="UA", sent_on=date(2024, 2, 29), title="secret matter", reference="UA TUR 9/2024"
    )


def release_at(moment: datetime, **content):
    release = actions.draft_press_release(
        title=content.pop("title", "Experts alarmed"), body=content.pop("body", "Geneva."), by=None, **content
    )
    actions.schedule_press_release(release, at=moment, by=None)
    return release


def test_the_list_shows_public_releases_newest_first(client):
    release_at(MORNING - timedelta(days=2), title="Older release")
    release_at(MORNING, title="Newer release")
    release_at(MORNING + timedelta(hours=1), title="Not yet")
    with time_machine.travel(MORNING, tick=False):
        page = text(client.get("/press-releases/"))
    assert page.index("Newer release") < page.index("Older release")
    assert "Not yet" not in page
    assert "not available on this site yet" not in page


def test_the_list_is_paginated(client, settings):
    settings.DEFENDERS_PAGE_SIZE = 2
    for number in range(3):
        release_at(MORNING - timedelta(days=number), title=f"Release {number}")
    with time_machine.travel(MORNING, tick=False):
        first, second = text(client.get("/press-releases/")), text(client.get("/press-releases/?page=2"))
    assert "Release 0" in first and "Release 2" not in first and 'href="?page=2"' in first
    assert "Release 2" in second


def test_a_release_has_its_page_from_its_moment_and_until_it_is_withdrawn(client):
    release = release_at(MORNING, title="Experts alarmed", body="The experts said today.")
    url = release.get_absolute_url()
    assert url == "/press-releases/experts-alarmed/"
    with time_machine.travel(MORNING - timedelta(minutes=1), tick=False):
        assert client.get(url).status_code == 404
    with time_machine.travel(MORNING, tick=False):
        response = client.get(url)
        assert response.status_code == 200
        assert "The experts said today." in text(response)
        actions.withdraw_press_release(release, reason="Facts disputed", by=None)
        assert client.get(url).status_code == 404
        assert client.get("/press-releases/no-such-release/").status_code == 404
        assert "Experts alarmed" not in text(client.get("/press-releases/"))


def test_a_draft_has_no_page(client):
    release = actions.draft_press_release(title="Draft", body="", by=None)
    assert client.get(f"/press-releases/{release.slug}/").status_code == 404


def test_names_withheld_from_the_public_are_redacted_in_title_body_and_address(client, published, concerning):
    concerning(published, "Olga Sergeeva", named_in_public=False)
    concerning(published, "Kwame Mensah", named_in_public=True)
    release = actions.draft_press_release(
        title="Olga Sergeeva detained",
        body="Experts call for the release of Olga Sergeeva; Kwame Mensah was freed.",
        communications=[published],
        by=None,
    )
    actions.publish_press_release(release, by=None)
    page = text(client.get(release.get_absolute_url()))
    listed = text(client.get("/press-releases/"))
    assert "Sergeeva" not in page + listed and "Olga" not in page + listed
    assert "[name withheld] detained" in page and "Kwame Mensah was freed" in page
    assert release.slug == "name-withheld-detained"


def test_names_withheld_in_a_linked_case_are_redacted_too(client, published, concerning):
    concerning(published, "Olga Sergeeva", named_in_public=False)
    case = published.cases.get()
    published.cases.clear()
    release = release_at(MORNING, title="On Olga Sergeeva", body="Olga Sergeeva.", cases=[case])
    with time_machine.travel(MORNING, tick=False):
        assert "Sergeeva" not in text(client.get(release.get_absolute_url()))


def test_only_public_communications_are_linked_and_named(client, published, embargoed):
    release = release_at(
        MORNING,
        body=f"The experts wrote to Türkiye ({embargoed.reference}) after {published.reference}.",
        communications=[published, embargoed],
    )
    with time_machine.travel(MORNING, tick=False):
        page = text(client.get(release.get_absolute_url()))
        embargoed_page = client.get(embargoed.get_absolute_url())
    assert published.get_absolute_url() in page and "AL RUS 15/2023" in page
    assert embargoed.slug not in page and embargoed.reference not in page and "secret matter" not in page
    assert HIDDEN_REFERENCE in page
    assert embargoed_page.status_code == 404
    with time_machine.travel(datetime(2024, 4, 29, tzinfo=OFFICE_TIME_ZONE), tick=False):
        page = text(client.get(release.get_absolute_url()))
    assert embargoed.get_absolute_url() in page and embargoed.reference in page


def test_the_communication_page_lists_its_public_press_releases(client, published):
    release_at(MORNING, title="Experts speak out", communications=[published])
    release_at(MORNING + timedelta(days=1), title="Tomorrow's release", communications=[published])
    withdrawn = release_at(MORNING, title="Withdrawn release", communications=[published])
    actions.withdraw_press_release(withdrawn, reason="a mistake", by=None)
    with time_machine.travel(MORNING, tick=False):
        page = text(client.get(published.get_absolute_url()))
    assert "Experts speak out" in page and "/press-releases/experts-speak-out/" in page
    assert "Tomorrow's release" not in page and "Withdrawn release" not in page


def test_the_home_page_links_the_press_releases(client):
    assert 'href="/press-releases/"' in text(client.get("/"))
