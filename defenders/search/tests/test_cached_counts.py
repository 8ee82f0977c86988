"""The counts, facets and page ids a search keeps in the public cache: never a letter the rule holds back, every
letter from the moment the rule makes it public, and a page whose query count does not grow with its size."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions
from defenders.search import SearchParams, search

pytestmark = pytest.mark.django_db

# Day 59 of a letter sent on 1 March 2024: confidential until 00:00 on 30 April.
SENT = date(2024, 3, 1)
DAY_59 = datetime(2024, 4, 29, 23, 59, 59, tzinfo=OFFICE_TIME_ZONE)
DAY_60 = datetime(2024, 4, 30, 0, 0, tzinfo=OFFICE_TIME_ZONE)


def _counting_statements(captured: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in captured.captured_queries if "'count'" in query["sql"]]


def _addressees(params: SearchParams) -> dict[str, int]:
    return {value.value: value.count for value in search(params).facets["addressee"]}


@pytest.fixture
def embargoed_and_public(make_communication):
    make_communication(title="embargoed", background="A hidden-word here.", sent_on=SENT, code="RUS")
    return make_communication(
        title="public", background="A hidden-word too.", code="TUR", sent_on=date(2023, 1, 5)
    )


@pytest.mark.parametrize("text", ["", "hidden"])
def test_a_cached_count_never_holds_an_embargoed_letter_and_its_day_shows_it(embargoed_and_public, text):
    params = SearchParams(q=text)
    with time_machine.travel(DAY_59, tick=False):
        assert search(params).count == 1
        with CaptureQueriesContext(connection) as captured:
            again = search(params)
        assert not _counting_statements(captured), "the second search counted again"
        assert again.count == 1
        assert _addressees(params) == {"TUR": 1}
        assert sum(value.count for value in again.facets["mandate"]) == 2
    # No write in between: only the clock moves past the publication moment, and the count follows it.
    with time_machine.travel(DAY_60, tick=False):
        result = search(params)
        assert result.count == 2
        assert _addressees(params) == {"TUR": 1, "RUS": 1}
        assert sorted(hit.communication.title for hit in result.hits) == ["embargoed", "public"]


def test_a_letter_withheld_leaves_the_cached_counts_at_once(embargoed_and_public, officer):
    with time_machine.travel(DAY_60, tick=False):
        assert search(SearchParams(q="hidden")).count == 2
        actions.withhold_communication(embargoed_and_public, reason="Risk to the source", by=officer)
        result = search(SearchParams(q="hidden"))
        assert result.count == 1
        assert [hit.communication.title for hit in result.hits] == ["embargoed"]
        assert _addressees(SearchParams(q="hidden")) == {"RUS": 1}


def test_pages_and_sorts_of_one_search_share_its_counts(make_communication):
    for day in range(1, 6):
        make_communication(title=f"letter {day}", background="torture", sent_on=date(2023, 1, day))
    search(SearchParams(q="torture"), per_page=2)
    with CaptureQueriesContext(connection) as captured:
        for changed in (SearchParams(q="torture", page=2), SearchParams(q="TORTURE", sort="date", page=3)):
            assert search(changed, per_page=2).count == 5
    assert not _counting_statements(captured)


def test_a_new_letter_is_counted_at_once(make_communication):
    make_communication(title="first", background="about rivers", sent_on=date(2023, 1, 5))
    assert search(SearchParams(q="rivers")).count == 1
    make_communication(title="second", background="about rivers", sent_on=date(2023, 1, 6), code="TUR")
    result = search(SearchParams(q="rivers"))
    assert result.count == 2
    assert [hit.communication.title for hit in result.hits] == ["second", "first"]


@pytest.mark.parametrize("query", ["", "q=torture", "q=torture&sort=date", "addressee=RUS&type=AL"])
def test_a_results_page_asks_the_same_number_of_queries_whatever_its_size(
    client, settings, make_communication, concerning, query
):
    for day in range(1, 9):
        communication = make_communication(
            title=f"letter {day}",
            background="torture",
            sent_on=date(2023, 1, day),
            signers=("SR HRDs", "WGAD"),
        )
        actions.record_reply(communication, received_on=date(2023, 2, day), summary="The State denies it.")
        concerning(communication, f"Qwyl Zorvath{day}", named_in_public=day % 2 == 0)
    # Once before counting: what a process reads once per public-data version (the press releases' moments) is
    # the same for both sizes.
    client.get(f"/communications/?{query}")
    asked = {}
    for size in (2, 8):
        settings.DEFENDERS_PAGE_SIZE = size
        # Signed-out readers get the page cache; a cookie leaves the search to answer (and its caches cold).
        client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/communications/?{query}")
        assert response.status_code == 200
        assert response.content.count(b"<tr>\n      <td><time") == size
        asked[size] = len(captured.captured_queries)
    assert asked[2] == asked[8], asked
