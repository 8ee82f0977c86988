"""A case officer logs in with password and code in Chromium and lands on the dashboard, which is readable and
passes axe's WCAG 2.2 AA checks."""

import pytest
from playwright.sync_api import Browser, Page, expect

from defenders.clock import office_today
from defenders.intake.models import Submission

from .conftest import log_in
from .test_accessibility import violations


@pytest.mark.django_db(transaction=True)
def test_an_officer_lands_on_the_dashboard_and_follows_a_count_to_the_inbox(page: Page, live_server, officer):
    today = office_today()
    Submission.objects.create(
        kind="confidential", received_on=today, status_changed_on=today, public_key=b"k", sealed_payload=b"s"
    )
    log_in(page, officer, base=live_server.url)
    expect(page).to_have_url(f"{live_server.url}/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_text("Case officer")).to_be_visible()
    expect(page.get_by_role("link", name="Unlock your key")).to_be_visible()
    page.get_by_role("link", name="1 Submissions waiting for triage").click()
    expect(page).to_have_url(f"{live_server.url}/staff/inbox/?status=new")


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_meets_wcag_22_aa(browser: Browser, live_server, officer):
    context = browser.new_context(java_script_enabled=True, bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, officer, base=live_server.url)
        expect(page).to_have_url(f"{live_server.url}/staff/")
        assert violations(page) == []
    finally:
        context.close()
