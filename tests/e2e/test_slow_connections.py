"""Slow and watched connections: every public and source page works with JavaScript off, weighs at most 100 KB
compressed on a first visit (fonts aside), and loads nothing from another origin (the `context` fixture aborts
and reports any such request)."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, expect

from defenders.demo.loader import load_khamroev

from .conftest import OtherOrigins
from .forms import SOURCE_FORMS, fill, send
from .test_accessibility import PUBLIC_PAGES

FIRST_LOAD_BUDGET = 100 * 1024  # bytes on the wire: headers and compressed bodies
FONT_TYPES = {"font"}


def first_load_bytes(context: BrowserContext, url: str) -> tuple[int, dict[str, int]]:
    """What a first visit (empty cache) transfers: every response's headers and encoded body, fonts aside."""
    page = context.new_page()
    finished: list[Request] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    sizes = {}
    for request in finished:
        if request.resource_type in FONT_TYPES:
            continue
        measured = request.sizes()
        sizes[request.url] = measured["responseHeadersSize"] + measured["responseBodySize"]
    page.close()
    return sum(sizes.values()), sizes


@pytest.mark.django_db(transaction=True)
def test_every_public_and_source_page_weighs_at_most_100_kb_compressed(
    browser: Browser,
    browser_context_args: dict[str, Any],
    live_server,
    other_origins: OtherOrigins,
    recovery_key,
    mandates,
):
    pages = [*PUBLIC_PAGES, load_khamroev().get_absolute_url(), *SOURCE_FORMS, "/ar/submit/confidential/"]
    heavy, weights = {}, {}
    for path in pages:
        context = other_origins.watch(browser.new_context(**browser_context_args))
        total, sizes = first_load_bytes(context, f"{live_server.url}{path}")
        context.close()
        weights[path] = total
        if total > FIRST_LOAD_BUDGET:
            heavy[path] = sizes
    assert not heavy, f"pages over {FIRST_LOAD_BUDGET} bytes: {heavy}"
    print("first-load bytes:", weights)  # the figures the report quotes (pytest -s)


@pytest.mark.django_db(transaction=True)
def test_pages_and_static_files_come_compressed_and_cached(page: Page, live_server):
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    response = page.goto(f"{live_server.url}/submit/confidential/")
    assert response is not None and response.all_headers().get("content-encoding") == "gzip"
    [stylesheet] = [response for response in responses if response.request.resource_type == "stylesheet"]
    assert re.search(r"/site\.[0-9a-f]{12}\.css$", stylesheet.url), (
        f"{stylesheet.url} has no hash in its name"
    )
    headers = stylesheet.all_headers()
    assert headers.get("content-encoding") in {"gzip", "br"}
    assert "immutable" in headers.get("cache-control", "")


@pytest.mark.django_db(transaction=True)
def test_every_public_and_source_page_works_with_javascript_off(
    page: Page, live_server, recovery_key, mandates
):
    base = live_server.url
    khamroev = load_khamroev()
    for path in [*PUBLIC_PAGES, khamroev.get_absolute_url(), "/ar/communications/"]:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()

    # The search filters without a script: the form submits by GET, a facet is a plain link.
    page.goto(f"{base}/communications/")
    page.locator("#search-q").fill("Khamroev")
    page.locator(".search-form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/communications/?q=Khamroev")
    expect(page.locator("table.communications tbody tr")).to_have_count(1)
    page.locator(".facets a").first.click()
    assert "q=Khamroev" in page.url and "&" in page.url
    expect(page.locator(".chosen-filters li")).to_have_count(1)

    # Each source form sends, and says so, without a script.
    for path, (answers, button) in SOURCE_FORMS.items():
        page.goto(f"{base}{path}")
        fill(page, answers)
        assert send(page, button) == 200, path
        expect(page.locator(".error-summary")).to_have_count(0)
    page.goto(f"{base}/submit/confidential/")
    fill(page, SOURCE_FORMS["/submit/confidential/"][0])
    send(page, "main form button[name=send]")
    codename = page.locator("#codename").inner_text().strip()
    page.goto(f"{base}/submit/follow-up/")
    page.locator("main [name=codename]").fill(codename)
    assert send(page, "main form button[type=submit]") == 200
    page.locator("main textarea").first.fill("Her lawyer was not allowed to see her.")
    assert send(page, "main form[enctype] button[type=submit]") == 200
