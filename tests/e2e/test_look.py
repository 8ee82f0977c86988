"""The look in a real browser: focus always visible, errors announced and linked to their fields, text at 200%
and screens of 360 px without horizontal scrolling, and screenshots of the main pages for review."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from defenders.demo.loader import load_khamroev

from .conftest import OtherOrigins, log_in
from .forms import SOURCE_FORMS, send

# Ignored by git; not under test-results/, which pytest-playwright empties at the start of every run.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-screenshots"
WIDTHS = (360, 1280)
MAIN_PAGES = {
    "home": "/",
    "communications": "/communications/",
    "confidential-form": "/submit/confidential/",
    "follow-up": "/submit/follow-up/",
    "statistics": "/statistics/years/",
}
FOCUS_STYLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {tag: element.tagName, text: (element.textContent || element.name || '').trim().slice(0, 40),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def scripted(browser: Browser, live_server: Any, other_origins: OtherOrigins) -> Iterator[tuple[Page, str]]:
    """A page that runs this test's measuring scripts (the site itself has none)."""
    context = other_origins.watch(
        browser.new_context(java_script_enabled=True, viewport={"width": 1280, "height": 900})
    )
    context.set_default_timeout(20_000)
    yield context.new_page(), live_server.url
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_focus_is_visible_on_every_control_reached_by_the_keyboard(scripted, recovery_key):
    page, base = scripted
    page.goto(f"{base}/submit/confidential/")
    unseen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused["outline"] == "none" or focused["width"] < 2:
            unseen.append(focused)
    assert not unseen, f"focused without a visible outline: {unseen}"


@pytest.mark.django_db(transaction=True)
def test_errors_are_announced_and_linked_to_their_fields(scripted, recovery_key):
    page, base = scripted
    for path, (_, button) in SOURCE_FORMS.items():
        page.goto(f"{base}{path}")
        send(page, button)
        summary = page.locator(".error-summary")
        assert summary.get_attribute("role") == "alert", path
        links = summary.locator("a[href^='#']")
        assert links.count() > 0, path
        for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))"):
            assert page.locator(href).count() == 1, f"{path}: the summary links to {href}, which is not there"
        # A text field names its message itself; a group of radio buttons through its fieldset (Django's way).
        unlinked = page.evaluate(
            """() => [...document.querySelectorAll('main [aria-invalid=true]')].filter(field => {
                const describer = field.type === 'radio' ? field.closest('fieldset') : field;
                const described = (describer.getAttribute('aria-describedby') || '').split(' ')
                    .map(id => document.getElementById(id)).filter(Boolean);
                return !described.some(element => element.classList.contains('errorlist'));
            }).map(field => field.name)"""
        )
        assert unlinked == [], f"{path}: fields in error without their message in aria-describedby"


@pytest.mark.django_db(transaction=True)
def test_text_at_200_percent_loses_nothing_sideways_at_1280_px(scripted, mandates, recovery_key):
    page, base = scripted
    pages = [
        *MAIN_PAGES.values(),
        *SOURCE_FORMS,
        load_khamroev().get_absolute_url(),
        "/ar/submit/confidential/",
    ]
    overflowing = {}
    for path in pages:
        page.goto(f"{base}{path}")
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        if (overflow := page.evaluate(OVERFLOW)) > 0:
            overflowing[path] = overflow
    assert not overflowing, f"pixels scrolled sideways with text at 200%: {overflowing}"


@pytest.mark.django_db(transaction=True)
def test_screenshots_of_the_main_pages_at_360_and_1280_px_in_english_and_arabic(
    scripted, mandates, recovery_key, officer, workspace_case
):
    page, base = scripted
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {**MAIN_PAGES, "communication": load_khamroev().get_absolute_url()}
    overflowing = {}
    for language, prefix in (("en", ""), ("ar", "/ar")):
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in pages.items():
                page.goto(f"{base}{prefix}{path}")
                page.screenshot(path=SCREENSHOTS / f"{name}-{language}-{width}.png", full_page=True)
                if (overflow := page.evaluate(OVERFLOW)) > 0:
                    overflowing[f"{prefix}{path} at {width}"] = overflow
    case, draft = workspace_case
    log_in(page, officer, base=base)
    workspace_pages = {
        "dashboard": reverse("workspace:dashboard"),
        "case": reverse("cases:detail", args=[case.uid]),
        "draft": reverse("drafting:edit", args=[draft.uid]),
        "draft-sign-off": reverse("drafting:detail", args=[draft.uid]),
    }
    # The staff pages have one address in every language: the language cookie chooses Arabic for the second round.
    for language in ("en", "ar"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in workspace_pages.items():
                page.goto(f"{base}{path}")
                assert page.locator("html").get_attribute("lang") == language, path
                assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
                page.screenshot(path=SCREENSHOTS / f"{name}-{language}-{width}.png", full_page=True)
                if (overflow := page.evaluate(OVERFLOW)) > 0:
                    overflowing[f"{path} ({language}) at {width}"] = overflow
    assert len(list(SCREENSHOTS.glob("*-360.png"))) >= 2 * len(pages)
    assert len(list(SCREENSHOTS.glob("*-ar-1280.png"))) >= len(pages) + len(workspace_pages)
    assert not overflowing, f"pages wider than the screen: {overflowing}"
