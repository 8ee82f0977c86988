"""The admin writes press releases only through the actions: schedule, publish and withdraw are list actions."""

from datetime import date, datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.urls import reverse

from defenders.clock import OFFICE_TIME_ZONE
from defenders.press import actions
from defenders.press.models import PressRelease

LIST = "admin:press_pressrelease_changelist"


@pytest.fixture
def administrator(db, client):
    user = get_user_model().objects.create_superuser("ada.admin", password="a long admin password 7")
    client.force_login(user)
    return user


@pytest.fixture
def unsent(make_communication):
    return make_communication(type="UA", code="TUR", sent_on=None)


def test_adding_a_release_drafts_it_with_its_links(client, administrator, make_communication):
    sent = make_communication(sent_on=date(2024, 2, 1))
    response = client.post(
        reverse("admin:press_pressrelease_add"),
        {
            "title": "Experts alarmed",
            "body": "Geneva.",
            "language": "en",
            "communications": [sent.pk],
            "published_at": "2024-01-01 00:00",  # read-only: ignored
        },
    )
    assert response.status_code == 302
    release = PressRelease.objects.get()
    assert release.published_at is None and list(release.communications.all()) == [sent]
    assert release.history.filter(history_user=administrator).exists()


def test_publish_action_refuses_while_a_linked_communication_is_unsent(client, administrator, unsent):
    release = actions.draft_press_release(title="Too early", body="", communications=[unsent], by=None)
    response = client.post(
        reverse(LIST), {"action": "publish_now", ACTION_CHECKBOX_NAME: [release.pk]}, follow=True
    )
    assert "never goes out before its communications" in response.content.decode()
    release.refresh_from_db()
    assert release.published_at is None


def test_schedule_action_asks_for_the_moment_then_schedules(client, administrator):
    release = actions.draft_press_release(title="Scheduled", body="", by=None)
    selected = {"action": "schedule", ACTION_CHECKBOX_NAME: [release.pk]}
    assert "Geneva time" in client.post(reverse(LIST), selected).content.decode()
    client.post(reverse(LIST), {**selected, "apply": "1", "moment": "2024-03-01 09:00"})
    release.refresh_from_db()
    assert release.scheduled_for == datetime(2024, 3, 1, 9, tzinfo=OFFICE_TIME_ZONE)
    assert release.history.order_by("history_id").last().history_user == administrator


def test_withdraw_action_needs_a_reason(client, administrator):
    release = actions.draft_press_release(title="Out", body="", by=None)
    actions.publish_press_release(release, by=None)
    selected = {"action": "withdraw", ACTION_CHECKBOX_NAME: [release.pk]}
    client.post(reverse(LIST), {**selected, "apply": "1", "reason": ""})
    release.refresh_from_db()
    assert not release.withdrawn
    client.post(reverse(LIST), {**selected, "apply": "1", "reason": "Facts disputed"})
    release.refresh_from_db()
    assert (release.withdrawn, release.withdrawn_reason) == (True, "Facts disputed")


def test_the_change_form_cannot_set_the_publishing_fields(client, administrator):
    release = actions.draft_press_release(title="Draft", body="", by=None)
    response = client.post(
        reverse("admin:press_pressrelease_change", args=[release.pk]),
        {"title": "Draft, edited", "body": "Geneva.", "language": "en", "scheduled_for": "2024-01-01 00:00"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    release.refresh_from_db()
    assert (release.title, release.scheduled_for) == ("Draft, edited", None)
