"""A search of the public communications: the filtered public queryset, its ranked page of hits with snippets,
and facet counts. Which communications may appear is `Communication.objects.public()`'s answer, never this
module's: every query starts from it."""

import hashlib
import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.html import escape

from defenders.cases.models import CasePerson, Theme
from defenders.clock import office_today
from defenders.communications.models import Communication, CommunicationMandate, Reply

from .documents import MATCH_END, MATCH_START, current_generation, status_of
from .engines import current_engine
from .models import ReplyStatus
from .params import MAX_PAGE, SearchParams

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FACETS = ("addressee", "year", "type", "mandate", "theme", "reply", "language")
NON_STATE = "OTH"
PLAIN_SNIPPET_CHARACTERS = 240
COUNTS_CACHED_SECONDS = 600


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


def _filtered(params: SearchParams, *, leave_out: str = "", text: bool = True) -> QuerySet[Communication]:
    """The public communications matching every parameter but `leave_out` (a facet counts without its own);
    without the text when `text` is false (ranking joins the text index itself)."""
    communications = Communication.objects.public()
    query = params.text_query()
    if query is not None and text:
        communications = communications.filter(pk__in=current_engine().matching_ids(query))
    if params.addressee and leave_out != "addressee":
        communications = communications.filter(addressee__code=params.addressee)
    if params.year is not None and leave_out != "year":
        communications = communications.filter(sent_on__year=params.year)
    if params.type and leave_out != "type":
        communications = communications.filter(type=params.type)
    if params.mandate and leave_out != "mandate":
        communications = communications.filter(
            pk__in=CommunicationMandate.objects.filter(mandate__short_name=params.mandate).values(
                "communication_id"
            )
        )
    if params.theme and leave_out != "theme":
        communications = communications.filter(
            pk__in=Communication.themes.through.objects.filter(theme__slug=params.theme).values(
                "communication_id"
            )
        )
    if params.reply and leave_out != "reply":
        reply = Q(search_document__reply_status=params.reply)
        if params.reply == ReplyStatus.NONE:
            reply |= Q(search_document__isnull=True)
        communications = communications.filter(reply)
    if params.language and leave_out != "language":
        communications = communications.filter(language=params.language)
    return communications


def matching(params: SearchParams) -> QuerySet[Communication]:
    """Every public communication the search matches, ordered as `sort` says, without paging (for exports)."""
    query = params.text_query()
    if query is None or not params.ranked:
        return _filtered(params).order_by("-sent_on", "-pk")
    return current_engine().ranked(query, _filtered(params, text=False))


def _for_display(ids: list[int]) -> dict[int, Communication]:
    communications = (
        Communication.objects.filter(pk__in=ids)
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


def _page_ids(params: SearchParams, per_page: int) -> list[int]:
    offset = (params.page - 1) * per_page
    return [communication.pk for communication in matching(params).only("pk")[offset : offset + per_page]]


def _snippet(marked: str) -> str:
    return escape(marked).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")


def _plain_snippet(communication: Communication) -> str:
    from defenders.publication.summary import PublicSummary

    text = PublicSummary(communication, replies=getattr(communication, "public_replies", None)).topic
    if len(text) > PLAIN_SNIPPET_CHARACTERS:
        text = text[:PLAIN_SNIPPET_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return str(escape(text))


def search(params: SearchParams, *, per_page: int = 20, with_facets: bool = True) -> SearchResult:
    """One page of public hits, best first (or newest first), with their snippets and the facets' counts."""
    count, facets = _counted(params, with_facets)
    num_pages = max(1, min(MAX_PAGE, math.ceil(count / per_page)))
    # Past the last page, the last page: an address kept from a larger result still shows something.
    params = replace(params, page=min(params.page, num_pages))
    ids = _page_ids(params, per_page)
    shown = _for_display(ids)
    query = params.text_query()
    marked = current_engine().snippets(query, ids) if query is not None else {}
    hits = [
        Hit(shown[pk], _snippet(marked[pk]) if marked.get(pk) else _plain_snippet(shown[pk]))
        for pk in ids
        if pk in shown
    ]
    return SearchResult(count=count, page=params.page, num_pages=num_pages, hits=hits, facets=facets)


def _counted(params: SearchParams, with_facets: bool) -> tuple[int, dict[str, list[FacetValue]]]:
    """The count and facets of a search, cached until the index changes or the day turns (the publication
    rule moves by days): the second page, or the same search by someone else, does not count again."""
    counted_by = replace(params, page=1, sort="relevance").as_query()
    digest = hashlib.sha256(counted_by.encode()).hexdigest()[:32]
    key = f"search:{current_generation()}:{office_today().isoformat()}:{int(with_facets)}:{digest}"
    cached = cache.get(key)
    if cached is None:
        cached = (_filtered(params).count(), facet_counts(params) if with_facets else {})
        cache.set(key, cached, COUNTS_CACHED_SECONDS)
    return cached


def facet_counts(params: SearchParams) -> dict[str, list[FacetValue]]:
    """For each facet, every value's count among the matches of the other parameters: choosing a value (in
    place of the one chosen, if any) returns exactly that many."""
    return {
        name: _FACET_COUNTERS[name](_filtered(replace(params, page=1), leave_out=name)) for name in FACETS
    }


def _addressees(communications: QuerySet[Communication]) -> list[FacetValue]:
    rows = communications.values("addressee__code").annotate(
        count=Count("pk"), name=Max("addressee__short_name")
    )
    values = [
        FacetValue(
            row["addressee__code"],
            # Translated where it is shown (publication/search_page.py): this list is cached for every language.
            "Non-State actors" if row["addressee__code"] == NON_STATE else row["name"],
            row["count"],
        )
        for row in rows
    ]
    return sorted(values, key=lambda v: (-v.count, v.label))


def _years(communications: QuerySet[Communication]) -> list[FacetValue]:
    rows = (
        communications.annotate(sent_year=ExtractYear("sent_on"))
        .values("sent_year")
        .annotate(count=Count("pk"))
    )
    return sorted(
        (FacetValue(str(row["sent_year"]), str(row["sent_year"]), row["count"]) for row in rows),
        key=lambda v: v.value,
        reverse=True,
    )


def _types(communications: QuerySet[Communication]) -> list[FacetValue]:
    labels = dict(Communication.Type.choices)
    rows = communications.values("type").annotate(count=Count("pk"))
    return sorted(
        (FacetValue(row["type"], labels[row["type"]], row["count"]) for row in rows), key=lambda v: -v.count
    )


def _mandates(communications: QuerySet[Communication]) -> list[FacetValue]:
    rows = (
        CommunicationMandate.objects.filter(communication__in=communications.values("pk"))
        .values("mandate__short_name", "mandate__name")
        .annotate(count=Count("communication"))
    )
    return sorted(
        (FacetValue(row["mandate__short_name"], row["mandate__name"], row["count"]) for row in rows),
        key=lambda v: (-v.count, v.label),
    )


def _themes(communications: QuerySet[Communication]) -> list[FacetValue]:
    rows = (
        Theme.objects.filter(communications__in=communications.values("pk"))
        .values("slug", "name")
        .annotate(count=Count("communications"))
    )
    return sorted(
        (FacetValue(row["slug"], row["name"], row["count"]) for row in rows),
        key=lambda v: (-v.count, v.label),
    )


def _replies(communications: QuerySet[Communication]) -> list[FacetValue]:
    labels = dict(ReplyStatus.choices)
    counts: dict[str, int] = {}
    for row in communications.values("search_document__reply_status").annotate(count=Count("pk")):
        status = row["search_document__reply_status"] or ReplyStatus.NONE
        counts[status] = counts.get(status, 0) + row["count"]
    return [
        FacetValue(status, labels[status], counts[status])
        for status in ReplyStatus.values
        if status in counts
    ]


def _languages(communications: QuerySet[Communication]) -> list[FacetValue]:
    labels = dict(Communication.Language.choices)
    rows = communications.values("language").annotate(count=Count("pk"))
    return sorted(
        (FacetValue(row["language"], labels[row["language"]], row["count"]) for row in rows),
        key=lambda v: -v.count,
    )


_FACET_COUNTERS = {
    "addressee": _addressees,
    "year": _years,
    "type": _types,
    "mandate": _mandates,
    "theme": _themes,
    "reply": _replies,
    "language": _languages,
}
