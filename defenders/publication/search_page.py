"""What the search page shows beside its hits: chosen filters to remove, facet links with their counts, sort and
page links, every one a shareable address built from the same SearchParams."""

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from defenders.search import SearchParams, SearchResult
from defenders.search.results import NON_STATE, FacetValue

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FACET_TITLES = {
    "addressee": _("Addressee"),
    "year": _("Year sent"),
    "type": _("Type"),
    "mandate": _("Mandate"),
    "theme": _("Theme"),
    "reply": _("Reply"),
    "language": _("Language"),
}
NON_STATE_ACTORS = _("Non-State actors")
# Facets whose labels are names as the office records them, in English: shown with lang="en".
RECORDED_IN_ENGLISH = {"mandate", "theme"}
# Values shown before the rest fold into "more" (a details element: no JavaScript needed).
FIRST_VALUES = 8


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    query: str
    chosen: bool
    language: str = ""


@dataclass(frozen=True)
class Facet:
    name: str
    title: "StrOrPromise"
    first: list[FacetLink]
    more: list[FacetLink]

    @property
    def first_html(self) -> SafeString:
        return _links_html(self.first)

    @property
    def more_html(self) -> SafeString:
        return _links_html(self.more)


def _links_html(links: list[FacetLink]) -> SafeString:
    """The facet links as list items, written here rather than by a template loop: a search page has a few hundred
    of them (every addressee), and the template engine took most of the page's rendering time over them."""
    chosen_note = escape(gettext(", chosen: remove"))
    items = []
    for link in links:
        label: str = escape(link.label)
        if link.language:
            label = f'<span lang="{escape(link.language)}">{label}</span>'
        chosen = ' aria-current="true" class="chosen"' if link.chosen else ""
        note = f'<span class="visually-hidden">{chosen_note}</span>' if link.chosen else ""
        items.append(
            f'<li><a href="?{escape(link.query)}"{chosen}>{label} <span class="count">({link.count})</span>'
            f"{note}</a></li>"
        )
    return mark_safe("".join(items))  # every value above is escaped


@dataclass(frozen=True)
class ChosenFilter:
    title: "StrOrPromise"
    label: str
    removal_query: str
    language: str = ""


def _label(name: str, value: FacetValue) -> str:
    """The value's label in the page's language (the counts, with their labels, are cached for every language)."""
    if name == "addressee" and value.value == NON_STATE:
        return str(NON_STATE_ACTORS)
    return str(value.label)


def _chosen_value(params: SearchParams, name: str) -> str:
    value = getattr(params, name)
    return "" if value is None else str(value)


def facets(params: SearchParams, result: SearchResult) -> list[Facet]:
    shown = []
    for name, values in result.facets.items():
        chosen = _chosen_value(params, name)
        links = [
            FacetLink(
                _label(name, value),
                value.count,
                params.as_query(**{name: "" if value.value == chosen else _typed(name, value.value)}),
                value.value == chosen,
                "en" if name in RECORDED_IN_ENGLISH else "",
            )
            for value in values
        ]
        if links:
            shown.append(Facet(name, FACET_TITLES[name], links[:FIRST_VALUES], links[FIRST_VALUES:]))
    return shown


def chosen_filters(params: SearchParams, result: SearchResult) -> list[ChosenFilter]:
    chosen = []
    for name, title in FACET_TITLES.items():
        value = _chosen_value(params, name)
        if not value:
            continue
        labels = {facet.value: _label(name, facet) for facet in result.facets.get(name, [])}
        chosen.append(
            ChosenFilter(
                title,
                labels.get(value, value),
                params.as_query(**{name: None if name == "year" else ""}),
                "en" if name in RECORDED_IN_ENGLISH else "",
            )
        )
    return chosen


def kept_fields(params: SearchParams) -> list[tuple[str, str]]:
    """The filters and sort a new text search keeps (hidden fields of the search form)."""
    return parse_qsl(params.as_query(q=""))


def _typed(name: str, value: str) -> str | int:
    return int(value) if name == "year" else value
