"""The admin's "send today" action passes the same sign-off gate as the draft's page."""

from datetime import date

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.urls import reverse

from defenders.accounts.roles import mandate_of
from defenders.drafting import actions

TODAY = date(2024, 3, 1)


@pytest.fixture
def admin_client(db, client):
    client.force_login(
        get_user_model().objects.create_superuser("ada.admin", password="a long admin password 7")
    )
    return client


def send_in_admin(admin_client, communication):
    with time_machine.travel(TODAY):
        return admin_client.post(
            reverse("admin:communications_communication_changelist"),
            {"action": "send_today", ACTION_CHECKBOX_NAME: [communication.pk]},
            follow=True,
        )


def test_a_draft_waiting_for_a_co_signer_is_not_sent(
    admin_client, start_draft, officer, mandate_holder, co_signer
):
    communication = start_draft()
    actions.request_sign_off(communication, by=officer)
    for person in (mandate_holder, co_signer):
        actions.approve(communication.sign_offs.get(mandate=mandate_of(person)), by=person)
    response = send_in_admin(admin_client, communication)
    communication.refresh_from_db()
    assert (communication.sent_on, communication.reference) == (None, "")
    assert "WGAD has not approved yet." in response.content.decode()


def test_a_draft_every_mandate_approved_is_sent_and_numbered(
    admin_client, start_draft, officer, mandate_holder, co_signer, second_co_signer
):
    communication = start_draft()
    actions.request_sign_off(communication, by=officer)
    for person in (mandate_holder, co_signer, second_co_signer):
        actions.approve(communication.sign_offs.get(mandate=mandate_of(person)), by=person)
    response = send_in_admin(admin_client, communication)
    communication.refresh_from_db()
    assert (communication.sent_on, communication.reference) == (TODAY, "UA TUR 1/2024")
    assert "Sent as UA TUR 1/2024." in response.content.decode()
