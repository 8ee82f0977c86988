"""The dashboard: counts that link to their lists, urgent ones said in words, the person's role, mandate and key."""

import pytest

from conftest import OFFICER_PASSWORD
from defenders.clock import office_today
from defenders.intake.dashboard import tiles as intake_tiles
from defenders.intake.models import Submission
from defenders.workspace import tiles as tiles_module
from defenders.workspace.tests import fake_tiles
from defenders.workspace.tiles import Tile, tiles_for

FAKE = "defenders.workspace.tests.fake_tiles"


def arrived(kind: str, status: str = Submission.Status.NEW) -> Submission:
    today = office_today()
    return Submission.objects.create(
        kind=kind,
        status=status,
        received_on=today,
        status_changed_on=today,
        public_key=b"\0" * 32,
        sealed_payload=b"sealed",
    )


@pytest.fixture
def only_fake_tiles(monkeypatch):
    monkeypatch.setattr(tiles_module, "DASHBOARD_MODULES", [FAKE])
    monkeypatch.setattr(fake_tiles, "SHOWN", [])
    return fake_tiles.SHOWN


def test_submissions_waiting_for_triage_count_new_ones_but_not_meeting_requests(officer):
    for kind in ("confidential", "general", "contact", "meeting"):
        arrived(kind)
    arrived("confidential", status=Submission.Status.ACCEPTED)
    assert intake_tiles(officer) == [Tile("Submissions waiting for triage", 3, "/staff/inbox/?status=new")]


def test_staff_who_may_not_read_submissions_get_no_intake_tile(co_signer, analyst):
    arrived("confidential")
    assert intake_tiles(co_signer) == []
    assert intake_tiles(analyst) == []


def test_the_intake_module_is_on_the_dashboard(officer):
    arrived("general")
    assert Tile("Submissions waiting for triage", 1, "/staff/inbox/?status=new") in tiles_for(officer)


def test_the_dashboard_links_each_count_to_its_list(client, officer):
    arrived("confidential")
    arrived("contact")
    client.force_login(officer)
    html = client.get("/staff/").content.decode()
    assert '<a href="/staff/inbox/?status=new">' in html
    assert '<span class="count">2</span> <span class="label">Submissions waiting for triage</span>' in html


def test_an_urgent_tile_says_urgent_in_words_not_only_in_colour(client, officer, only_fake_tiles):
    only_fake_tiles.append(
        Tile("Urgent appeals of the last 48 hours", 2, "/staff/fake/?type=UA", urgent=True)
    )
    only_fake_tiles.append(Tile("My cases", 5, "/staff/fake/?officer=me"))
    client.force_login(officer)
    html = client.get("/staff/").content.decode()
    assert '<li class="tile urgent">' in html
    assert (
        '<strong class="urgent-flag">Urgent</strong> <span class="count">2</span> '
        '<span class="label">Urgent appeals of the last 48 hours</span>'
    ) in html
    assert html.count("urgent-flag") == 1
    assert '<a href="/staff/fake/?officer=me">' in html


def test_nothing_waiting_is_a_friendly_empty_state_that_still_lists_the_lists(
    client, officer, only_fake_tiles
):
    only_fake_tiles.append(Tile("Follow-ups due", 0, "/staff/fake/?follow_up_due=1"))
    client.force_login(officer)
    html = client.get("/staff/").content.decode()
    assert "Nothing needs you today." in html
    assert '<a href="/staff/fake/?follow_up_due=1">Follow-ups due</a>: none' in html


def test_no_tiles_at_all_is_the_empty_state_too(client, analyst, only_fake_tiles):
    client.force_login(analyst)
    html = client.get("/staff/").content.decode()
    assert "Nothing needs you today." in html
    assert "Analyst" in html


def test_a_co_signer_sees_their_role_and_mandate_and_nothing_of_the_intake(client, co_signer):
    arrived("confidential")
    client.force_login(co_signer)
    html = client.get("/staff/").content.decode()
    assert "Co-signer" in html
    assert '(<span lang="en" translate="no">SR FoE</span>)' in html
    assert "Submissions waiting for triage" not in html
    assert "Intake key" not in html
    assert "/staff/unlock/" not in html


def test_an_officer_is_offered_the_unlock_until_the_key_is_unlocked(client, officer):
    client.force_login(officer)
    html = client.get("/staff/").content.decode()
    assert "Case officer" in html
    assert "The office (you sign for no mandate)." in html
    assert 'href="/staff/unlock/?next=%2Fstaff%2F"' in html
    unlocked = client.post("/staff/unlock/?next=/staff/", {"password": OFFICER_PASSWORD})
    assert unlocked["Location"] == "/staff/"
    html = client.get("/staff/").content.decode()
    assert "Unlocked for this session" in html
    assert "/staff/unlock/" not in html
