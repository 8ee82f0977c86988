import re
from datetime import date, datetime, time

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from defenders.cases.models import Case
from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications.models import Communication, Reply, SentLetter
from defenders.demo.loader import load_demo
from defenders.demo.records import KHAMROEV, demo_uid
from defenders.demo.staff import ensure_demo_staff
from defenders.demo.workspace import load_workspace
from defenders.demo.workspace_cases import (
    READY_TO_SEND,
    REPLIED,
    SENT_URGENT_APPEAL,
    WAITING_FOR_A_CO_SIGNER,
    WORKSPACE_CASES,
)
from defenders.drafting.models import DraftVersion, SignOff
from defenders.intake import keyring
from defenders.intake.actions import staff_keys
from defenders.intake.models import AccessRecord, Submission, WrappedSubmissionKey
from defenders.press.models import PressRelease

TODAY = date(2026, 11, 29)
TITLES = {spec["key"]: spec["title"] for spec in WORKSPACE_CASES}
LOGIN = re.compile(r" as (\S+) / (\S+), with")


@pytest.fixture
def demo(db):
    """The whole demo as `defenders demo` loads it, on TODAY (the clock stays there for the test); the notes it
    printed once."""
    with time_machine.travel(datetime.combine(TODAY, time(9), tzinfo=OFFICE_TIME_ZONE), tick=False):
        load_demo(today=TODAY)
        notes = ensure_demo_staff()
        notes += load_workspace(today=TODAY)
        yield notes


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _letter(key: str) -> Communication:
    return Communication.objects.get(cases__title=TITLES[key])


def _dashboard(client, username: str) -> dict[str, int]:
    client.force_login(_user(username))
    response = client.get("/staff/")
    assert response.status_code == 200
    return {tile.label: tile.count for tile in response.context["waiting"]}


def test_the_officer_dashboard_shows_each_part_of_the_workspace_at_work(demo, client):
    counts = _dashboard(client, "officer")
    assert counts["Submissions waiting for triage"] == 2  # the confidential one and the information
    assert counts["Meeting requests pending"] == 1
    assert counts["Becoming public in the next 7 days"] == 1
    assert counts["Urgent appeals of the last 48 hours"] == 1
    assert counts["Approved drafts ready to send"] == 1
    assert counts["Follow-ups due"] == 1
    assert counts["My cases"] == len(WORKSPACE_CASES) + 1  # and the Khamroev case


def test_only_the_co_signer_who_has_not_approved_sees_a_draft_waiting(demo, client):
    assert _dashboard(client, "cosigner.wgad")["Drafts waiting for my sign-off"] == 1
    assert "Drafts waiting for my sign-off" not in _dashboard(client, "cosigner.foe")
    waiting = _letter(WAITING_FOR_A_CO_SIGNER)
    states = dict(waiting.sign_offs.values_list("mandate__short_name", "state"))
    assert states == {"SR HRDs": "approved", "SR FoE": "approved", "WGAD": "requested"}


def test_the_officer_sends_the_approved_draft_but_not_the_one_waiting(demo, client):
    client.force_login(_user("officer"))
    waiting, ready = _letter(WAITING_FOR_A_CO_SIGNER), _letter(READY_TO_SEND)
    refused = client.post(reverse("drafting:send", args=[waiting.uid]), follow=True)
    assert "Not sent. WGAD has not approved yet." in refused.content.decode()
    waiting.refresh_from_db()
    assert waiting.sent_on is None and waiting.reference == ""
    client.post(reverse("drafting:send", args=[ready.uid]))
    ready.refresh_from_db()
    assert ready.sent_on == TODAY and ready.reference == f"AL CAN 1/{TODAY.year}"
    assert ready.sent_letters.count() == 1


def test_the_urgent_appeal_went_out_today_with_its_reference_and_frozen_letter(demo):
    appeal = _letter(SENT_URGENT_APPEAL)
    assert appeal.type == "UA" and appeal.sent_on == TODAY
    assert appeal.reference == f"UA IRL 1/{TODAY.year}"
    assert appeal.sent_letters.get().version == 1
    assert appeal not in Communication.objects.public()  # inside its 60 days
    assert "Fictional" in appeal.background and "Fictional" in appeal.full_text


def test_the_replied_letter_has_its_reply_follow_up_and_press_release(demo):
    replied = _letter(REPLIED)
    assert replied.replies.get().uid == demo_uid(f"{REPLIED}/reply")
    case = Case.objects.get(title=TITLES[REPLIED])
    assert case.status == Case.Status.FOLLOW_UP and case.follow_up_on == TODAY
    release = PressRelease.objects.get(communications=replied)
    assert release.scheduled_for is not None and release.published_at is None
    assert release not in PressRelease.objects.public()  # held until the letter is public, five days on


def test_the_khamroev_case_is_the_officers_with_its_sent_letter(demo):
    case = Case.objects.get(uid=demo_uid(f"{KHAMROEV}/case"))
    assert case.officer == _user("officer")
    letter = case.communications.get()
    assert letter.sent_on == date(2023, 10, 25) and letter in Communication.objects.public()


def test_the_demo_officer_unlocks_and_reads_the_confidential_submission(demo, client):
    logins = {match[1]: match[2] for note in demo if (match := LOGIN.search(note))}
    officer = _user("officer")
    client.force_login(officer)
    response = client.post(reverse("inbox:unlock"), {"password": logins["officer"]})
    assert response.status_code == 302
    submission = Submission.objects.get(kind=Submission.Kind.CONFIDENTIAL)
    assert submission.status == Submission.Status.NEW and submission.follows_up_with_codename
    page = client.get(reverse("inbox:submission", args=[submission.uid]))
    assert page.status_code == 200
    assert "Lina Exampleton" in page.content.decode()
    assert AccessRecord.objects.filter(submission=submission, user=officer, action="read").exists()
    assert any("codename" in note and "/submit/follow-up/" in note for note in demo)


def test_an_officer_whose_key_is_newer_than_the_submissions_is_given_them_on_the_next_load(demo, client):
    password = next(match[2] for note in demo if (match := LOGIN.search(note)) and match[1] == "officer")
    officer = _user("officer")
    staff_keys.revoke_staff_key(officer)  # as a password reset does; then a new key, sealed to nothing yet
    staff_keys.enable_recipient(officer, by=None)
    staff_keys.set_up_staff_key(officer, password)
    submission = Submission.objects.get(kind=Submission.Kind.CONFIDENTIAL)
    assert not keyring.is_shared_with(submission, officer)
    load_workspace(today=TODAY)
    assert keyring.is_shared_with(submission, officer)
    client.force_login(officer)
    client.post(reverse("inbox:unlock"), {"password": password})
    assert (
        "Lina Exampleton" in client.get(reverse("inbox:submission", args=[submission.uid])).content.decode()
    )


def test_loading_the_workspace_again_changes_nothing(demo):
    def state():
        return (
            list(Submission.objects.order_by("uid").values_list("uid", "kind", "status")),
            WrappedSubmissionKey.objects.count(),
            list(Case.objects.order_by("title").values_list("title", "status", "officer__username")),
            list(Communication.objects.order_by("title").values_list("title", "reference", "sent_on")),
            list(SignOff.objects.order_by("pk").values_list("pk", "state")),
            DraftVersion.objects.count(),
            SentLetter.objects.count(),
            Reply.objects.count(),
            PressRelease.objects.count(),
            # The workspace's own rows; the loader's case files are rewritten on each load (see loader.py).
            Case.history.filter(title__in=TITLES.values()).count(),
            Communication.history.count(),
            SignOff.history.count(),
            AccessRecord.objects.count(),
        )

    first = state()
    with time_machine.travel(datetime.combine(TODAY, time(15), tzinfo=OFFICE_TIME_ZONE), tick=False):
        load_demo(today=TODAY)
        assert ensure_demo_staff() == []
        assert load_workspace(today=TODAY) == []
    assert state() == first
