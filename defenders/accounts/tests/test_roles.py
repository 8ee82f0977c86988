from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group

from defenders.accounts import roles
from defenders.clock import office_now

pytestmark = pytest.mark.django_db


def _permissions(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


def test_every_role_is_a_group_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


def test_a_case_officer_reads_submissions_and_works_cases_but_signs_for_no_mandate():
    granted = _permissions(roles.CASE_OFFICER)
    assert {"intake.read_submission", "cases.change_case", "communications.send_communication"} <= granted
    assert "communications.sign_off_communication" not in granted
    assert "communications.view_shared_communication" not in granted
    assert "accounts.use_admin" not in granted


def test_a_mandate_holder_also_signs_off():
    assert "communications.sign_off_communication" in _permissions(roles.MANDATE_HOLDER)
    assert _permissions(roles.CASE_OFFICER) < _permissions(roles.MANDATE_HOLDER)


def test_a_co_signer_sees_nothing_of_the_intake_or_the_case_files():
    assert _permissions(roles.CO_SIGNER) == {
        "accounts.use_workspace",
        "communications.view_shared_communication",
        "communications.sign_off_communication",
    }


def test_an_analyst_sees_figures_only():
    assert _permissions(roles.ANALYST) == {
        "accounts.use_workspace",
        "accounts.view_figures",
        "analytics.view_reportingperiod",
        "analytics.add_reportingperiod",
        "analytics.change_reportingperiod",
    }


def test_an_administrator_has_every_permission_including_the_admin():
    assert "accounts.use_admin" in _permissions(roles.ADMINISTRATOR)


def test_a_group_changed_by_hand_is_put_back_by_the_next_migration():
    Group.objects.get(name=roles.ANALYST).permissions.clear()
    roles.ensure_roles()
    assert _permissions(roles.ANALYST) == {
        "accounts.use_workspace",
        "accounts.view_figures",
        "analytics.view_reportingperiod",
        "analytics.add_reportingperiod",
        "analytics.change_reportingperiod",
    }


def test_a_co_signer_must_name_their_mandate(django_user_model):
    user = django_user_model.objects.create_user("someone", is_staff=True)
    with pytest.raises(ValueError, match="signs for a mandate"):
        roles.assign_role(user, roles.CO_SIGNER)


def test_the_admin_answers_403_to_staff_who_are_not_administrators(client, officer):
    client.force_login(officer)
    assert client.get("/staff/admin/").status_code == 403


def test_a_staff_session_ends_after_the_idle_time(client, officer, settings):
    settings.DEFENDERS_STAFF_IDLE_MINUTES = 30
    client.force_login(officer)
    start = office_now()
    with time_machine.travel(start, tick=False):
        assert client.get("/staff/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get("/staff/").status_code == 200
    # 29 minutes after the last request, not the first: activity keeps the session.
    with time_machine.travel(start + timedelta(minutes=58), tick=False):
        assert client.get("/staff/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=89), tick=False):
        response = client.get("/staff/")
        assert response.status_code == 302 and response["Location"].startswith("/staff/login/")
        assert client.get("/staff/").status_code == 302  # logged out, not only redirected once
