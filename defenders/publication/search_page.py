"""What the search page shows beside its hits: chosen filters to remove, facet links with their counts, sort and
page links, every one a shareable address built from the same SearchParams."""

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, to_locale
from django.utils.translation import gettext_lazy as _

from defenders.addressees import countries
from defenders.cases.models import SEEDED_THEME_NAMES
from defenders.mandates.models import Mandate
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
# Facets whose labels are names as the office records them, in English (shown with lang="en") unless a translation
# is recorded: a State's name from CLDR, a seeded theme's from the catalogue, a mandate's title from its row.
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


def _label(name: str, value: FacetValue, titles: dict[str, str]) -> str:
    """The value's label in the page's language (the counts, with their labels, are cached for every language)."""
    if name == "addressee" and value.value == NON_STATE:
        return str(NON_STATE_ACTORS)
    return translated_label(name, value, titles) or str(value.label)


def translated_label(name: str, value: FacetValue, titles: dict[str, str]) -> str:
    """The label in the page's language where one is recorded; empty where only the English one is."""
    language = get_language() or "en"
    if language == "en":
        return ""
    if name == "addressee":
        return countries.local_short_name(value.value, to_locale(language)) or ""
    if name == "theme":
        translated = SEEDED_THEME_NAMES.get(str(value.label))
        return str(translated) if translated is not None and str(translated) != str(value.label) else ""
    if name == "mandate":
        return titles.get(value.value, "")
    return ""


def mandate_titles(result: SearchResult) -> dict[str, str]:
    """Each mandate's title in the page's language, by short name: one query of a few dozen rows, only where the
    page shows mandates in another language than English."""
    language = get_language() or "en"
    if language == "en" or not result.facets.get("mandate"):
        return {}
    return {
        short_name: translations[language]
        for short_name, translations in Mandate.objects.values_list("short_name", "name_translations")
        if translations and translations.get(language)
    }


def _label_language(name: str, value: FacetValue, titles: dict[str, str]) -> str:
    if name in RECORDED_IN_ENGLISH and not translated_label(name, value, titles):
        return "en"
    return ""


def _chosen_value(params: SearchParams, name: str) -> str:
    value = getattr(params, name)
    return "" if value is None else str(value)


def facets(params: SearchParams, result: SearchResult) -> list[Facet]:
    shown = []
    titles = mandate_titles(result)
    for name, values in result.facets.items():
        chosen = _chosen_value(params, name)
        links = [
            FacetLink(
                _label(name, value, titles),
                value.count,
                params.as_query(**{name: "" if value.value == chosen else _typed(name, value.value)}),
                value.value == chosen,
                _label_language(name, value, titles),
            )
            for value in values
        ]
        if links:
            shown.append(Facet(name, FACET_TITLES[name], links[:FIRST_VALUES], links[FIRST_VALUES:]))
    return shown


def chosen_filters(params: SearchParams, result: SearchResult) -> list[ChosenFilter]:
    chosen = []
    titles = mandate_titles(result)
    for name, title in FACET_TITLES.items():
        value = _chosen_value(params, name)
        if not value:
            continue
        facets = {facet.value: facet for facet in result.facets.get(name, [])}
        facet = facets.get(value)
        chosen.append(
            ChosenFilter(
                title,
                _label(name, facet, titles) if facet is not None else value,
                params.as_query(**{name: None if name == "year" else ""}),
                _label_language(name, facet, titles)
                if facet is not None
                else ("en" if name in RECORDED_IN_ENGLISH else ""),
            )
        )
    return chosen


def kept_fields(params: SearchParams) -> list[tuple[str, str]]:
    """The filters and sort a new text search keeps (hidden fields of the search form)."""
    return parse_qsl(params.as_query(q=""))


def _typed(name: str, value: str) -> str | int:
    return int(value) if name == "year" else value
