"""Keyboard only: a source submits, follows up with the codename; a reader searches and filters the public list; a
case officer logs in, drafts a communication, asks for sign-off and sends it. The tests only press keys: Tab to
move, typing to fill, Space to tick, arrows to choose, Enter to follow or send. (Scripts run only to read which
element has the focus; the site has none of its own.)"""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from defenders.demo.loader import load_khamroev
from defenders.drafting.actions import approve
from defenders.drafting.models import SignOff

from .conftest import OtherOrigins, one_time_code, second_factor

MOST_TABS = 200


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} was never reached with Tab")


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def choose(page: Page, selector: str, times: int = 1) -> None:
    """A radio button or a select: reach it, then move down the options with the arrow key."""
    tab_to(page, selector)
    for _ in range(times):
        page.keyboard.press("ArrowDown")


@pytest.fixture
def keyboard(browser: Browser, live_server: Any, other_origins: OtherOrigins) -> Iterator[tuple[Page, str]]:
    context = other_origins.watch(browser.new_context(java_script_enabled=True))
    context.set_default_timeout(20_000)
    yield context.new_page(), live_server.url
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_source_submits_and_follows_up_with_the_keyboard_only(keyboard, recovery_key):
    page, base = keyboard
    page.goto(f"{base}/submit/confidential/")
    type_into(page, "#id_persons-0-name", "Leyla Defender")
    type_into(page, "#id_incidents-0-year", "2024")
    type_into(page, "#id_incidents-0-account", "She was arrested at her office.")
    type_into(page, "#id_perpetrators", "Police unit 5")
    type_into(page, "#id_risk_now", "She is held incommunicado.")
    tab_to(page, "input[name=urgency]")
    page.keyboard.press("Space")  # the first: someone is in danger now
    tab_to(page, "input[name=consents_to_naming_to_government]")
    page.keyboard.press("Space")  # yes
    choose(page, "input[name=consents_to_naming_in_public]")  # arrow to "no", which checks it
    tab_to(page, "main form button[name=send]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_have_count(0)
    codename = page.locator("#codename").inner_text().strip()
    assert len(codename.split()) >= 7

    page.goto(f"{base}/submit/follow-up/")
    type_into(page, "main [name=codename]", codename)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    type_into(page, "main textarea", "Her lawyer was not allowed to see her.")
    tab_to(page, "main form[enctype] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/submit/follow-up/add/")
    expect(page.locator(".error-summary")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_a_reader_searches_and_filters_the_public_list_with_the_keyboard_only(keyboard, mandates):
    page, base = keyboard
    load_khamroev()
    page.goto(f"{base}/communications/")
    type_into(page, "#search-q", "Khamroev")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/communications/?q=Khamroev")
    tab_to(page, ".facets a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".chosen-filters li")).to_have_count(1)
    expect(page.locator("table.communications tbody tr")).to_have_count(1)
    tab_to(page, "table.communications tbody a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Khamroev")


@pytest.mark.django_db(transaction=True)
def test_an_officer_drafts_and_sends_a_communication_with_the_keyboard_only(
    keyboard, officer, mandate_holder, workspace_case
):
    page, base = keyboard
    case, _ = workspace_case
    page.goto(f"{base}/staff/login/")
    type_into(page, "#id_username", officer.get_username())
    type_into(page, "#id_password", "correct horse battery staple 42")
    type_into(page, "#id_code", one_time_code(second_factor(officer)))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.goto(f"{base}{case.get_absolute_url()}")
    tab_to(page, "main a[href*='/drafts/new/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#id_type")
    page.keyboard.type("Urgent")  # a closed select chooses the option its typed letters begin
    tab_to(page, "#id_state")
    page.keyboard.type("Kyrgyz")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    draft_address = page.url
    assert "/drafts/" in draft_address and "/new/" not in draft_address

    tab_to(page, "main form[action$='/request-sign-off/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The Rapporteur approves on their own screen (another person's task, not this test's).
    for sign_off in SignOff.objects.filter(communication__uid=draft_address.rstrip("/").split("/")[-1]):
        approve(sign_off, by=mandate_holder)

    page.goto(draft_address)
    tab_to(page, "main form[action$='/send/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Sent as UA KGZ 1/")
