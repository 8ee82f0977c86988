"""Template context shared by every page: links to this page in each language, and whether intake is open."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_from_request, get_language_info, override


def languages(request: HttpRequest) -> dict:
    """Plain links, not a form: switching language sets no cookie and opens no session (URLs carry it)."""
    current = get_language()
    path = request.get_full_path()
    # translate_url resolves the path in the active language: /zh/... resolves only while Chinese is active.
    with override(current):
        links = [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, _ in settings.LANGUAGES
        ]
    # A page with one address only (the staff pages) has nothing to switch to: no links that would promise a
    # language and lead back to the same page.
    if all(link["url"] == path for link in links):
        links = []
    return {"language_links": links, "suggested_language": _suggestion(request, current, links)}


def _suggestion(request: HttpRequest, current: str, links: list[dict]) -> dict | None:
    """The page in the browser's preferred language, offered (never imposed) on an English address."""
    preferred = get_language_from_request(request)
    if current != settings.LANGUAGE_CODE or preferred == current:
        return None
    return next((link for link in links if link["code"] == preferred), None)


def intake(request: HttpRequest) -> dict:
    """Whether the source pages exist (DEFENDERS_INTAKE); without them no page links to them."""
    return {"intake_open": settings.DEFENDERS_INTAKE}
