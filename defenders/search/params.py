"""The search's parameters as the page's and the API's query string carry them: read, checked, written back."""

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from defenders.communications.models import Communication

from .errors import InvalidSearch
from .models import ReplyStatus
from .query import TextQuery, parse

SORTS = ("relevance", "date")
FIRST_YEAR, LAST_YEAR = 1990, 2100
# Pages beyond this are not offered: deep pages cost the engine more at each step and nobody reads them;
# a narrower search (or an export) reaches the rest.
MAX_PAGE = 50
_CODE = re.compile(r"^[A-Z]{3}$")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")
_SHORT_NAME = re.compile(r"^[^\x00-\x1f<>]{1,60}$")


@dataclass(frozen=True)
class SearchParams:
    """One search; every field empty (or the default) means no filter on it."""

    q: str = ""
    addressee: str = ""
    year: int | None = None
    type: str = ""
    mandate: str = ""
    theme: str = ""
    reply: str = ""
    language: str = ""
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_query(cls, data: Mapping[str, str]) -> "SearchParams":
        """Read a query string (request.GET or a plain dict); raises InvalidSearch with a sentence to show."""

        def text(name: str) -> str:
            value = data.get(name) or ""
            return value.strip() if isinstance(value, str) else ""

        params = cls(
            q=text("q"),
            addressee=text("addressee").upper(),
            year=_integer(text("year"), _("The year must be a number such as 2023.")),
            type=text("type").upper(),
            mandate=text("mandate"),
            theme=text("theme"),
            reply=text("reply"),
            language=text("language").lower(),
            sort=text("sort") or "relevance",
            page=_page(text("page")),
        )
        params.validate()
        return params

    def validate(self) -> None:
        """Raise InvalidSearch for the first parameter that cannot be used."""
        self.text_query()
        if self.addressee and not _CODE.match(self.addressee):
            raise InvalidSearch(_("The addressee must be a three-letter country code, or OTH."))
        if self.year is not None and not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise InvalidSearch(
                _("The year must be between %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        if self.type and self.type not in Communication.Type.values:
            raise InvalidSearch(_("The type must be AL, UA or OL."))
        if self.mandate and not _SHORT_NAME.match(self.mandate):
            raise InvalidSearch(_("The mandate must be a mandate's short name, such as “SR HRDs”."))
        if self.theme and not _SLUG.match(self.theme):
            raise InvalidSearch(
                _("The theme must be a theme's short name in the address, such as “detention”.")
            )
        if self.reply and self.reply not in ReplyStatus.values:
            raise InvalidSearch(
                _("The reply status must be one of: %(values)s.") % {"values": ", ".join(ReplyStatus.values)}
            )
        if self.language and self.language not in Communication.Language.values:
            raise InvalidSearch(
                _("The language must be one of: %(values)s.")
                % {"values": ", ".join(Communication.Language.values)}
            )
        if self.sort not in SORTS:
            raise InvalidSearch(_("Sort by “relevance” or by “date”."))
        if not 1 <= self.page <= MAX_PAGE:
            raise InvalidSearch(
                _("Pages go from 1 to %(last)d: narrow the search to see more.") % {"last": MAX_PAGE}
            )

    def text_query(self) -> TextQuery | None:
        return parse(self.q)

    @property
    def ranked(self) -> bool:
        """Whether results are ordered by relevance (only a text search has one)."""
        return self.sort == "relevance" and bool(self.q)

    @property
    def is_filtered(self) -> bool:
        return any(value for name, value in asdict(self).items() if name not in {"sort", "page"})

    def as_query(self, **changes) -> str:
        """The urlencoded query string of this search with `changes`, defaults left out (so addresses stay short
        and equal searches have equal addresses). A filter changed sends the reader back to page 1."""
        if changes and "page" not in changes:
            changes["page"] = 1
        values = asdict(replace(self, **changes))
        defaults = asdict(SearchParams())
        return urlencode(
            [
                (name, value)
                for name, value in values.items()
                if value not in (None, "") and value != defaults[name]
            ]
        )


def _integer(text: str, message: str) -> int | None:
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        raise InvalidSearch(message)
    return int(text)


def _page(text: str) -> int:
    page = _integer(text, _("The page must be a whole number."))
    return 1 if page is None else page
