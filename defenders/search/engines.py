"""The two text engines behind one small interface: which communications match, in what order, and the snippet
of each. SQLite FTS5 (bm25) and PostgreSQL full-text search (tsvector, GIN, ts_rank); the rest is the ORM's."""

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Protocol

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from defenders.communications.models import Communication

from .documents import GREATER_THAN, LESS_THAN, MATCH_END, MATCH_START
from .params import MAX_PAGE
from .query import TextQuery

SNIPPET_WORDS = 30
# Relevance is computed for at most this many matches: the most recently recorded ones that pass every filter,
# as a search engine ranks a bounded candidate set instead of scoring every document a common word is in. A
# search with fewer matches is ranked whole; the count, the facets and the date order always cover every match.
# At least the offered pages' reach (params.MAX_PAGE pages), so that every page offered ranks the same set.
RANKED_CANDIDATES = 1000
# The SQL below is assembled from this module's constants only; the words searched are always parameters
# (hence the noqa: S608/S610/S611 on each statement).


class Engine(Protocol):
    def matching_ids(self, query: TextQuery) -> RawSQL:
        """A subquery of the ids of every indexed communication the text matches (for `pk__in`)."""
        ...

    def match_condition(self, query: TextQuery) -> tuple[str, list]:
        """A condition on the index row `d` that holds when the text matches it, with its params."""
        ...

    def mismatch_condition(self, query: TextQuery) -> tuple[str, list]:
        """A condition on the index row `d` that holds when the text does not match it, with its params (the
        rows counted when a text is in most documents), read from the text index, never from `d`'s text."""
        ...

    def match_estimate(self, query: TextQuery) -> tuple[int, int]:
        """About how many indexed documents the text matches, and how many there are: it chooses which side
        of a search is counted, never a figure shown."""
        ...

    def reading_matches(self) -> AbstractContextManager[object]:
        """Where a statement that reads every match of a text (its count and facets) runs."""
        ...

    def ranked(self, query: TextQuery, among: QuerySet[Communication]) -> QuerySet[Communication]:
        """The communications of `among` the text matches, best first (a lazy queryset: it streams)."""
        ...

    def snippets(self, query: TextQuery, ids: list[int]) -> dict[int, str]:
        """For each id, a passage of its text around the matches, matched words between MATCH_START/END."""
        ...

    def ranked_page(
        self, query: TextQuery, where: str, params: list, limit: int, offset: int
    ) -> tuple[str, list]:
        """SQL for one page of ids, best first, among the rows of `search_searchdocument d` that the text
        matches and `where` (conditions on d, with its params) keeps: the candidates are the
        RANKED_CANDIDATES matches of highest id, ranked by the engine's score, ties broken by id."""
        ...


@dataclass(frozen=True)
class SQLiteEngine:
    # The title weighs more than the body: a letter about a theme names it in its title.
    title_weight: float = 8.0
    body_weight: float = 1.0

    def matching_ids(self, query: TextQuery) -> RawSQL:
        return RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", (query.fts5(),))

    def match_condition(self, query: TextQuery) -> tuple[str, list]:
        # SQLite reads the subquery's rowids once into a list and probes it.
        return "d.communication_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", [
            query.fts5()
        ]

    def mismatch_condition(self, query: TextQuery) -> tuple[str, list]:
        return "d.communication_id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", [
            query.fts5()
        ]

    def match_estimate(self, query: TextQuery) -> tuple[int, int]:
        # Exact and cheap: FTS5 counts a word's document list without reading a row. The highest id bounds the
        # number of documents in one primary-key step (a count would read the whole index).
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [query.fts5()])
            (matched,) = cursor.fetchone()
            cursor.execute("SELECT coalesce(max(communication_id), 0) FROM search_searchdocument")
            (indexed,) = cursor.fetchone()
        return matched, indexed

    def reading_matches(self) -> AbstractContextManager[object]:
        return nullcontext()

    def ranked(self, query: TextQuery, among: QuerySet[Communication]) -> QuerySet[Communication]:
        # bm25() is read in the same statement as the MATCH, so the join (not a subquery) carries it.
        return among.extra(
            tables=["search_fts"],
            where=["search_fts.rowid = communications_communication.id", "search_fts MATCH %s"],
            params=[query.fts5()],
            select={"search_rank": "bm25(search_fts, %s, %s)"},
            select_params=(self.title_weight, self.body_weight),
        ).order_by("search_rank", "-pk")

    def ranked_page(
        self, query: TextQuery, where: str, params: list, limit: int, offset: int
    ) -> tuple[str, list]:
        # The inner LIMIT walks the text index by rowid from the newest and stops: bm25 is computed only for
        # the candidates it returns, not for every letter a common word is in.
        sql = (
            "SELECT id FROM (SELECT f.rowid AS id, bm25(search_fts, %s, %s) AS score "  # noqa: S608
            "FROM search_fts f JOIN search_searchdocument d ON d.communication_id = f.rowid "
            f"WHERE search_fts MATCH %s AND {where} ORDER BY f.rowid DESC LIMIT %s) candidates "
            "ORDER BY score, id DESC LIMIT %s OFFSET %s"
        )
        candidates = max(RANKED_CANDIDATES, MAX_PAGE * limit)
        return sql, [self.title_weight, self.body_weight, query.fts5(), *params, candidates, limit, offset]

    def snippets(self, query: TextQuery, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            "SELECT rowid, snippet(search_fts, 1, %s, %s, '…', %s) FROM search_fts "  # noqa: S608
            f"WHERE search_fts MATCH %s AND rowid IN ({marks})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (MATCH_START, MATCH_END, SNIPPET_WORDS, query.fts5(), *ids))
            return dict(cursor.fetchall())


# The query is read by every configuration a document may be indexed with, and as written (defenders_simple):
# a French letter is found by its French stems, a name in any script as it is spelled.
_QUERY_CONFIGURATIONS = ("defenders_english", "defenders_french", "defenders_russian", "defenders_simple")
_TSQUERY = "(" + " || ".join(f"websearch_to_tsquery('{c}', %s)" for c in _QUERY_CONFIGURATIONS) + ")"


@dataclass(frozen=True)
class PostgreSQLEngine:
    def _tsquery(self, query: TextQuery) -> tuple[str, tuple]:
        return _TSQUERY, (query.websearch(),) * len(_QUERY_CONFIGURATIONS)

    def matching_ids(self, query: TextQuery) -> RawSQL:
        tsquery, params = self._tsquery(query)
        return RawSQL(  # noqa: S611
            f"SELECT communication_id FROM search_searchdocument WHERE document @@ {tsquery}",  # noqa: S608
            params,
        )

    def match_condition(self, query: TextQuery) -> tuple[str, list]:
        tsquery, params = self._tsquery(query)
        return f"d.document @@ {tsquery}", list(params)

    def mismatch_condition(self, query: TextQuery) -> tuple[str, list]:
        # An anti-join on the GIN index's ids: `NOT d.document @@ q` would read every row's TOASTed tsvector.
        tsquery, params = self._tsquery(query)
        return (
            "NOT EXISTS (SELECT 1 FROM search_searchdocument m "  # noqa: S608
            f"WHERE m.communication_id = d.communication_id AND m.document @@ {tsquery})",
            list(params),
        )

    def match_estimate(self, query: TextQuery) -> tuple[int, int]:
        # The planner's estimates: the tsvector's statistics (ANALYZE's most common lexemes) give a common
        # word's share closely, at the cost of planning two statements; counting the matches would read them.
        tsquery, params = self._tsquery(query)
        with connection.cursor() as cursor:
            estimates = []
            for sql, values in (
                (f"SELECT 1 FROM search_searchdocument d WHERE d.document @@ {tsquery}", params),  # noqa: S608
                ("SELECT 1 FROM search_searchdocument d", ()),
            ):
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", values)
                plan = cursor.fetchone()[0]
                if isinstance(plan, str):
                    plan = json.loads(plan)
                estimates.append(int(plan[0]["Plan"]["Plan Rows"]))
        return estimates[0], estimates[1]

    @contextmanager
    def reading_matches(self) -> Iterator[None]:
        # The planner costs `document @@ query` as if the tsvector were in the row; it is TOASTed, and reading it
        # for every row (a sequential scan, its choice for a common word) took 357 ms for 18,000 matches of
        # 20,000 letters where the GIN index's bitmap took 9 ms. For this statement only, the index is preferred.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            try:
                yield
            finally:
                cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")

    def ranked(self, query: TextQuery, among: QuerySet[Communication]) -> QuerySet[Communication]:
        tsquery, params = self._tsquery(query)
        return among.extra(  # noqa: S610
            tables=["search_searchdocument"],
            where=[
                "search_searchdocument.communication_id = communications_communication.id",
                f"search_searchdocument.document @@ {tsquery}",
            ],
            params=list(params),
            select={"search_rank": f"ts_rank(search_searchdocument.document, {tsquery})"},
            select_params=params,
        ).order_by("-search_rank", "-pk")

    def ranked_page(
        self, query: TextQuery, where: str, params: list, limit: int, offset: int
    ) -> tuple[str, list]:
        # ts_rank reads the whole (TOASTed) tsvector of each row: only the candidates' are read.
        tsquery, text_params = self._tsquery(query)
        sql = (
            f"SELECT id FROM (SELECT d.communication_id AS id, d.document FROM search_searchdocument d "  # noqa: S608
            f"WHERE d.document @@ {tsquery} AND {where} ORDER BY d.communication_id DESC LIMIT %s) candidates "
            f"ORDER BY ts_rank(candidates.document, {tsquery}) DESC, id DESC LIMIT %s OFFSET %s"
        )
        candidates = max(RANKED_CANDIDATES, MAX_PAGE * limit)
        return sql, [*text_params, *params, candidates, *text_params, limit, offset]

    def snippets(self, query: TextQuery, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        tsquery, params = self._tsquery(query)
        options = (
            f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords={SNIPPET_WORDS}, MinWords=12, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )
        sql = (
            "SELECT d.communication_id, ts_headline(search_configuration(d.language), "  # noqa: S608
            "replace(replace(d.body, '<', %s), '>', %s), query.q, %s) "
            f"FROM search_searchdocument d, (SELECT {tsquery} AS q) query "
            "WHERE d.communication_id = ANY(%s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (LESS_THAN, GREATER_THAN, options, *params, list(ids)))
            return dict(cursor.fetchall())


def current_engine() -> Engine:
    """The engine of the database in use."""
    if connection.vendor == "postgresql":
        return PostgreSQLEngine()
    return SQLiteEngine()
