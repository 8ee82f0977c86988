"""`defenders staff`: operators add accounts in their roles, change roles, list and deactivate them."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from defenders.accounts.models import StaffMember
from defenders.accounts.roles import mandate_of
from defenders.intake.models import RecipientApproval, StaffKey

User = get_user_model()


def staff(*args: str, stdin: str | None = None, monkeypatch=None) -> str:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("staff", *args, stdout=out)
    return out.getvalue()


def roles_of(username: str) -> set[str]:
    return set(User.objects.get(username=username).groups.values_list("name", flat=True))


def test_adding_a_case_officer_prints_a_one_time_password_that_logs_in(mandates):
    output = staff("add", "omar.officer", "--role", "Case officer", "--email", "omar@example.org")
    shown = re.search(r"\n    (\S+)\n", output)
    assert shown is not None
    password = shown.group(1)
    assert len(password) >= 20
    user = User.objects.get(username="omar.officer")
    assert user.check_password(password) and user.is_staff and user.email == "omar@example.org"
    assert roles_of("omar.officer") == {"Case officer"}
    assert user.has_perm("intake.read_submission")
    assert "set up an authenticator app" in output


def test_a_co_signer_is_added_with_the_mandate_they_sign_for(mandates):
    staff("add", "iris.foe", "--role", "Co-signer", "--mandate", "SR FoE")
    assert getattr(mandate_of(User.objects.get(username="iris.foe")), "short_name", None) == "SR FoE"


def test_a_co_signer_without_a_mandate_or_an_unknown_mandate_is_refused(mandates):
    with pytest.raises(CommandError, match="signs for a mandate"):
        staff("add", "iris.foe", "--role", "Co-signer")
    with pytest.raises(CommandError, match="No mandate 'SR Nothing'"):
        staff("add", "iris.foe", "--role", "Co-signer", "--mandate", "SR Nothing")
    assert not User.objects.filter(username="iris.foe").exists()


def test_the_password_can_come_from_standard_input_and_must_be_strong(mandates, monkeypatch):
    output = staff(
        "add", "ana.analyst", "--role", "Analyst", "--password-stdin",
        stdin="a long passphrase of many words\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert "a long passphrase" not in output
    assert User.objects.get(username="ana.analyst").check_password("a long passphrase of many words")
    with pytest.raises(CommandError, match="too short"):
        staff(
            "add", "weak", "--role", "Analyst", "--password-stdin", stdin="short\n", monkeypatch=monkeypatch
        )
    assert not User.objects.filter(username="weak").exists()


def test_an_existing_username_is_refused(officer):
    with pytest.raises(CommandError, match="already an account"):
        staff("add", "amina.officer", "--role", "Analyst")


def test_roles_are_set_exactly_and_the_mandate_is_kept(mandate_holder):
    staff("roles", "mary.rapporteur", "--role", "Mandate holder", "--role", "Administrator")
    assert roles_of("mary.rapporteur") == {"Mandate holder", "Administrator"}
    staff("roles", "mary.rapporteur", "--role", "Analyst")
    assert roles_of("mary.rapporteur") == {"Analyst"}
    assert getattr(mandate_of(User.objects.get(username="mary.rapporteur")), "short_name", None) == "SR HRDs"
    user = User.objects.get(username="mary.rapporteur")
    assert not user.has_perm("communications.sign_off_communication")


def test_roles_of_an_unknown_account_are_refused(db):
    with pytest.raises(CommandError, match="No staff account 'nobody'"):
        staff("roles", "nobody", "--role", "Analyst")


def test_an_unknown_role_is_refused_by_name(db):
    with pytest.raises(CommandError, match="invalid choice"):
        staff("add", "x", "--role", "Supreme leader")


def test_the_list_shows_roles_mandate_activity_and_last_login(officer, co_signer):
    lines = staff("list").splitlines()
    assert lines[0].split() == ["username", "roles", "mandate", "email", "active", "last", "login"]
    assert re.match(
        r"amina\.officer\s+Case officer\s+-\s+amina\.officer@example\.org\s+yes\s+never$", lines[1]
    )
    assert re.match(
        r"irene\.cosigner\s+Co-signer\s+SR FoE\s+irene\.cosigner@example\.org\s+yes\s+never$", lines[2]
    )


def test_email_notifications_are_turned_off_and_on(officer):
    staff("notify", "amina.officer", "off")
    assert not StaffMember.objects.get(user=officer).notify_by_email
    assert "amina.officer@example.org (off)" in staff("list")
    staff("notify", "amina.officer", "on")
    assert StaffMember.objects.get(user=officer).notify_by_email


def test_deactivating_closes_the_account_and_revokes_the_intake_key(officer):
    assert StaffKey.objects.filter(user=officer).exists()
    output = staff("deactivate", "amina.officer")
    assert "deactivated" in output
    user = User.objects.get(username="amina.officer")
    assert not user.is_active
    assert not StaffKey.objects.filter(user=user).exists()
    assert not RecipientApproval.objects.filter(user=user).exists()
    assert StaffMember.objects.filter(user=user).exists()  # the record of who they were stays


def test_a_deactivated_account_loses_its_open_session(client, officer):
    client.force_login(officer)
    assert client.get("/staff/").status_code == 200
    staff("deactivate", "amina.officer")
    assert client.get("/staff/").status_code == 302
