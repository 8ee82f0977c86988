"""Who new submissions are sealed to: staff an administrator enabled, never an account that merely unlocked."""

import io

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError

from defenders.intake.actions import staff_keys as staff_key_actions
from defenders.intake.errors import NotARecipient
from defenders.intake.models import RecipientApproval, StaffKey, Submission
from defenders.intake.tests.helpers import confidential_form
from defenders.vault import recovery

PASSWORD = "a new colleague's long passphrase 9"


@pytest.fixture
def newcomer(db) -> User:
    user = User.objects.create_user("rosa.newcomer", password=PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="read_submission"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def administrator(db) -> User:
    return User.objects.create_superuser("helena.admin", password=PASSWORD)


def test_unlocking_creates_no_key_until_an_administrator_enables_the_recipient(
    client, recovery_key, newcomer
):
    client.force_login(newcomer)
    response = client.post("/staff/unlock/", {"password": PASSWORD})
    assert response.status_code == 403
    assert "An administrator has not enabled you" in response.content.decode()
    assert not StaffKey.objects.filter(user=newcomer).exists()
    with pytest.raises(NotARecipient):
        staff_key_actions.set_up_staff_key(newcomer, PASSWORD)


def test_once_enabled_unlocking_creates_the_key_and_shows_its_fingerprint(
    client, recovery_key, newcomer, administrator
):
    approval = staff_key_actions.enable_recipient(newcomer, by=administrator)
    assert approval.enabled_by == administrator and approval.enabled_at is not None
    client.force_login(newcomer)
    response = client.post("/staff/unlock/", {"password": PASSWORD})
    key = StaffKey.objects.get(user=newcomer)
    fingerprint = recovery.fingerprint(bytes(key.public_key))
    assert response.status_code == 200 and fingerprint in response.content.decode()
    client.post("/submit/confidential/", confidential_form())
    assert Submission.objects.get().wrapped_keys.filter(staff_key=key).exists()


def test_revocation_removes_the_approval_so_unlocking_cannot_recreate_the_key(
    client, recovery_key, newcomer, administrator
):
    staff_key_actions.enable_recipient(newcomer, by=administrator)
    staff_key_actions.set_up_staff_key(newcomer, PASSWORD)
    staff_key_actions.revoke_staff_key(newcomer)
    assert not RecipientApproval.objects.filter(user=newcomer).exists()
    client.force_login(newcomer)
    assert client.post("/staff/unlock/", {"password": PASSWORD}).status_code == 403
    assert not StaffKey.objects.filter(user=newcomer).exists()
    client.post("/submit/confidential/", confidential_form())
    assert Submission.objects.get().wrapped_keys.count() == 1  # the recovery key only
    history = RecipientApproval.history.filter(user_id=newcomer.pk).order_by("history_id")  # type: ignore[attr-defined]
    assert [row.history_type for row in history] == ["+", "-"]
    assert history[0].enabled_by_id == administrator.pk


def test_a_key_without_an_approval_is_not_a_recipient(client, recovery_key, officer):
    RecipientApproval.objects.filter(user=officer).delete()  # e.g. written straight into the database
    client.post("/submit/confidential/", confidential_form())
    assert Submission.objects.get().wrapped_keys.count() == 1


def test_only_staff_allowed_to_read_can_be_enabled(db, administrator):
    clerk = User.objects.create_user("clerk", password=PASSWORD, is_staff=True)
    with pytest.raises(NotARecipient, match="permission"):
        staff_key_actions.enable_recipient(clerk, by=administrator)


def test_administrator_enables_a_recipient_from_the_user_admin_and_sees_the_fingerprint(
    client, recovery_key, newcomer, administrator
):
    client.force_login(administrator)
    response = client.post(
        "/staff/admin/auth/user/",
        {"action": "enable_as_recipient", "_selected_action": [newcomer.pk]},
        follow=True,
    )
    assert response.status_code == 200
    approval = RecipientApproval.objects.get(user=newcomer)
    assert approval.enabled_by == administrator
    staff_key_actions.set_up_staff_key(newcomer, PASSWORD)
    fingerprint = recovery.fingerprint(bytes(StaffKey.objects.get(user=newcomer).public_key))
    assert fingerprint in client.get(f"/staff/admin/auth/user/{newcomer.pk}/change/").content.decode()
    assert fingerprint in client.get("/staff/admin/auth/user/").content.decode()


def test_keys_enable_command_and_show_lists_recipients_with_fingerprints(recovery_key, newcomer, officer):
    out = io.StringIO()
    call_command("keys", "enable", newcomer.username, stdout=out)
    assert "rosa.newcomer" in out.getvalue()
    assert RecipientApproval.objects.get(user=newcomer).enabled_by is None
    shown = io.StringIO()
    call_command("keys", "show", stdout=shown)
    officer_fingerprint = recovery.fingerprint(bytes(StaffKey.objects.get(user=officer).public_key))
    assert officer_fingerprint in shown.getvalue()
    assert "rosa.newcomer" in shown.getvalue() and "no key yet" in shown.getvalue()
    with pytest.raises(CommandError, match="No account"):
        call_command("keys", "enable", "nobody", stdout=io.StringIO())
