"""WCAG 2.2 AA checks by axe-core in Chromium, on the pages sources and readers use.

axe-core is vendored from npm (tests/e2e/vendor; update with `npm pack axe-core@VERSION`). It needs JavaScript
and an injected script, so these pages are checked in a context of their own that allows both.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from defenders.demo.loader import load_khamroev

AXE = Path(__file__).with_name("vendor") / "axe-core-4.14.1.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PAGES = [
    "/",
    "/how-communications-work/",
    "/communications/",
    "/submit/confidential/",
    "/fr/submit/confidential/",
    "/submit/",
    "/meeting/",
    "/contact/",
    "/submit/follow-up/",
]


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


@pytest.fixture
def checker(browser: Browser, live_server):
    context = browser.new_context(java_script_enabled=True, bypass_csp=True)
    page = context.new_page()
    yield page, live_server.url
    context.close()


@pytest.mark.django_db(transaction=True)
def test_public_and_source_pages_meet_wcag_22_aa(checker, mandates, recovery_key):
    page, base = checker
    khamroev = load_khamroev()
    found = {}
    for path in [*PAGES, khamroev.get_absolute_url()]:
        page.goto(base + path)
        found[path] = violations(page)
    assert found == {path: [] for path in found}


@pytest.mark.django_db(transaction=True)
def test_a_form_shown_again_with_errors_meets_wcag_22_aa(checker, recovery_key):
    page, base = checker
    page.goto(base + "/submit/confidential/")
    page.get_by_role("button", name="Send confidentially").click()
    assert page.get_by_text("There is a problem with what was sent").is_visible()
    assert violations(page) == []
