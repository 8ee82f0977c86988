"""Exports of any search of the public communications, streamed row by row so that memory stays flat however
many match: CSV with fixed columns, and JSON Lines in the interchange format (the public record)."""

import csv
import json
from collections.abc import Iterator

from django.http import HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_safe

from defenders.search import InvalidSearch, SearchParams, matching

from .http import error, open_data
from .records import hit_record, public_record, with_public_relations

# Communications read (with their relations) per round trip: each chunk costs a fixed number of queries.
CHUNK = 500
# The CSV's columns, in order; README.md ("Open data") says what each holds.
CSV_COLUMNS = (
    "id",
    "reference",
    "legacy_reference",
    "slug",
    "url",
    "type",
    "addressee_code",
    "addressee_name",
    "sent_on",
    "public_from",
    "language",
    "title",
    "reply_status",
    "mandates",
    "themes",
    "public_replies",
)
LIST_SEPARATOR = "; "
# A cell starting with one of these is read as a formula by spreadsheets: it is prefixed with an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def matching_communications(params: SearchParams):
    """Every public communication the search matches, in its order, read in chunks with their relations."""
    return with_public_relations(matching(params)).iterator(chunk_size=CHUNK)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_rows(params: SearchParams, site_url: str = "") -> Iterator[list[str]]:
    yield list(CSV_COLUMNS)
    for communication in matching_communications(params):
        hit = hit_record(communication, "", site_url=site_url)
        row = {
            **hit,
            "addressee_code": hit["addressee"]["code"],
            "addressee_name": hit["addressee"]["name"],
            "language": communication.language,
            "mandates": LIST_SEPARATOR.join(hit["mandates"]),
            "themes": LIST_SEPARATOR.join(hit["themes"]),
            "public_replies": len(communication.public_replies),  # type: ignore[attr-defined]
        }
        yield [_cell(row[column]) for column in CSV_COLUMNS]


def jsonl_lines(params: SearchParams, site_url: str = "") -> Iterator[str]:
    for communication in matching_communications(params):
        record = public_record(communication, site_url=site_url)
        yield json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


class _Line:
    """csv.writer writes to this and gets the line back, so that rows stream one by one."""

    def write(self, line: str) -> str:
        return line


def _params(request: HttpRequest) -> SearchParams:
    return SearchParams.from_query(request.GET)


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@open_data(group="export", rate_setting="DEFENDERS_EXPORT_RATE")
@require_safe
def export_csv(request: HttpRequest):
    try:
        params = _params(request)
    except InvalidSearch as invalid:
        return error(400, str(invalid))
    writer = csv.writer(_Line())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in csv_rows(params, _site(request))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="communications.csv"'
    return response


@open_data(group="export", rate_setting="DEFENDERS_EXPORT_RATE")
@require_safe
def export_jsonl(request: HttpRequest):
    try:
        params = _params(request)
    except InvalidSearch as invalid:
        return error(400, str(invalid))
    response = StreamingHttpResponse(
        jsonl_lines(params, _site(request)), content_type="application/jsonl; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="communications.jsonl"'
    return response
