"""A source's whole path through the intake in a real browser with JavaScript off: submit, keep the codename,
come back with it and add a file. Every page must load only from this site."""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from defenders.intake.actions import reading
from defenders.intake.models import Message, Submission, SubmissionFile
from defenders.intake.tests.helpers import CODENAME_PATTERN

RECEIPT_SCREENSHOT = "/tmp/receipt.png"  # noqa: S108 (outside the repository on purpose, for the integrator)


@dataclass
class Traffic:
    """Every URL the browser asked for, and those that failed (refused, blocked or unreachable)."""

    server: str
    requested: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def assert_only_this_site(self) -> None:
        elsewhere = [url for url in self.requested if urlsplit(url)[:2] != ("http", self.server)]
        assert not elsewhere, f"the pages asked other hosts for: {elsewhere}"
        assert not self.failed, f"requests that failed: {self.failed}"
        assert any(urlsplit(url).path.startswith("/static/") for url in self.requested), (
            "no stylesheet loaded"
        )


@pytest.fixture
def traffic(page: Page, live_server) -> Traffic:
    seen = Traffic(server=urlsplit(live_server.url).netloc)
    page.on("request", lambda request: seen.requested.append(request.url))
    page.on("requestfailed", lambda request: seen.failed.append(f"{request.url} ({request.failure})"))
    page.set_default_timeout(20_000)
    return seen


def submit_with(page: Page, button: str, *, status: int = 200) -> None:
    """Press a submit button and check the status of the page the server answers with."""
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name=button, exact=True).click()
    response = posted.value
    assert response.status == status, (
        f"{button!r}: POST {urlsplit(response.url).path} answered {response.status}: "
        f"{page.locator('main, body').first.inner_text()[:200]!r}"
    )


@pytest.mark.django_db(transaction=True)
def test_a_source_submits_keeps_the_codename_and_adds_a_file_later(
    page: Page, live_server, recovery_key, officer, traffic: Traffic, tmp_path: Path, officer_private_key
):
    page.goto(f"{live_server.url}/submit/confidential/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Submit confidential information on a human rights defender at risk"
    )
    page.get_by_role("group", name="Person 1").get_by_label("Name:", exact=True).fill("Leyla Defender")
    incident = page.get_by_role("group", name="Incident 1")
    incident.get_by_label("Year").fill("2024")
    incident.get_by_label("What happened").fill("She was arrested at her office.")
    page.get_by_label("Alleged perpetrators").fill("Police unit 5")
    page.get_by_label("The risk now").fill("She is held incommunicado.")
    page.get_by_role("group", name="How urgent is it?").get_by_label("Within the coming weeks").check()
    page.get_by_role("group", name="agree that their names are given to the Government").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("group", name="agree that their names appear in public reports").get_by_label(
        "No"
    ).check()
    contact = page.get_by_role("group", name="How may the team contact you?")
    expect(contact.get_by_label("Only through this site, with my codename")).to_be_checked()
    page.get_by_label("Language of your submission").select_option("fr")

    # "Add another person" is a submit button: without JavaScript the server sends the form back, one row longer.
    submit_with(page, "Add another person")
    expect(page.get_by_role("group", name="Person 2")).to_be_visible()
    expect(page.get_by_role("group", name="Person 1").get_by_label("Name:", exact=True)).to_have_value(
        "Leyla Defender"
    )
    expect(page.get_by_label("The risk now")).to_have_value("She is held incommunicado.")
    expect(page.get_by_text("There is a problem")).to_have_count(0)
    assert Submission.objects.count() == 0

    submit_with(page, "Send confidentially")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your information was received")
    codename = page.locator("#codename").inner_text().strip()
    assert len(codename.split()) >= 7
    assert CODENAME_PATTERN.search(page.content())
    page.screenshot(path=RECEIPT_SCREENSHOT, full_page=True)

    page.goto(f"{live_server.url}/submit/follow-up/")
    page.get_by_label("Your codename").fill(codename)
    submit_with(page, "Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your conversation with the team")

    evidence = tmp_path / "evidence.txt"
    evidence.write_text("The arrest warrant was dated the day after the arrest.\n", encoding="utf-8")
    page.locator('input[type="file"][name="attachments"]').set_input_files(evidence)
    page.get_by_label("Your message").fill("Her lawyer was not allowed to see her.")
    submit_with(page, "Send")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your addition was received")
    expect(page.get_by_text("with 1 file")).to_be_visible()

    submission = Submission.objects.get()
    assert submission.language == "fr"
    assert SubmissionFile.objects.get().submission == submission
    message = Message.objects.get()
    assert (message.submission, message.author) == (submission, Message.Author.SOURCE)

    # What the browser sent is what the team reads: the name typed before "Add another person" survived.
    key = officer_private_key
    opened = reading.open_submission(submission, by=officer, staff_private_key=key)
    assert [person["name"] for person in opened.content["persons"]] == ["Leyla Defender"]
    assert opened.content["form"]["urgency"] == "weeks"
    assert opened.content["incidents"][0]["date"] == "2024"
    assert [text for _, text, _ in opened.messages] == ["Her lawyer was not allowed to see her."]
    [(_, details)] = opened.files
    assert details["name"] == "evidence.txt" and details["content_type"] == "text/plain"

    assert any(urlsplit(url).path == "/submit/follow-up/add/" for url in traffic.requested)
    traffic.assert_only_this_site()


@pytest.mark.django_db(transaction=True)
def test_a_wrong_codename_is_refused(page: Page, live_server, recovery_key, officer, traffic: Traffic):
    page.goto(f"{live_server.url}/submit/follow-up/")
    page.get_by_label("Your codename").fill("alpha bravo charlie delta echo foxtrot golf")
    submit_with(page, "Continue", status=400)
    expect(page.get_by_text("This codename was not recognised.").first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow up with your codename")
    expect(page.get_by_text("Your conversation with the team")).to_have_count(0)
    traffic.assert_only_this_site()
