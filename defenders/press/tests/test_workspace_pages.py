"""The staff pages of press releases: drafted, linked, scheduled and published through the actions, and the
ordering rule said plainly while a linked communication is unsent."""

import html
from datetime import date, datetime

import pytest
import time_machine

from defenders.clock import OFFICE_TIME_ZONE
from defenders.press import actions
from defenders.press.models import PressRelease

pytestmark = pytest.mark.django_db
MORNING = datetime(2024, 3, 1, 9, tzinfo=OFFICE_TIME_ZONE)


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def office(client, officer):
    client.force_login(officer)
    return client


def test_a_release_is_drafted_linked_and_published_from_its_page(office, make_communication):
    sent = make_communication(code="RUS", sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")
    answer = office.post(
        "/staff/press-releases/new/", {"title": "Experts alarmed", "body": "Geneva.", "language": "en"}
    )
    release = PressRelease.objects.get()
    assert answer["Location"] == f"/staff/press-releases/{release.uid}/"
    office.post(f"/staff/press-releases/{release.uid}/links/", {"communications": [sent.pk]})
    assert list(release.communications.all()) == [sent]
    office.post(f"/staff/press-releases/{release.uid}/publish/")
    release.refresh_from_db()
    assert release.published_at is not None
    assert "Experts alarmed" in text(office.get("/staff/press-releases/"))


def test_the_page_says_why_a_release_cannot_go_out_and_the_action_refuses(office, make_communication):
    draft = make_communication(code="TUR", type="UA", sent_on=None, title="an appeal still in draft")
    release = actions.draft_press_release(
        title="Experts alarmed", body="Geneva.", communications=[draft], by=None
    )
    shown = text(office.get(f"/staff/press-releases/{release.uid}/"))
    assert "cannot be scheduled or published yet: 1 linked communication was not sent" in shown
    assert "never goes out before every linked communication was sent" in shown
    answer = office.post(f"/staff/press-releases/{release.uid}/schedule/", {"moment": "2030-03-01 09:00"})
    assert answer.status_code == 302
    assert "never goes out before its communications" in text(office.get(answer["Location"]))
    office.post(f"/staff/press-releases/{release.uid}/publish/")
    release.refresh_from_db()
    assert (release.scheduled_for, release.published_at) == (None, None)


def test_a_scheduled_moment_is_read_in_geneva_time(office, make_communication):
    sent = make_communication(code="RUS", sent_on=date(2023, 10, 25))
    release = actions.draft_press_release(
        title="Experts alarmed", body="Geneva.", communications=[sent], by=None
    )
    office.post(f"/staff/press-releases/{release.uid}/schedule/", {"moment": "2024-03-01 09:00"})
    release.refresh_from_db()
    assert release.scheduled_for == MORNING
    with time_machine.travel(MORNING, tick=False):
        assert PressRelease.objects.public().get() == release


def test_withdrawing_from_the_page_needs_a_reason(office, make_communication):
    release = actions.draft_press_release(title="Experts alarmed", body="Geneva.", by=None)
    actions.publish_press_release(release, by=None)
    assert office.post(f"/staff/press-releases/{release.uid}/withdraw/", {"reason": " "}).status_code == 400
    office.post(f"/staff/press-releases/{release.uid}/withdraw/", {"reason": "Named the wrong person."})
    release.refresh_from_db()
    assert release.withdrawn


def test_a_co_signer_and_an_analyst_may_not_open_the_press_pages(client, co_signer, analyst):
    release = actions.draft_press_release(title="Experts alarmed", body="Geneva.", by=None)
    for person in (co_signer, analyst):
        client.force_login(person)
        assert client.get("/staff/press-releases/").status_code == 403
        assert client.get(f"/staff/press-releases/{release.uid}/").status_code == 403
        assert client.post(f"/staff/press-releases/{release.uid}/publish/").status_code == 403
    release.refresh_from_db()
    assert release.published_at is None
