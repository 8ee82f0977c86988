"""The communication and letter pages read a bounded number of queries, none scanning every public communication."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from defenders.communications import actions


def page_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_detail_and_letter_pages_read_few_queries_whatever_the_database_holds(client, make_communication):
    shown = make_communication(code="TUR", sent_on=date(2023, 1, 10), full_text="Excellency, ...")
    actions.record_reply(shown, received_on=date(2023, 2, 1), summary="The Government replied.", by=None)
    for day in range(1, 4):
        make_communication(code="RUS", sent_on=date(2022, 3, day))
    urls = [shown.get_absolute_url(), f"{shown.get_absolute_url()}letter/"]
    few = [len(page_queries(client, url)) for url in urls]
    for day in range(4, 16):
        other = make_communication(code="RUS", sent_on=date(2022, 3, day))
        actions.record_reply(other, received_on=date(2022, 5, 1), by=None)
    for url, before in zip(urls, few, strict=True):
        queries = page_queries(client, url)
        assert len(queries) == before <= 12
        # A reply is found by joining its own communication, not by a subquery over every public one.
        reply_queries = [sql for sql in queries if 'FROM "communications_reply"' in sql]
        assert reply_queries and all("IN (SELECT" not in sql.upper() for sql in reply_queries)
