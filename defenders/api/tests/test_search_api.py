"""The API's search and the exports: the same public communications as the page's search, and nothing else."""

import csv
import io
import json
from datetime import date

import pytest
import time_machine

from defenders.api.exports import CSV_COLUMNS, _cell
from defenders.interchange.records import read_record

from .world import EMBARGO_ENDS, assert_shows_only_the_public_one

RESULT_KEYS = {
    "id",
    "reference",
    "legacy_reference",
    "slug",
    "url",
    "type",
    "addressee",
    "sent_on",
    "public_from",
    "title",
    "reply_status",
    "mandates",
    "themes",
    "snippet",
}
FACETS = {"addressee", "year", "type", "mandate", "theme", "reply", "language"}


def test_the_list_answers_in_the_issues_keys(client, world):
    answer = client.get("/api/v1/communications").json()
    assert set(answer) == {"count", "next", "previous", "results", "facets"}
    assert set(answer["facets"]) == FACETS
    [result] = answer["results"]
    assert set(result) == RESULT_KEYS
    assert result["addressee"] == {"code": "RUS", "name": "Russian Federation"}
    assert result["title"] == "Russia: detention of [name withheld] (public marker) (joint communication)"
    assert result["mandates"] == ["SR HRDs", "WGAD"]
    assert result["themes"] == ["judicial-harassment"]
    assert result["reply_status"] == "replied"
    assert result["url"] == f"http://testserver/communications/{world.public.slug}/"
    assert (answer["count"], answer["next"], answer["previous"]) == (1, None, None)


def test_no_surface_of_the_search_shows_what_is_not_public(client, world):
    assert client.get("/api/v1/communications?q=Secretov").json()["count"] == 0
    assert client.get("/api/v1/communications?q=embargoed").json()["count"] == 0
    for url in (
        "/api/v1/communications",
        "/api/v1/communications?q=marker",
        "/api/v1/communications?theme=judicial-harassment",
        "/communications/export.csv",
        "/communications/export.jsonl",
        "/communications/export.jsonl?q=marker",
    ):
        body = b"".join(client.get(url).streaming_content) if "export" in url else client.get(url).content
        assert_shows_only_the_public_one(body.decode())


def test_facet_counts_leave_out_the_embargoed_and_the_withheld(client, world):
    facets = client.get("/api/v1/communications").json()["facets"]
    assert facets["addressee"] == [{"value": "RUS", "label": "Russia", "count": 1}]
    assert [(v["value"], v["count"]) for v in facets["theme"]] == [("judicial-harassment", 1)]


def test_past_the_publication_moment_the_embargoed_one_is_in_the_list_and_the_exports(client, world):
    with time_machine.travel(EMBARGO_ENDS):
        answer = client.get("/api/v1/communications?sort=date").json()
        exported = export_ids(client, "")
    assert [result["slug"] for result in answer["results"]] == [world.embargoed.slug, world.public.slug]
    assert exported == {str(world.embargoed.uid), str(world.public.uid)}


def test_a_parameter_that_cannot_be_used_is_a_400_that_says_why(client, world):
    for query in ("year=twenty", "type=XX", "page=0", "sort=oldest", "addressee=Russia", 'q="unclosed'):
        response = client.get(f"/api/v1/communications?{query}")
        assert response.status_code in (200, 400), query
        if response.status_code == 400:
            assert response.json()["detail"], query
    assert client.get("/api/v1/communications?type=XX").json() == {"detail": "The type must be AL, UA or OL."}
    assert client.get("/communications/export.csv?year=twenty").status_code == 400


@pytest.fixture
def many(make_communication, world):
    """45 public letters to Turkey in 2023 and 2022 besides the world's, to page through."""
    with time_machine.travel(EMBARGO_ENDS.replace(year=2025)):
        for n in range(45):
            make_communication(
                code="TUR", sent_on=date(2022 + n % 2, 1 + n % 12, 1 + n % 28), title=f"letter {n} marker"
            )
        yield


def api_ids(client, query: str) -> list[str]:
    ids, url = [], f"/api/v1/communications?{query}"
    while url:
        answer = client.get(url.removeprefix("http://testserver")).json()
        ids += [result["id"] for result in answer["results"]]
        url = answer["next"]
    return ids


def export_ids(client, query: str) -> set[str]:
    text = b"".join(client.get(f"/communications/export.csv?{query}").streaming_content).decode()
    csv_ids = [row["id"] for row in csv.DictReader(io.StringIO(text))]
    lines = (
        b"".join(client.get(f"/communications/export.jsonl?{query}").streaming_content).decode().splitlines()
    )
    jsonl_ids = [json.loads(line)["id"] for line in lines]
    assert csv_ids == jsonl_ids  # the same order too
    return set(csv_ids)


@pytest.mark.parametrize(
    "query", ["", "addressee=TUR", "year=2023", "addressee=TUR&year=2022&sort=date", "q=marker", "type=UA"]
)
def test_an_export_holds_the_same_communications_as_the_api_list_for_that_filter(client, many, query):
    with time_machine.travel(EMBARGO_ENDS.replace(year=2025)):
        listed = api_ids(client, query)
        exported = export_ids(client, query)
    assert len(listed) == len(set(listed))
    assert set(listed) == exported
    if query in ("", "addressee=TUR"):
        assert len(exported) >= 45  # paged through three pages of the API


def test_the_csv_has_its_documented_columns(client, world):
    text = b"".join(client.get("/communications/export.csv").streaming_content).decode()
    reader = csv.reader(io.StringIO(text))
    assert tuple(next(reader)) == CSV_COLUMNS
    [row] = list(reader)
    values = dict(zip(CSV_COLUMNS, row, strict=True))
    assert values["mandates"] == "SR HRDs; WGAD" and values["public_replies"] == "1"
    assert values["public_from"] == "2023-12-24T00:00:00+01:00"


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted():
    assert _cell('=HYPERLINK("http://example.org")') == '\'=HYPERLINK("http://example.org")'
    assert [_cell(value) for value in ("+1", "-1", "@SUM(A1)")] == ["'+1", "'-1", "'@SUM(A1)"]
    assert [_cell(value) for value in ("AL RUS 1/2023", None, 3)] == ["AL RUS 1/2023", "", "3"]


def test_jsonl_lines_are_interchange_records_an_importer_reads(client, world, mandates):
    lines = b"".join(client.get("/communications/export.jsonl").streaming_content).decode().splitlines()
    [line] = lines
    record = read_record(json.loads(line))
    assert record.title == "detention of [name withheld] (public marker)"
    assert record.persons == [] and record.withheld is False
    api = client.get(f"/api/v1/communications/{world.public.slug}").json()
    assert json.loads(line) == api


def test_exports_stream_and_are_rate_limited_apart_from_the_api(client, world, settings):
    settings.DEFENDERS_EXPORT_RATE = "2/h"
    first = client.get("/communications/export.jsonl")
    assert first.streaming and first["Content-Disposition"] == 'attachment; filename="communications.jsonl"'
    assert first["Access-Control-Allow-Origin"] == "*"
    client.get("/communications/export.csv")
    refused = client.get("/communications/export.csv")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.get("/api/v1/communications").status_code == 200


def test_an_export_costs_the_same_queries_for_few_rows_as_for_many(client, make_communication):
    """Relations are read a chunk at a time, not a row at a time: memory and queries do not grow with rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_export() -> int:
        with CaptureQueriesContext(connection) as captured:
            b"".join(client.get("/communications/export.jsonl").streaming_content)
            b"".join(client.get("/communications/export.csv").streaming_content)
        return len(captured.captured_queries)

    with time_machine.travel(EMBARGO_ENDS):
        for n in range(3):
            make_communication(sent_on=date(2023, 1, 1 + n), title=f"few {n}")
        few = queries_for_export()
        for n in range(12):
            make_communication(code="TUR", sent_on=date(2023, 2, 1 + n), title=f"many {n}")
        assert queries_for_export() == few
