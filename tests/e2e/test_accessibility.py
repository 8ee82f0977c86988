"""WCAG 2.2 AA checks by axe-core in Chromium, in English and in Arabic (right to left): every public page, every
source form empty, with errors and after success, and the main workspace pages.

axe-core is vendored from npm (tests/e2e/vendor; update with `npm pack axe-core@VERSION`). It needs JavaScript
and an injected script, so these pages are checked in a context of their own that allows both."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from defenders.demo.loader import load_khamroev

from .conftest import OtherOrigins, log_in
from .forms import SOURCE_FORMS, fill, send

AXE = Path(__file__).with_name("vendor") / "axe-core-4.14.1.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = {"en": "", "ar": "/ar"}  # the address prefix of each

PUBLIC_PAGES = [
    "/",
    "/how-communications-work/",
    "/communications/",
    "/communications/?q=arrest",
    "/press-releases/",
    "/statistics/",
    "/statistics/years/",
    "/statistics/addressees/",
    "/statistics/mandates/",
    "/statistics/map/",
    "/statistics/reports/",
    "/submit/follow-up/",
]


def violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


@pytest.fixture
def checker(browser: Browser, live_server: Any, other_origins: OtherOrigins) -> Iterator[tuple[Page, str]]:
    context = other_origins.watch(browser.new_context(java_script_enabled=True, bypass_csp=True))
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page, live_server.url
    context.close()


def checked(page: Page, found: dict[str, list[str]], label: str | None = None) -> None:
    found[label or urlsplit(page.url).path] = violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.django_db(transaction=True)
def test_public_pages_meet_wcag_22_aa(checker, language, make_communication, recovery_key):
    page, base = checker
    prefix = LANGUAGES[language]
    khamroev = load_khamroev().get_absolute_url()
    letter = make_communication(
        type="UA",
        reference="UA RUS 4/2023",
        full_text="Excellency,\n\nWe have the honour to write.",
        allegations="A defender was arrested.",
    ).get_absolute_url()
    found: dict[str, list[str]] = {}
    for path in [*PUBLIC_PAGES, khamroev, letter, f"{letter}letter/"]:
        response = page.goto(f"{base}{prefix}{path}")
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        checked(page, found, path)
    assert found == {path: [] for path in found}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.django_db(transaction=True)
def test_source_forms_empty_with_errors_and_after_success_meet_wcag_22_aa(checker, language, recovery_key):
    page, base = checker
    prefix = LANGUAGES[language]
    found: dict[str, list[str]] = {}
    for path, (answers, button) in SOURCE_FORMS.items():
        page.goto(f"{base}{prefix}{path}")
        checked(page, found, f"{path} empty")
        send(page, button)
        assert page.locator(".error-summary[role=alert]").count() == 1, path
        checked(page, found, f"{path} with errors")
        fill(page, answers)
        assert send(page, button) == 200, path
        assert page.locator(".error-summary").count() == 0, path
        checked(page, found, f"{path} after success")
        if path == "/submit/confidential/":
            codename = page.locator("#codename").inner_text().strip()
            page.goto(f"{base}{prefix}/submit/follow-up/")
            send(page, "main form button[type=submit]")
            checked(page, found, "follow-up with errors")
            page.locator("main [name=codename]").fill(codename)
            assert send(page, "main form button[type=submit]") == 200
            checked(page, found, "follow-up thread")
            page.locator("main textarea").first.fill("Her lawyer was not allowed to see her.")
            assert send(page, "main form[enctype] button[type=submit]") == 200
            checked(page, found, "follow-up added")
    assert found == {label: [] for label in found}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.django_db(transaction=True)
def test_main_workspace_pages_meet_wcag_22_aa(checker, language, officer, workspace_case, live_server):
    page, base = checker
    case, draft = workspace_case
    log_in(page, officer, base=base)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    found: dict[str, list[str]] = {}
    languages = set()
    for path in [
        reverse("workspace:dashboard"),
        reverse("cases:list"),
        reverse("cases:detail", args=[case.uid]),
        reverse("drafting:list"),
        reverse("drafting:edit", args=[draft.uid]),
        reverse("drafting:detail", args=[draft.uid]),
        reverse("communications:list"),
        reverse("inbox:inbox"),
        reverse("accounts:account"),
    ]:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        languages.add(page.locator("html").get_attribute("lang"))
        checked(page, found, path)
    assert found == {path: [] for path in found}
    # The staff pages (one address in every language) follow the language cookie (defenders/core/staff_language.py).
    assert languages == {language}
