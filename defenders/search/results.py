"""A search of the public communications: the filtered public queryset, its ranked page of hits with snippets,
and facet counts. Which communications may appear is `Communication.objects.public()`'s answer, never this
module's: every query starts from it."""

import math
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape

from defenders.addressees.models import Addressee
from defenders.cases.models import CasePerson, Theme
from defenders.clock import office_now, office_today
from defenders.communications.models import Communication, CommunicationMandate, Reply
from defenders.mandates.models import Mandate
from defenders.publication.cache import cached, public_cache, public_cache_key

from .documents import GREATER_THAN, LESS_THAN, MATCH_END, MATCH_START, current_generation, status_of
from .engines import current_engine
from .models import ReplyStatus, SearchDocument
from .params import MAX_PAGE, SearchParams
from .query import TextQuery

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FACETS = ("addressee", "year", "type", "mandate", "theme", "reply", "language")
NON_STATE = "OTH"
PLAIN_SNIPPET_CHARACTERS = 240


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: "StrOrPromise"  # a lazy label is cached as such and shown in each page's language
    count: int


@dataclass(frozen=True)
class Hit:
    communication: (
        Communication  # public, with addressee, mandate links, themes and public replies prefetched
    )
    snippet: str  # HTML-safe; matched words in <mark>


@dataclass(frozen=True)
class SearchResult:
    count: int
    page: int
    num_pages: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def reply_status(communication: Communication) -> str:
    """none | replied | procedural | confidential | translation_pending, from the public replies only (those
    prefetched as `public_replies` when a list fetched them)."""
    replies = getattr(communication, "public_replies", None)
    if replies is None:
        replies = Reply.objects.public().filter(communication=communication)
    return status_of(replies)


def _filtered(params: SearchParams, *, text: bool = True) -> QuerySet[Communication]:
    """The public communications matching every parameter (without the text when `text` is false: ranking
    joins the text index itself). Public twice over: by the index's public_from, and by public() itself."""
    where = _Where(params, office_now(), text_ids=_text_ids(params) if text else None)
    sql = f"SELECT d.communication_id FROM {DOCUMENTS} d WHERE {where.sql()}"  # noqa: S608
    ids = RawSQL(sql, where.params())  # noqa: S611
    return Communication.objects.public().filter(pk__in=ids)


def matching(params: SearchParams) -> QuerySet[Communication]:
    """Every public communication the search matches, ordered as `sort` says, without paging (for exports)."""
    query = params.text_query()
    if query is None or not params.ranked:
        return _filtered(params).order_by("-sent_on", "-pk")
    return current_engine().ranked(query, _filtered(params, text=False))


DOCUMENTS = SearchDocument._meta.db_table
_COMMUNICATIONS = Communication._meta.db_table
_MANDATE_LINKS = CommunicationMandate._meta.db_table
_THEME_LINKS = Communication.themes.through._meta.db_table
_MANDATES = Mandate._meta.db_table
_THEMES = Theme._meta.db_table


def _text_ids(params: SearchParams) -> tuple[str, list] | None:
    """The engine's SELECT of the ids the text matches, with its params; None without text."""
    query = params.text_query()
    if query is None:
        return None
    ids = current_engine().matching_ids(query)
    return ids.sql, list(ids.params)


class _Where:
    """The conditions of a search on the index rows `d`: the publication rule from the row's public_from (the
    moment embargo.public_from() gave), then each filter; `leave_out` drops one (a facet counts without its
    own value). Values are always parameters."""

    def __init__(self, params: SearchParams, now, *, text_ids: tuple[str, list] | None) -> None:
        self.search, self.now, self.text_ids = params, now, text_ids

    def filters(self) -> dict[str, tuple[str, list]]:
        """Each chosen filter's condition on `d`, by facet name."""
        search, ops = self.search, connection.ops
        chosen: dict[str, tuple[str, list]] = {}
        if search.addressee:
            chosen["addressee"] = ("d.addressee_code = %s", [search.addressee])
        if search.year is not None:
            # A range of sending days, which the date index serves, rather than the year column.
            first, after = date(search.year, 1, 1), date(search.year + 1, 1, 1)
            days = [ops.adapt_datefield_value(first), ops.adapt_datefield_value(after)]
            chosen["year"] = ("d.sent_on >= %s AND d.sent_on < %s", days)
        if search.type:
            chosen["type"] = ("d.type = %s", [search.type])
        if search.mandate:
            chosen["mandate"] = (
                f"d.communication_id IN (SELECT link.communication_id FROM {_MANDATE_LINKS} link "  # noqa: S608
                f"JOIN {_MANDATES} mandate ON mandate.id = link.mandate_id WHERE mandate.short_name = %s)",
                [search.mandate],
            )
        if search.theme:
            chosen["theme"] = (
                f"d.communication_id IN (SELECT link.communication_id FROM {_THEME_LINKS} link "  # noqa: S608
                f"JOIN {_THEMES} theme ON theme.id = link.theme_id WHERE theme.slug = %s)",
                [search.theme],
            )
        if search.reply:
            chosen["reply"] = ("d.reply_status = %s", [search.reply])
        if search.language:
            chosen["language"] = ("d.language = %s", [search.language])
        return chosen

    def parts(self, leave_out: str = "") -> list[tuple[str, list]]:
        now = connection.ops.adapt_datetimefield_value(self.now)
        parts: list[tuple[str, list]] = [("d.public_from <= %s", [now])]
        if self.text_ids is not None:
            parts.append((f"d.communication_id IN ({self.text_ids[0]})", self.text_ids[1]))
        parts += [condition for name, condition in self.filters().items() if name != leave_out]
        return parts

    def sql(self, leave_out: str = "") -> str:
        return " AND ".join(sql for sql, _ in self.parts(leave_out))

    def params(self, leave_out: str = "") -> list:
        return [value for _, values in self.parts(leave_out) for value in values]


# What a list of hits never shows (its page and the API show the title, topic and snippet): left unread.
LONG_TEXTS = ("background", "allegations", "concerns", "update", "full_text")


def _for_display(ids: list[int]) -> dict[int, Communication]:
    communications = (
        Communication.objects.public()
        .filter(pk__in=ids)
        .defer(*LONG_TEXTS)
        .select_related("addressee")
        .prefetch_related(
            Prefetch("mandate_links", queryset=CommunicationMandate.objects.select_related("mandate")),
            Prefetch("replies", queryset=Reply.objects.public(of=ids), to_attr="public_replies"),
            Prefetch("cases__caseperson_set", queryset=CasePerson.objects.select_related("person")),
            "themes",
            "public_versions",
        )
    )
    return {communication.pk: communication for communication in communications}


def _page_ids_sql(params: SearchParams, per_page: int, now) -> tuple[str, list]:
    """The statement of one page's ids, read from the narrow index rows alone (their indexes serve the date
    order; the engine ranks a bounded candidate set)."""
    offset = (params.page - 1) * per_page
    query = params.text_query()
    if query is not None and params.ranked:
        where = _Where(params, now, text_ids=None)
        return current_engine().ranked_page(query, where.sql(), where.params(), per_page, offset)
    where = _Where(params, now, text_ids=_text_ids(params))
    sql = (
        f"SELECT d.communication_id FROM {DOCUMENTS} d WHERE {where.sql()} "  # noqa: S608
        "ORDER BY d.sent_on DESC, d.communication_id DESC LIMIT %s OFFSET %s"
    )
    return sql, [*where.params(), per_page, offset]


def _page_ids(params: SearchParams, per_page: int, now) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(*_page_ids_sql(params, per_page, now))
        return [row[0] for row in cursor.fetchall()]


def _page_with_snippets(params: SearchParams, per_page: int, now) -> tuple[list[int], dict[int, str]]:
    """One page's ids and, for a text search, the engine's marked passage of each (PostgreSQL's headline parses
    each letter's whole text again: the costliest part of a page once its counts are kept)."""
    ids = _page_ids(params, per_page, now)
    query = params.text_query()
    return ids, current_engine().snippets(query, ids) if query is not None else {}


def _snippet(marked: str) -> str:
    text = marked.replace(LESS_THAN, "<").replace(GREATER_THAN, ">")
    return escape(text).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")


def _plain_snippet(communication: Communication) -> str:
    from defenders.publication.summary import PublicSummary

    text = PublicSummary(communication, replies=getattr(communication, "public_replies", None)).topic
    if len(text) > PLAIN_SNIPPET_CHARACTERS:
        text = text[:PLAIN_SNIPPET_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return str(escape(text))


def search(params: SearchParams, *, per_page: int = 20, with_facets: bool = True) -> SearchResult:
    """One page of public hits, best first (or newest first), with their snippets and the facets' counts."""
    # One moment for every statement of the page, so that its count, facets and hits agree.
    now = office_now()
    asked = _asked(params, now)
    count, facets = _counts(params, now, with_facets, asked)
    num_pages = max(1, min(MAX_PAGE, math.ceil(count / per_page)))
    # Past the last page, the last page: an address kept from a larger result still shows something.
    params = replace(params, page=min(params.page, num_pages))
    ids: list[int] = []
    marked: dict[int, str] = {}
    if count:
        page = ("search-page", *asked, params.ranked, params.page, per_page)
        ids, marked = cached(page, lambda: _page_with_snippets(params, per_page, now))
    # The ids may come from the cache; the communications shown pass public() now, whatever the cache says.
    shown = _for_display(ids)
    ids = [pk for pk in ids if pk in shown]
    hits = [
        Hit(shown[pk], _snippet(marked[pk]) if marked.get(pk) else _plain_snippet(shown[pk])) for pk in ids
    ]
    return SearchResult(count=count, page=params.page, num_pages=num_pages, hits=hits, facets=facets)


def _asked(params: SearchParams, now) -> tuple:
    """What a search's counts and pages depend on besides the public data (which public_cache_key() adds with its
    version, the office day and the next publication moment): the text as read, every filter, the index's
    generation (`defenders reindex` changes no public data) and the office day of `now`, the moment the page
    counts at, so that an answer counted just before midnight is never served as the next day's."""
    query = params.text_query()
    filters = tuple(getattr(params, name) for name in FACETS)
    text = query.alternatives if query is not None else None
    return (text, filters, current_generation(), office_today(now).isoformat())


def _counts(
    params: SearchParams, now, with_facets: bool, asked: tuple | None = None
) -> tuple[int, dict[str, list[FacetValue]]]:
    """The count and facets of a search, kept in the public cache for the day (see _asked)."""
    parts = ("search-counts", *(asked or _asked(params, now)), with_facets)
    return cached(parts, lambda: _counted(params, now, with_facets))


def _counted(params: SearchParams, now, with_facets: bool) -> tuple[int, dict[str, list[FacetValue]]]:
    """The count of a search and, for each facet, every value's count among the matches of the other
    parameters (choosing a value, in place of the one chosen, returns exactly that many), labelled."""
    rows = _tallied(params, now, with_facets)
    count = rows.get("count", {}).get(None, 0)
    if not with_facets:
        return count, {}
    return count, {name: _LABELLERS[name](rows.get(name, {})) for name in FACETS}


# A text the engine finds in more than this share of the indexed documents is counted from the other side when
# the same search without the text is already counted (kept for the day): that tally, less the public documents
# the text is not in (a common word's few hundred rows instead of its thousands of matches, each with its
# mandates and themes). Without it kept, the matches are counted: counting both sides cost more than one.
COUNTED_FROM_THE_REST = 0.5


def _tallied(params: SearchParams, now, with_facets: bool) -> dict[str, dict]:
    """The raw counts of a search by facet and value (mandates and themes by id), "count" under None."""
    query = params.text_query()
    if query is None:
        return _tally_without_text(params, now, with_facets)
    engine = current_engine()
    everything = public_cache().get(public_cache_key(*_tally_parts(params, now, with_facets)))
    if everything is not None:
        matched, indexed = engine.match_estimate(query)
        if matched > COUNTED_FROM_THE_REST * indexed:
            # Exact, never estimated: both sides are counted at one state of the public data (the kept tally's
            # key holds the data's version, the office day and the next publication moment, as every count's).
            rest = _run(
                _counts_of_matches(params, now, query, with_facets, matched=False), engine.reading_matches()
            )
            return {
                name: {
                    value: count - rest.get(name, {}).get(value, 0)
                    for value, count in counts.items()
                    if count > rest.get(name, {}).get(value, 0) or name == "count"
                }
                for name, counts in everything.items()
            }
    return _run(_counts_of_matches(params, now, query, with_facets), engine.reading_matches())


def _tally_parts(params: SearchParams, now, with_facets: bool) -> tuple:
    return ("search-tally", *_asked(replace(params, q=""), now), with_facets)


def _tally_without_text(params: SearchParams, now, with_facets: bool) -> dict[str, dict]:
    """The raw counts of the search without its text, kept for the day: the list (or the filters alone) keeps
    them, and every text search with the same filters counted from the other side reads them."""
    plain = replace(params, q="")
    return cached(
        _tally_parts(plain, now, with_facets),
        lambda: _run(_counts_by_branch(plain, now, with_facets), nullcontext()),
    )


def _run(statement: tuple[str, list], reading: AbstractContextManager[object]) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    with reading, connection.cursor() as cursor:
        cursor.execute(*statement)
        for name, value, counted in cursor.fetchall():
            rows.setdefault(name, {})[value] = counted
    return rows


def _counts_by_branch(params: SearchParams, now, with_facets: bool) -> tuple[str, list]:
    """Without text: one statement of branches, each a count over the narrow index rows with every filter but
    its own, read from the covering indexes (the date index for everything public, the addressee index for a
    chosen addressee)."""
    where = _Where(params, now, text_ids=None)
    branches = [
        (
            f"SELECT 'count', CAST(NULL AS TEXT), count(*) FROM {DOCUMENTS} d WHERE {where.sql()}",  # noqa: S608
            where.params(),
        )
    ]
    if with_facets:
        for name, column in _FACET_COLUMNS.items():
            branches.append(
                (
                    f"SELECT '{name}', CAST(d.{column} AS TEXT), count(*) FROM {DOCUMENTS} d "  # noqa: S608
                    f"WHERE {where.sql(name)} GROUP BY d.{column}",
                    where.params(name),
                )
            )
        for name, (links, column) in _LINKED_FACETS.items():
            if len(where.parts(name)) == 1:
                branches.append(_linked_to_everything_public(name, links, column, where.params(name)))
                continue
            branches.append(
                (
                    f"SELECT '{name}', CAST(link.{column} AS TEXT), count(*) FROM {links} link "  # noqa: S608
                    f"WHERE link.communication_id IN (SELECT d.communication_id FROM {DOCUMENTS} d "
                    f"WHERE {where.sql(name)}) GROUP BY link.{column}",
                    where.params(name),
                )
            )
    sql = " UNION ALL ".join(f"SELECT * FROM ({branch}) counted" for branch, _ in branches)  # noqa: S608
    return sql, [value for _, branch_values in branches for value in branch_values]


def _linked_to_everything_public(name: str, links: str, column: str, public: list) -> tuple[str, list]:
    """A linked facet's counts over every public communication (no other filter chosen): every link of the table,
    read in the order of its value index (no sort), less the links of the few communications that are not
    public (no index row, or one the publication rule holds back), found by an anti-join. Joining each of the
    tens of thousands of public communications to its links, and sorting them, cost three times as much."""
    held = (
        f"SELECT c.id FROM {_COMMUNICATIONS} c LEFT JOIN {DOCUMENTS} d "  # noqa: S608
        "ON d.communication_id = c.id AND d.public_from <= %s WHERE d.communication_id IS NULL"
    )
    sql = (
        f"SELECT '{name}', CAST(value AS TEXT), CAST(sum(counted) AS BIGINT) FROM ("  # noqa: S608
        f"SELECT link.{column} AS value, count(*) AS counted FROM {links} link GROUP BY link.{column} "
        f"UNION ALL SELECT link.{column}, -count(*) FROM {links} link "
        f"WHERE link.communication_id IN ({held}) GROUP BY link.{column}"
        ") linked GROUP BY value HAVING sum(counted) > 0"
    )
    return sql, public


def _counts_of_matches(
    params: SearchParams, now, query: TextQuery, with_facets: bool, *, matched: bool = True
) -> tuple[str, list]:
    """With text: the matches (or, `matched` false, the public documents the text is not in) are read once,
    each with its facet columns and, for each chosen filter, whether it fails it; a row failing two filters
    counts nowhere and is dropped there. Each count is then a GROUP BY over those rows: the count where none
    fails, a facet's where none but its own fails. A linked facet's rows are read from the link table's
    (communication, value) index, one probe per row kept (SQLite's CROSS JOIN keeps that order: its planner
    otherwise walks every link of the table by value and looks each row up)."""
    where = _Where(params, now, text_ids=None)
    chosen = where.filters()
    engine = current_engine()
    matches, match_params = engine.match_condition(query) if matched else engine.mismatch_condition(query)
    columns = ", ".join(f"d.{column} AS facet_{name}" for name, column in _FACET_COLUMNS.items())
    flags = "".join(
        f", CASE WHEN {sql} THEN 0 ELSE 1 END AS fails_{name}" for name, (sql, _) in chosen.items()
    )
    flag_params = [value for _, values in chosen.values() for value in values]
    failures = " + ".join(f"fails_{name}" for name in chosen) or "0"
    public = connection.ops.adapt_datetimefield_value(now)
    rows = (
        f"SELECT * FROM (SELECT d.communication_id AS id, {columns}{flags} FROM {DOCUMENTS} d "  # noqa: S608
        f"WHERE d.public_from <= %s AND {matches}) flagged WHERE {failures} <= 1"
    )
    values = [*flag_params, public, *match_params]

    def passing(leave_out: str = "") -> str:
        return " + ".join(f"fails_{name}" for name in chosen if name != leave_out) or "0"

    branches = [f"SELECT 'count', CAST(NULL AS TEXT), count(*) FROM found WHERE {passing()} = 0"]  # noqa: S608
    if with_facets:
        branches += [
            f"SELECT '{name}', CAST(facet_{name} AS TEXT), count(*) FROM found "  # noqa: S608
            f"WHERE {passing(name)} = 0 GROUP BY facet_{name}"
            for name in _FACET_COLUMNS
        ]
        branches += [
            f"SELECT '{name}', CAST(link.{column} AS TEXT), count(*) FROM found CROSS JOIN {links} link "  # noqa: S608
            f"WHERE link.communication_id = found.id AND {passing(name)} = 0 GROUP BY link.{column}"
            for name, (links, column) in _LINKED_FACETS.items()
        ]
    counts = " UNION ALL ".join(f"SELECT * FROM ({branch}) counted" for branch in branches)  # noqa: S608
    return f"WITH found AS MATERIALIZED ({rows}) {counts}", values


_FACET_COLUMNS = {
    "addressee": "addressee_code",
    "year": "year",
    "type": "type",
    "reply": "reply_status",
    "language": "language",
}
_LINKED_FACETS = {"mandate": (_MANDATE_LINKS, "mandate_id"), "theme": (_THEME_LINKS, "theme_id")}


def facet_counts(params: SearchParams) -> dict[str, list[FacetValue]]:
    """For each facet, every value's count among the matches of the other parameters: choosing a value (in
    place of the one chosen, if any) returns exactly that many."""
    return _counts(params, office_now(), with_facets=True)[1]


def _addressees(counts: dict[str, int]) -> list[FacetValue]:
    names: dict[str, str] = {}
    for code, name in (
        Addressee.objects.filter(code__in=counts).order_by("short_name").values_list("code", "short_name")
    ):
        names[code] = name  # the last of several under one code, as Max() gave
    values = [
        # Translated where it is shown (publication/search_page.py), so that the counts serve every language.
        FacetValue(code, "Non-State actors" if code == NON_STATE else names.get(code, code), count)
        for code, count in counts.items()
    ]
    return sorted(values, key=lambda v: (-v.count, v.label))


def _years(counts: dict[str, int]) -> list[FacetValue]:
    return sorted(
        (FacetValue(str(year), str(year), count) for year, count in counts.items() if year is not None),
        key=lambda v: v.value,
        reverse=True,
    )


def _choices(labels: dict[str, "StrOrPromise"]):
    def labelled(counts: dict[str, int]) -> list[FacetValue]:
        values = (FacetValue(value, labels.get(value, value), count) for value, count in counts.items())
        return sorted(values, key=lambda v: -v.count)

    return labelled


def _mandates(counts: dict[str, int]) -> list[FacetValue]:
    rows = Mandate.objects.filter(pk__in=[int(pk) for pk in counts]).values_list("pk", "short_name", "name")
    return sorted(
        (FacetValue(short_name, name, counts[str(pk)]) for pk, short_name, name in rows),
        key=lambda v: (-v.count, v.label),
    )


def _themes(counts: dict[str, int]) -> list[FacetValue]:
    rows = Theme.objects.filter(pk__in=[int(pk) for pk in counts]).values_list("pk", "slug", "name")
    return sorted(
        (FacetValue(slug, name, counts[str(pk)]) for pk, slug, name in rows),
        key=lambda v: (-v.count, v.label),
    )


def _replies(counts: dict[str, int]) -> list[FacetValue]:
    labels = dict(ReplyStatus.choices)
    return [
        FacetValue(status, labels[status], counts[status])
        for status in ReplyStatus.values
        if status in counts
    ]


_LABELLERS = {
    "addressee": _addressees,
    "year": _years,
    "type": _choices(dict(Communication.Type.choices)),
    "mandate": _mandates,
    "theme": _themes,
    "reply": _replies,
    "language": _choices(dict(Communication.Language.choices)),
}
