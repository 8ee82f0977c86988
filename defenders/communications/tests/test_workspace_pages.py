"""The page of a sent communication: withholding and releasing with a reason, replies, follow-ups, the update,
the corrected letter, and who may open it."""

import html
from datetime import date, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions
from defenders.communications.models import Communication, Reply
from defenders.core.events import reply_recorded
from defenders.core.history import reason_text

pytestmark = pytest.mark.django_db
# 17 January 2024: the letter sent on 25 October 2023 has been public since 24 December 2023.
AFTER_PUBLICATION = datetime(2024, 1, 17, 10, tzinfo=OFFICE_TIME_ZONE)


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def letter(make_communication):
    return make_communication(code="RUS", sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")


@pytest.fixture
def office(client, officer):
    client.force_login(officer)
    return client


def page(communication: Communication) -> str:
    return f"/staff/communications/{communication.uid}/"


def test_the_page_counts_down_to_publication(client, officer, letter):
    # Logged in at each moment: a staff session ends after 30 idle minutes.
    with time_machine.travel(datetime(2023, 12, 12, 15, tzinfo=OFFICE_TIME_ZONE), tick=False):
        client.force_login(officer)
        shown = text(client.get(page(letter)))
    assert "Public on 24 December 2023 at 00:00 Geneva time — in 12 days" in shown
    assert letter.get_absolute_url() not in shown
    with time_machine.travel(AFTER_PUBLICATION, tick=False):
        client.force_login(officer)
        shown = text(client.get(page(letter)))
    assert "Public since 24 December 2023" in shown
    assert letter.get_absolute_url() in shown


def test_withholding_and_releasing_need_a_reason_and_change_the_public_page(client, officer, letter):
    public = letter.get_absolute_url()
    with time_machine.travel(AFTER_PUBLICATION, tick=False):
        assert client.get(public).status_code == 200
        client.force_login(officer)
        refused = client.post(page(letter) + "withhold/", {"withhold-reason": "  "})
        assert refused.status_code == 400
        letter.refresh_from_db()
        assert not letter.withheld
        client.post(page(letter) + "withhold/", {"withhold-reason": "The defender's trial opens tomorrow."})
        letter.refresh_from_db()
        assert letter.withheld
        assert letter.withheld_reason == "The defender's trial opens tomorrow."
        assert "Withheld: not public whatever the date" in text(client.get(page(letter)))
        assert client.get(public).status_code == 404
        assert client.post(page(letter) + "release/", {"release-reason": ""}).status_code == 400
        client.post(page(letter) + "release/", {"release-reason": "The trial was postponed."})
        letter.refresh_from_db()
        assert not letter.withheld
        assert (
            reason_text(letter.history.first().history_change_reason)
            == "Released for publication: The trial was postponed."
        )
        assert client.get(public).status_code == 200


def test_recording_a_reply_changes_the_public_introduction(client, officer, letter):
    office = client
    with time_machine.travel(AFTER_PUBLICATION, tick=False):
        office.force_login(officer)
        before = text(office.get(letter.get_absolute_url()))
        assert "did not reply within this timeframe" in before
        answer = office.post(
            page(letter) + "replies/",
            {
                "received_on": "2023-12-01",
                "kind": Reply.Kind.SUBSTANTIVE,
                "language": "ru",
                "summary": "The Government denies the allegations.",
                "file": SimpleUploadedFile("reply.pdf", b"%PDF-1.4 a reply"),
            },
        )
        assert answer.status_code == 302
        after = text(office.get(letter.get_absolute_url()))
    assert "did not reply within this timeframe" not in after
    assert "The Government replied on 1 December 2023" in after
    assert letter.replies.get().file.name


def test_a_reply_received_before_sending_is_refused_on_the_form(office, letter):
    answer = office.post(
        page(letter) + "replies/", {"received_on": "2023-10-01", "kind": "substantive", "language": "en"}
    )
    assert answer.status_code == 400
    assert "cannot be received before the communication was sent" in text(answer)
    assert not letter.replies.exists()


def test_recording_a_reply_announces_it_once_committed(letter, django_capture_on_commit_callbacks):
    heard = []

    def listener(sender, reply, **kwargs):
        heard.append(reply)

    reply_recorded.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            reply = actions.record_reply(letter, received_on=date(2023, 12, 1), by=None)
        assert heard == []
        for callback in callbacks:
            callback()
    finally:
        reply_recorded.disconnect(listener)
    assert heard == [reply]


def test_a_reply_is_corrected_and_deleted_with_a_reason(office, letter):
    reply = actions.record_reply(letter, received_on=date(2023, 12, 1), by=None)
    address = f"{page(letter)}replies/{reply.uid}/"
    assert office.get(address).status_code == 200
    office.post(
        address,
        {
            "received_on": "2023-12-02",
            "kind": Reply.Kind.ACKNOWLEDGEMENT,
            "language": "en",
            "reason": "The stamp says the 2nd.",
        },
    )
    reply.refresh_from_db()
    assert (reply.received_on, reply.kind) == (date(2023, 12, 2), Reply.Kind.ACKNOWLEDGEMENT)
    assert "Delete the reply" in text(office.get(address + "delete/"))
    assert office.post(address + "delete/", {"reason": ""}).status_code == 400
    office.post(address + "delete/", {"reason": "Recorded on the wrong letter."})
    assert not letter.replies.exists()
    assert reason_text(Reply.history.filter(history_type="-").get().history_change_reason) == (
        "Deleted: Recorded on the wrong letter."
    )


def test_follow_ups_and_the_update_appear_on_the_public_page(office, letter, make_communication):
    later = make_communication(code="RUS", sent_on=date(2023, 11, 2), reference="AL RUS 16/2023")
    office.post(page(later) + "follow-ups/", {"earlier": [letter.pk]})
    office.post(
        page(later) + "update/", {"update": "Since the communication was sent, the defender was released."}
    )
    assert list(later.follows_up.all()) == [letter]
    office.logout()
    with time_machine.travel(AFTER_PUBLICATION, tick=False):
        shown = text(office.get(later.get_absolute_url()))
    assert "Earlier communications followed up" in shown
    assert "AL RUS 15/2023" in shown
    assert "the defender was released" in shown


def test_a_follow_up_of_a_later_letter_is_refused_on_the_form(office, letter, make_communication):
    later = make_communication(code="RUS", sent_on=date(2023, 11, 2), reference="AL RUS 16/2023")
    answer = office.post(page(letter) + "follow-ups/", {"earlier": [later.pk]})
    assert answer.status_code == 400
    assert not letter.follows_up.exists()


def test_a_correction_freezes_a_new_version_with_its_note(office, mandates):
    from defenders.addressees.models import Addressee
    from defenders.mandates.models import Mandate

    sent = actions.create_communication(
        by=None,
        addressee=Addressee.state("TUR"),
        type="UA",
        title="a sent letter",
        full_text="Excellency, ...",
    )
    actions.set_signatories(sent, [Mandate.objects.get(short_name="SR HRDs")], by=None)
    actions.send_communication(sent, by=None, on=date(2024, 2, 1))
    assert office.post(page(sent) + "letter/correct/", {"note": ""}).status_code == 400
    office.post(page(sent) + "letter/correct/", {"note": "The date of the arrest was wrong."})
    assert list(sent.sent_letters.values_list("version", "note")) == [
        (1, ""),
        (2, "The date of the arrest was wrong."),
    ]
    shown = text(office.get(page(sent)))
    assert "Version 2" in shown
    assert f"/staff/letters/{sent.uid}/v2.pdf" in shown


def test_a_draft_is_the_drafting_pages_business(office, make_communication):
    draft = make_communication(sent_on=None)
    answer = office.get(page(draft))
    assert answer.status_code == 302
    assert answer["Location"] == f"/staff/drafts/{draft.uid}/"


def test_a_co_signer_and_an_analyst_may_not_open_these_pages(client, co_signer, analyst, letter):
    for person in (co_signer, analyst):
        client.force_login(person)
        assert client.get("/staff/communications/").status_code == 403
        assert client.get(page(letter)).status_code == 403
        assert client.post(page(letter) + "withhold/", {"withhold-reason": "no"}).status_code == 403
    letter.refresh_from_db()
    assert not letter.withheld


def test_an_unknown_communication_answers_404(office):
    assert office.get("/staff/communications/00000000-0000-4000-8000-000000000000/").status_code == 404
