"""A text in most documents is counted from the other side when the search without the text is kept (that tally,
less the public documents the text is not in): the same exact counts as counting its matches, and never a letter
the rule holds back. Run on whichever engine DATABASE_URL names."""

from dataclasses import replace
from datetime import date, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from defenders.cases.models import Theme
from defenders.clock import OFFICE_TIME_ZONE, office_now
from defenders.communications import actions
from defenders.search import SearchParams, matching, results, search
from defenders.search.engines import current_engine

pytestmark = pytest.mark.django_db

# Day 59 and day 60 of a letter sent on 1 March 2024: public from 00:00 on 30 April.
SENT = date(2024, 3, 1)
DAY_59 = datetime(2024, 4, 29, 23, 59, 59, tzinfo=OFFICE_TIME_ZONE)
DAY_60 = datetime(2024, 4, 30, 0, 0, tzinfo=OFFICE_TIME_ZONE)
SEARCHES = (
    SearchParams(q="torture"),
    SearchParams(q='"torture and"'),
    SearchParams(q="torture", addressee="TUR", type="UA"),
    SearchParams(q="torture", mandate="WGAD"),
    SearchParams(q="torture", theme="judicial-harassment", year=2022),
    SearchParams(q="torture OR other"),
)


@pytest.fixture
def from_the_rest(monkeypatch):
    """Every text search counted from the other side, whatever share of the documents its text is in."""
    monkeypatch.setattr(results, "COUNTED_FROM_THE_REST", -1.0)


@pytest.fixture
def letters(make_communication):
    theme, _ = Theme.objects.get_or_create(
        slug="judicial-harassment", defaults={"name": "Judicial harassment"}
    )
    first = make_communication(
        title="a", background="torture and threats", signers=("SR HRDs", "WGAD"), sent_on=date(2022, 3, 1)
    )
    make_communication(title="b", background="torture", signers=("WGAD",), code="TUR", type="UA")
    make_communication(title="c", background="torture and more", code="TUR", type="UA", language="fr")
    make_communication(
        title="d", background="other", signers=("SR HRDs",), code="TUR", type="OL", language="fr"
    )
    first.themes.add(theme)
    actions.record_reply(first, received_on=date(2022, 4, 1), summary="The State denies the torture.")
    return first


def _keep_the_filters_alone(params: SearchParams) -> None:
    """Count (and keep) the search without its text, which the other side is counted from."""
    search(replace(params, q=""))


def _tally(params: SearchParams, share: float, monkeypatch) -> dict:
    monkeypatch.setattr(results, "COUNTED_FROM_THE_REST", share)
    cache.clear()
    _keep_the_filters_alone(params)
    with CaptureQueriesContext(connection) as captured:
        tally = results._tallied(params, office_now(), True)
    counted_from_the_rest = any("NOT " in query["sql"] for query in captured.captured_queries)
    assert counted_from_the_rest == (share < 0), params
    return tally


def test_both_sides_give_the_same_counts(letters, monkeypatch):
    for params in SEARCHES:
        assert _tally(params, -1.0, monkeypatch) == _tally(params, 2.0, monkeypatch), params


def test_each_value_counted_from_the_rest_is_what_choosing_it_returns(letters, from_the_rest):
    for params in SEARCHES:
        _keep_the_filters_alone(params)
        result = search(params)
        assert result.count == matching(params).count()
        for name, values in result.facets.items():
            for value in values:
                chosen = SearchParams(
                    **{**params.__dict__, name: int(value.value) if name == "year" else value.value}
                )
                assert matching(chosen).count() == value.count, (params, name, value)
                assert value.count > 0


def test_the_other_side_is_what_a_common_word_counts(letters):
    # "torture" is in three documents of four: the statement reads the one it is not in.
    matched, indexed = _estimate("torture")
    assert matched > results.COUNTED_FROM_THE_REST * indexed
    with CaptureQueriesContext(connection) as captured:
        assert search(SearchParams(q="torture")).count == 3
    counting = [query["sql"] for query in captured.captured_queries if "'count'" in query["sql"]]
    assert counting and not any("NOT " in sql for sql in counting), "counted from a tally not kept"
    cache.clear()
    _keep_the_filters_alone(SearchParams())
    with CaptureQueriesContext(connection) as captured:
        assert search(SearchParams(q="torture")).count == 3
    counting = [query["sql"] for query in captured.captured_queries if "'count'" in query["sql"]]
    assert any("NOT " in sql for sql in counting), counting
    if connection.vendor == "sqlite":
        # A word in one document of four is counted from its matches (FTS5's count is exact; PostgreSQL's
        # planner estimates a four-row table's lexemes too roughly to say).
        with CaptureQueriesContext(connection) as captured:
            assert search(SearchParams(q="threats")).count == 1
        counting = [query["sql"] for query in captured.captured_queries if "'count'" in query["sql"]]
        assert counting and not any("NOT " in sql for sql in counting), counting


def _estimate(word: str) -> tuple[int, int]:
    if connection.vendor == "postgresql":
        # The planner's estimate reads the tsvector's statistics, which ANALYZE gathers.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    query = SearchParams(q=word).text_query()
    assert query is not None
    return current_engine().match_estimate(query)


def test_a_letter_the_rule_holds_back_is_never_counted_from_the_rest(
    make_communication, from_the_rest, officer
):
    embargoed = make_communication(title="embargoed", background="secret torture", sent_on=SENT, code="RUS")
    make_communication(
        title="withheld", background="secret torture", code="CHN", withheld=True, withheld_reason="Risk"
    )
    make_communication(title="public", background="secret torture", code="TUR", sent_on=date(2023, 1, 5))
    make_communication(title="unmatched", background="nothing", code="EGY", sent_on=date(2023, 1, 6))
    params = SearchParams(q="secret")

    def addressees() -> dict[str, int]:
        return {value.value: value.count for value in search(params).facets["addressee"]}

    with time_machine.travel(DAY_59, tick=False):
        _keep_the_filters_alone(params)
        assert search(params).count == 1
        assert addressees() == {"TUR": 1}
        assert sum(value.count for value in search(params).facets["mandate"]) == 2
    # No write in between: the clock passes the publication moment, and both sides are counted anew.
    with time_machine.travel(DAY_60, tick=False):
        _keep_the_filters_alone(params)
        assert search(params).count == 2
        assert addressees() == {"TUR": 1, "RUS": 1}
        actions.withhold_communication(embargoed, reason="Risk to the source", by=officer)
        _keep_the_filters_alone(params)
        assert search(params).count == 1
        assert addressees() == {"TUR": 1}
