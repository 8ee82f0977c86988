"""Full-text search of the public communications, with facets, on SQLite FTS5 or PostgreSQL full-text search.

The one interface every public surface (the page, the API, exports) calls. The names are loaded on first use,
so that Django can import this app's package before the models are ready."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import InvalidSearch as InvalidSearch
    from .params import SearchParams as SearchParams
    from .results import FacetValue as FacetValue
    from .results import Hit as Hit
    from .results import SearchResult as SearchResult
    from .results import matching as matching
    from .results import reply_status as reply_status
    from .results import search as search

_HOMES = {
    "InvalidSearch": ".errors",
    "SearchParams": ".params",
    "FacetValue": ".results",
    "Hit": ".results",
    "SearchResult": ".results",
    "matching": ".results",
    "reply_status": ".results",
    "search": ".results",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name], __name__), name)
