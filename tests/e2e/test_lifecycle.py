"""The office's whole loop in Chromium, through the real pages: a source submits confidentially; a case officer
logs in with a second factor, unlocks their key, opens a case from the submission and drafts a joint urgent
appeal; the lead mandate and both co-signers approve; the officer sends it (its reference, its frozen letter);
60 days later the public page shows the shorter version, and a reply the officer records changes it."""

import importlib
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.apps import apps
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from conftest import OFFICER_PASSWORD
from defenders.clock import OFFICE_TIME_ZONE
from defenders.drafting.models import LawParagraph
from defenders.mandates.models import Mandate

from .conftest import log_in

# A Tuesday morning in Geneva; the letter goes out that day and is public from 00:00 on the 60th day after it.
SENDING_MOMENT = datetime(2026, 3, 3, 9, 30, tzinfo=OFFICE_TIME_ZONE)
SENT_ON = "3 March 2026"
REFERENCE = "UA KGZ 1/2026"
DID_NOT_REPLY = "Regrettably, the Government did not reply within this timeframe."
REPLY_RECEIVED_ON = "2026-05-01"  # day 59: in time, though recorded only after publication
DEFENDER = "Leyla Testperson"  # fictional; consents to be named to the Government, not in public
SOURCE_NAME = "Timur Sourcename"  # the source's own name: stays in the inbox, never reaches the case
CASE_TITLE = "Arrest of a woman human rights defender in Bishkek"
SIGNING_MANDATES = ("SR HRDs", "SR FoE", "WGAD")
TIMEOUT_MS = 20_000
DEFAULT_EXPECT_TIMEOUT_MS = 5_000  # Playwright's own


def press(page: Page, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()


def notice(page: Page, text: str) -> None:
    expect(page.get_by_text(text, exact=True)).to_be_visible()


def submit_confidentially(page: Page, base: str) -> None:
    """A source fills the public confidential form, naming one defender and one dated incident."""
    page.goto(f"{base}/submit/confidential/")
    page.get_by_role("group", name="Person 1").get_by_label("Name:", exact=True).fill(DEFENDER)
    page.get_by_role("group", name="Person 1").get_by_label("Organisation or affiliation").fill(
        "Bishkek Legal Clinic"
    )
    incident = page.get_by_role("group", name="Incident 1")
    incident.get_by_label("Day").fill("27")
    incident.get_by_label("Month").select_option(label="February")
    incident.get_by_label("Year").fill("2026")
    incident.get_by_label("Place").fill("Bishkek")
    incident.get_by_label("What happened").fill(
        f"{DEFENDER} was arrested at the clinic by plain-clothes officers and taken to an unknown place."
    )
    page.get_by_label("Alleged perpetrators").fill("State Committee for National Security")
    page.get_by_label("The risk now").fill("She is held incommunicado and her lawyer is refused access.")
    page.get_by_role("group", name="How urgent is it?").get_by_label("Someone is in danger now").check()
    page.get_by_role("group", name="agree that their names are given to the Government").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("group", name="agree that their names appear in public reports").get_by_label(
        "No"
    ).check()
    page.get_by_label("Your name (optional)").fill(SOURCE_NAME)
    page.get_by_label("Language of your submission").select_option("en")
    press(page, "Send confidentially")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your information was received")


def open_case_from_the_submission(page: Page) -> None:
    """The officer, logged in, unlocks their key, reads the submission and opens a case, ticking what to copy."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    page.get_by_role("link", name="Unlock your key").click()
    page.get_by_label("Password").fill(OFFICER_PASSWORD)
    press(page, "Unlock")
    expect(page.get_by_text("Unlocked for this session")).to_be_visible()
    page.get_by_role("link", name="1 Submissions waiting for triage").click()
    page.get_by_role("link", name="Read").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Confidential information on a defender at risk"
    )
    expect(page.get_by_text(DEFENDER, exact=True)).to_be_visible()  # opened with the officer's key
    page.get_by_role("link", name="Open a case from this submission").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Open a case from a submission")
    expect(page.get_by_text(SOURCE_NAME)).to_have_count(0)  # the source's own details are never offered
    page.get_by_label("Title").fill(CASE_TITLE)
    page.get_by_label("Copy this summary into the case").check()
    person = page.get_by_role("group", name=DEFENDER)
    person.get_by_label(f"Copy {DEFENDER}").check()
    expect(person.get_by_label("May be named to the addressee")).to_be_checked()  # as the source consented
    expect(person.get_by_label("May be named in public")).not_to_be_checked()
    # The affiliation is left unticked: nothing is copied unless chosen.
    incident = page.get_by_role("group", name="2026-02-27, Bishkek")
    incident.get_by_label("Copy as an event").check()
    incident.get_by_label("Kind of event").select_option(label="Arrest")
    press(page, "Open the case and mark the submission accepted")

    expect(page.get_by_role("heading", level=1)).to_have_text(CASE_TITLE)
    notice(page, "The case was opened and the submission marked accepted.")
    persons = page.get_by_role("region", name="Persons concerned")
    expect(persons.get_by_role("row", name=DEFENDER)).to_contain_text("No: redacted in public")
    expect(page.get_by_role("region", name="Organisations")).to_contain_text("No organisation yet.")
    expect(page.get_by_role("region", name="Timeline")).to_contain_text("27 February 2026: Arrest")
    expect(page.get_by_role("region", name="Submissions")).to_contain_text(
        "Confidential information on a defender at risk, received 3 March 2026"
    )
    expect(page.get_by_text(SOURCE_NAME)).to_have_count(0)


def draft_a_joint_urgent_appeal(page: Page) -> str:
    """From the case page: a UA to Kyrgyzstan led by SR HRDs with two co-signers; sign-off asked of all three.
    Returns the draft's address."""
    page.get_by_role("link", name="Draft a communication").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a draft")
    page.get_by_label("Type").select_option(label="Urgent appeal")
    page.get_by_label("Addressee: a State").select_option(label="Kyrgyzstan")
    expect(page.get_by_label("Lead mandate")).to_have_value(str(Mandate.objects.get(short_name="SR HRDs").pk))
    co_signers = page.get_by_role("group", name="Co-signing mandates")
    for short_name in SIGNING_MANDATES[1:]:
        co_signers.get_by_label(Mandate.objects.get(short_name=short_name).name, exact=True).check()
    page.get_by_role("group", name="Applicable law").get_by_label(
        "ICCPR, art. 9: Liberty and security of person"
    ).check()
    press(page, "Start the draft")

    notice(page, "Draft started as version 1, prefilled from the case.")
    expect(page.get_by_role("heading", level=1)).to_have_text(CASE_TITLE)
    text = page.get_by_role("region", name="The text (version 1)")
    expect(text).to_contain_text("was arrested at the clinic")  # the information received, from the timeline
    expect(text).to_contain_text("We refer to article 9 of the International Covenant")
    press(page, "Ask every signing mandate for sign-off")
    notice(page, "Sign-off requested of SR HRDs, SR FoE, WGAD.")
    missing = page.get_by_role("region", name="What is missing before sending")
    for short_name in SIGNING_MANDATES:
        expect(missing).to_contain_text(f"{short_name} has not approved yet.")
    expect(page.get_by_role("button", name=re.compile("^Send now"))).to_have_count(0)
    return page.url


def approve_for_their_mandate(
    context: BrowserContext, base: str, signer: Any, password: str, mandate: str
) -> None:
    """A person of a signing mandate logs in, finds the draft waiting for them and approves it."""
    page = context.new_page()
    page.goto(f"{base}/staff/")
    log_in(page, signer, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    page.get_by_role("link", name="1 Drafts waiting for my sign-off").click()
    page.get_by_role("link", name=CASE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CASE_TITLE)
    page.get_by_role("region", name="Sign-off").get_by_role("row", name=mandate).get_by_role(
        "link", name="Decide"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sign-off of {mandate}: {CASE_TITLE}")
    page.get_by_label("Approve this version").check()
    press(page, "Record the decision")
    notice(page, f"Approved for {mandate}.")
    context.close()


def send_and_read_the_letter(page: Page) -> None:
    """Every mandate approved: the officer sends; the reference shows, and the frozen PDF says what it must."""
    page.reload()
    missing = page.get_by_role("region", name="What is missing before sending")
    expect(missing).to_contain_text("Nothing: every signing mandate approved version 1.")
    press(page, "Send now: assign the reference and freeze the letter")

    notice(page, f"Sent as {REFERENCE}.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{REFERENCE} Urgent appeal")
    with page.expect_download() as downloading:
        page.get_by_role("region", name="The letter as sent").get_by_role("link", name="Version 1").click()
    letter = downloading.value
    pdf = PdfReader(BytesIO(Path(letter.path()).read_bytes()))
    words = " ".join(" ".join(page_.extract_text() for page_ in pdf.pages).split())
    assert f"REFERENCE: {REFERENCE}" in words
    assert SENT_ON in words
    for short_name in SIGNING_MANDATES:
        name = Mandate.objects.get(short_name=short_name).name
        assert name in words, f"the letter does not name {name}"


def read_in_public(page: Page, address: str) -> None:
    """60 days on, anyone reads the shorter version: the Government did not reply, the defender is not named."""
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Kyrgyzstan: {CASE_TITLE} (joint communication)"
    )
    summary = page.get_by_role("article")
    expect(summary).to_contain_text("This is a shorter version of the original communication.")
    expect(summary).to_contain_text(
        "The following is based on a communication written by the UN Special Rapporteur on Human Rights "
        f"Defenders and other UN experts to the Government of Kyrgyzstan on {SENT_ON}."
    )
    expect(summary).to_contain_text(DID_NOT_REPLY)
    expect(summary).to_contain_text("[name withheld] was arrested at the clinic")
    expect(summary).to_contain_text("Names have been withheld for the safety of the persons concerned.")
    expect(summary).not_to_contain_text(DEFENDER)
    expect(page.get_by_role("listitem").filter(has_text="No reply has been received.")).to_be_visible()


def record_a_reply(page: Page) -> None:
    """The Government's reply of day 59 reached the officer only now; they record it on the communication's page."""
    replies = page.get_by_role("region", name="Replies")
    expect(replies).to_contain_text("No reply recorded.")
    replies.get_by_label("Date received").fill(REPLY_RECEIVED_ON)
    replies.get_by_label("Kind").select_option(label="Substantive reply")
    replies.get_by_label("Language").select_option(label="English")
    replies.get_by_label("Summary").fill("The Government states that the defender was released on bail.")
    press(page, "Record the reply")
    notice(page, "The reply is recorded; the public introduction follows by itself.")
    expect(replies).to_contain_text("Substantive reply, received 1 May 2026 (English)")


def read_the_reply_in_public(page: Page) -> None:
    page.reload()
    summary = page.get_by_role("article")
    expect(summary).to_contain_text(
        "The Government replied on 1 May 2026. The reply is available on the UN Special Procedures "
        "communications database."
    )
    expect(summary).not_to_contain_text(DID_NOT_REPLY)
    expect(summary).not_to_contain_text("No reply has been received.")
    expect(summary.get_by_role("link", name="Substantive reply, received 1 May 2026")).to_be_visible()


@pytest.fixture
def standard_library(db) -> None:
    """The library of law paragraphs and questions as a new installation has it (a data migration writes it; a
    browser test's database may have been emptied by an earlier one)."""
    if not LawParagraph.objects.exists():
        seed = importlib.import_module("defenders.drafting.migrations.0002_standard_paragraphs_and_questions")
        seed.add_library(apps, None)


@pytest.fixture
def new_context(
    browser: Browser, browser_context_args: dict[str, Any]
) -> Iterator[Callable[[], BrowserContext]]:
    """Each person browses in their own context (their own cookies), closed at the end; a slow page under load
    gets 20 s, for actions and for assertions alike."""
    opened: list[BrowserContext] = []

    def new() -> BrowserContext:
        context = browser.new_context(**browser_context_args)
        context.set_default_timeout(TIMEOUT_MS)
        opened.append(context)
        return context

    expect.set_options(timeout=TIMEOUT_MS)
    yield new
    expect.set_options(timeout=DEFAULT_EXPECT_TIMEOUT_MS)
    for context in opened:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_from_a_confidential_submission_to_a_public_urgent_appeal_and_its_reply(
    new_context,
    live_server,
    recovery_key,
    officer,
    mandate_holder,
    co_signer,
    second_co_signer,
    standard_library,
):
    base = live_server.url
    # Every signing mandate approves, the lead included: the Rapporteur, then a person of each co-signing mandate.
    signers = ((mandate_holder, "SR HRDs"), (co_signer, "SR FoE"), (second_co_signer, "WGAD"))

    with time_machine.travel(SENDING_MOMENT, tick=True) as clock:
        submit_confidentially(new_context().new_page(), base)

        office = new_context().new_page()
        office.goto(f"{base}/staff/")
        log_in(office, officer)
        open_case_from_the_submission(office)
        draft_address = draft_a_joint_urgent_appeal(office)

        for signer, mandate in signers:
            password = f"{signer.username} has a long password"  # as conftest.py made their accounts
            approve_for_their_mandate(new_context(), base, signer, password, mandate)

        office.goto(draft_address)
        send_and_read_the_letter(office)
        publication = office.get_by_role("region", name="Publication")
        expect(publication).to_contain_text("Public on 2 May 2026 at 00:00 Geneva time — in 60 days")
        expect(publication.get_by_role("link")).to_have_count(0)  # no public address yet

        clock.shift(timedelta(days=60))
        office.reload()  # the session ended long ago: the officer logs in again and comes back to the page
        log_in(office, officer)
        expect(office.get_by_role("heading", level=1)).to_have_text(f"{REFERENCE} Urgent appeal")
        expect(publication).to_contain_text("Public since 2 May 2026 at 00:00 Geneva time")
        public_address = publication.get_by_role("link").get_attribute("href")
        assert public_address

        reader = new_context().new_page()
        read_in_public(reader, f"{base}{public_address}")
        record_a_reply(office)
        read_the_reply_in_public(reader)
