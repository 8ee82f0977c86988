"""The admin writes communications and replies only through the actions, with reasons in the history."""

from datetime import date

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.urls import reverse

from defenders.addressees.models import Addressee
from defenders.communications import actions
from defenders.communications.models import Communication, Reply
from defenders.core.history import reason_text
from defenders.mandates.models import Mandate

TODAY = date(2024, 3, 1)


@pytest.fixture
def administrator(db, client):
    user = get_user_model().objects.create_superuser("ada.admin", password="a long admin password 7")
    client.force_login(user)
    return user


def mandate(short_name: str) -> Mandate:
    return Mandate.objects.get(short_name=short_name)


def change_form_data(communication: Communication, **changes) -> dict:
    lead = communication.lead_mandate()
    assert lead is not None
    data = {
        "type": communication.type,
        "addressee": communication.addressee.pk,
        "language": communication.language,
        "title": communication.title,
        "signatories": [m.pk for m in communication.ordered_mandates()],
        "lead": lead.pk,
        "replies-TOTAL_FORMS": "0",
        "replies-INITIAL_FORMS": "0",
        **changes,
    }
    return data


def test_adding_a_communication_drafts_it_with_its_signatories(client, administrator, mandates):
    response = client.post(
        reverse("admin:communications_communication_add"),
        {
            "type": "UA",
            "addressee": Addressee.state("TUR").pk,
            "language": "en",
            "title": "detention of a lawyer",
            "signatories": [mandate("WGAD").pk, mandate("SR HRDs").pk],
            "lead": mandate("SR HRDs").pk,
            "sent_on": "2024-01-01",  # read-only: ignored
            "reference": "UA TUR 1/2024",
            "replies-TOTAL_FORMS": "0",
            "replies-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    communication = Communication.objects.get(title="detention of a lawyer")
    assert communication.sent_on is None and communication.reference == ""
    assert [m.short_name for m in communication.ordered_mandates()] == ["SR HRDs", "WGAD"]
    assert communication.lead_mandate() == mandate("SR HRDs")
    reasons = list(
        [
            reason_text(reason)
            for reason in communication.history.order_by("history_id").values_list(
                "history_change_reason", flat=True
            )
        ]
    )
    assert reasons == ["Drafted", "Signed by SR HRDs (lead), WGAD"]
    assert communication.history.latest().history_user == administrator


def test_the_change_form_cannot_set_the_sending_date_reference_or_withholding(
    client, administrator, make_communication
):
    communication = make_communication(sent_on=None)
    url = reverse("admin:communications_communication_change", args=[communication.pk])
    page = client.get(url).content.decode()
    assert 'name="sent_on"' not in page and 'name="withheld"' not in page and 'name="reference"' not in page
    response = client.post(
        url,
        change_form_data(
            communication,
            title="new title",
            sent_on="2024-01-01",
            reference="AL RUS 1/2024",
            withheld="on",
            withheld_reason="x",
        ),
    )
    assert response.status_code == 302
    communication.refresh_from_db()
    assert communication.title == "new title"
    assert (communication.sent_on, communication.reference, communication.withheld) == (None, "", False)
    assert reason_text(communication.history.latest().history_change_reason) == "Edited in the admin"


def test_a_numbered_communication_keeps_its_type_and_addressee(client, administrator, make_communication):
    communication = make_communication(reference="AL RUS 15/2023")
    url = reverse("admin:communications_communication_change", args=[communication.pk])
    client.post(url, change_form_data(communication, type="UA", addressee=Addressee.state("TUR").pk))
    communication.refresh_from_db()
    assert (communication.type, communication.addressee.code) == ("AL", "RUS")


def test_the_send_action_refuses_a_draft_nobody_approved_and_what_was_sent(
    client, administrator, make_communication
):
    draft = make_communication(sent_on=None)
    sent = make_communication(reference="AL RUS 15/2024", sent_on=date(2024, 2, 1))
    with time_machine.travel(TODAY):
        response = client.post(
            reverse("admin:communications_communication_changelist"),
            {"action": "send_today", ACTION_CHECKBOX_NAME: [draft.pk, sent.pk]},
            follow=True,
        )
    draft.refresh_from_db()
    assert (draft.reference, draft.sent_on) == ("", None)
    page = response.content.decode()
    assert "Not ready to send: No text drafted yet." in page
    assert "Already sent on 1 February 2024" in page


def test_withholding_asks_for_a_reason_then_release_undoes_it(client, administrator, make_communication):
    communication = make_communication()
    changelist = reverse("admin:communications_communication_changelist")
    asked = client.post(changelist, {"action": "withhold", ACTION_CHECKBOX_NAME: [communication.pk]})
    assert asked.status_code == 200 and "Withhold from publication" in asked.content.decode()
    communication.refresh_from_db()
    assert not communication.withheld
    client.post(
        changelist,
        {
            "action": "withhold",
            "apply": "1",
            "reason": "The family is moving",
            ACTION_CHECKBOX_NAME: [communication.pk],
        },
    )
    communication.refresh_from_db()
    assert communication.withheld and communication.withheld_reason == "The family is moving"
    assert (
        reason_text(communication.history.latest().history_change_reason) == "Withheld: The family is moving"
    )
    client.post(changelist, {"action": "release", ACTION_CHECKBOX_NAME: [communication.pk]})
    communication.refresh_from_db()
    assert not communication.withheld
    assert reason_text(communication.history.latest().history_change_reason) == "Released for publication"


def test_replies_are_recorded_corrected_and_deleted_through_the_actions(
    client, administrator, make_communication
):
    communication = make_communication(sent_on=date(2023, 10, 25))
    add = reverse("admin:communications_reply_add")
    fields = {
        "communication": communication.pk,
        "kind": "substantive",
        "language": "en",
        "summary": "Denied.",
    }
    too_early = client.post(add, {**fields, "received_on": "2023-10-01"})
    assert too_early.status_code == 200
    assert "cannot be received before the communication was sent" in too_early.content.decode()
    assert not Reply.objects.exists()

    assert client.post(add, {**fields, "received_on": "2023-11-20"}).status_code == 302
    reply = Reply.objects.get()
    assert reason_text(reply.history.latest().history_change_reason) == "Reply received on 2023-11-20"

    change = reverse("admin:communications_reply_change", args=[reply.pk])
    client.post(change, {**fields, "received_on": "2023-11-21", "summary": "Denied in full."})
    reply.refresh_from_db()
    assert (reply.received_on, reply.summary) == (date(2023, 11, 21), "Denied in full.")
    assert reason_text(reply.history.latest().history_change_reason) == "Corrected in the admin"

    client.post(reverse("admin:communications_reply_delete", args=[reply.pk]), {"post": "yes"})
    assert not Reply.objects.exists()
    assert reason_text(Reply.history.latest().history_change_reason) == "Deleted in the admin"


def test_far_dates_are_refused_with_an_error_not_a_crash(client, administrator, make_communication):
    communication = make_communication(sent_on=date(2023, 10, 25))
    fields = {"communication": communication.pk, "kind": "substantive", "language": "en"}
    response = client.post(reverse("admin:communications_reply_add"), {**fields, "received_on": "9999-12-31"})
    assert response.status_code == 200
    assert "between 1 January 1945 and 31 December 2100" in response.content.decode()
    with pytest.raises(actions.CommunicationStateError):
        actions.record_sent(make_communication(sent_on=None), sent_on=date(9999, 12, 31), by=None)
    with pytest.raises(actions.CommunicationStateError):
        actions.send_communication(make_communication(sent_on=None), on=date(1900, 1, 1), by=None)
    assert client.get(reverse("admin:communications_communication_changelist")).status_code == 200


def test_follow_ups_are_written_through_their_action_and_a_later_letter_is_refused(
    client, administrator, make_communication
):
    earlier = make_communication(sent_on=date(2021, 3, 1), reference="AL RUS 3/2021")
    afterwards = make_communication(sent_on=date(2024, 2, 1), reference="AL RUS 2/2024")
    communication = make_communication(sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")
    url = reverse("admin:communications_communication_change", args=[communication.pk])
    response = client.post(url, change_form_data(communication, follows_up=[earlier.pk]))
    assert response.status_code == 302
    assert list(communication.follows_up.all()) == [earlier]
    assert reason_text(communication.history.latest().history_change_reason) == "Follows up AL RUS 3/2021"
    response = client.post(url, change_form_data(communication, follows_up=[afterwards.pk]))
    assert response.status_code == 200
    assert "it cannot be an earlier communication" in response.content.decode()
    assert list(communication.follows_up.all()) == [earlier]
