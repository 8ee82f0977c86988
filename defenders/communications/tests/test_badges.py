"""One badge component for a communication's type and reply status, on every page that lists or shows one: the
public list and search results, the public page, the workspace's lists and pages."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import translation

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions
from defenders.communications.badges import reply_badge, type_badge

pytestmark = pytest.mark.django_db
AFTER_PUBLICATION = datetime(2024, 1, 17, 10, tzinfo=OFFICE_TIME_ZONE)
TYPE_BADGE = '<abbr class="badge badge-al" title="Allegation letter" translate="no">AL</abbr>'
REPLIED = '<span class="badge badge-replied">Replied</span>'
NO_REPLY = '<span class="badge badge-no-reply">No reply</span>'


@pytest.fixture
def answered(make_communication):
    letter = make_communication(code="RUS", sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")
    actions.record_reply(letter, received_on=date(2023, 12, 1), summary="The State replied.")
    return letter


def test_the_badges_say_the_type_and_the_reply_status_in_the_readers_language(answered):
    assert type_badge("UA").css_class == "badge-ua"
    assert reply_badge([]).css_class == "badge-no-reply"
    assert reply_badge(answered.replies.all()).label == "Replied"
    with translation.override("fr"):
        assert type_badge("AL").title == "Lettre d’allégation"
        assert reply_badge([]).label == "Pas de réponse"


@pytest.mark.parametrize("path", ["/communications/", "/communications/?q=harassment", "communication page"])
def test_the_public_pages_show_both_badges(client, answered, path):
    path = answered.get_absolute_url() if path == "communication page" else path
    with time_machine.travel(AFTER_PUBLICATION, tick=False):
        html = client.get(path).content.decode()
    assert TYPE_BADGE in html
    assert REPLIED in html


def test_the_workspace_list_and_page_of_a_communication_show_both_badges(client, officer, answered):
    with time_machine.travel(AFTER_PUBLICATION, tick=False):
        client.force_login(officer)
        listed = client.get("/staff/communications/").content.decode()
        shown = client.get(f"/staff/communications/{answered.uid}/").content.decode()
    for html in (listed, shown):
        assert TYPE_BADGE in html
        assert REPLIED in html


def test_a_draft_carries_its_type_badge_in_the_drafts_list_and_on_its_page(
    client, officer, make_communication
):
    draft = make_communication(sent_on=None, title="detention of a lawyer")
    client.force_login(officer)
    assert TYPE_BADGE in client.get("/staff/drafts/").content.decode()
    shown = client.get(f"/staff/drafts/{draft.uid}/").content.decode()
    assert TYPE_BADGE in shown
    assert NO_REPLY not in shown  # a draft has no reply status yet
