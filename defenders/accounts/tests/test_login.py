"""Staff pages, the admin included, open only with a password and a second factor; failures lock the account."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from defenders.accounts import second_factor

PASSWORD = "a long and careful password 9"


@pytest.fixture
def officer(db):
    user = get_user_model().objects.create_user("amina.officer", password=PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="read_submission"))
    return user


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def log_in(
    client: Client, code: str = "", username: str = "amina.officer", password: str = PASSWORD, **extra
):
    return client.post("/staff/login/", {"username": username, "password": password, "code": code, **extra})


@pytest.mark.parametrize("url", ["/staff/inbox/", "/staff/admin/", "/staff/unlock/"])
def test_a_staff_page_asks_for_the_login_first(client, url, db):
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_first_login_enrols_an_app_and_shows_backup_codes_once(client, officer, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = (
        0  # the app throttles after a wrong code; here the right one follows at once
    )
    response = log_in(client)
    assert response.status_code == 302 and response["Location"].startswith("/staff/enrol/")
    # Logged in with the password only, nothing under /staff/ opens but the enrolment.
    assert client.get("/staff/inbox/")["Location"].startswith("/staff/enrol/")
    assert client.get("/staff/admin/")["Location"].startswith("/staff/enrol/")

    page = client.get("/staff/enrol/").content.decode()
    assert "<svg" in page and "<script" not in page
    device = second_factor.pending_enrolment(officer)
    assert device is not None and second_factor.secret_of(device) in page
    assert (
        client.post(
            "/staff/enrol/", {"code": "000000" if code_of(device) != "000000" else "111111"}
        ).status_code
        == 400
    )

    confirmed = client.post("/staff/enrol/", {"code": code_of(device)})
    codes = re.findall(r"<li><code>([0-9a-f]{10})</code></li>", confirmed.content.decode())
    assert len(codes) == second_factor.BACKUP_CODES
    assert client.get("/staff/inbox/").status_code == 200
    assert client.get("/staff/enrol/").status_code == 302  # enrolled: nothing more to show


def test_once_enrolled_the_password_alone_opens_nothing(client, officer):
    device = second_factor.enrol_without_confirmation(officer)
    refused = log_in(client, code="")
    assert refused.status_code == 400 and "This code is not valid" in refused.content.decode()
    assert client.get("/staff/inbox/").status_code == 302
    assert log_in(client, code=code_of(device), next="/staff/admin/")["Location"] == "/staff/admin/"
    assert client.get("/staff/inbox/").status_code == 200


def test_a_backup_code_works_once(client, officer):
    second_factor.enrol_without_confirmation(officer)
    backup = second_factor.new_backup_codes(officer)[0]
    assert log_in(client, code=backup.upper())["Location"] == "/staff/"
    client.post("/staff/logout/")
    assert log_in(Client(), code=backup).status_code == 400


def test_five_failures_lock_the_account_even_with_the_right_password_and_code_after(client, officer):
    device = second_factor.enrol_without_confirmation(officer)
    for _ in range(3):
        log_in(client, password="wrong password")
    for _ in range(2):
        log_in(client, code="123456" if code_of(device) != "123456" else "654321")
    locked = log_in(Client(), code=code_of(device))
    assert locked.status_code == 429
    assert "Account locked for a while" in locked.content.decode()
    attempt = AccessAttempt.objects.get(username="amina.officer")
    assert attempt.ip_address is None  # counted by account; where it came from is not kept


def test_a_non_staff_account_is_refused_like_a_wrong_password(client, db):
    get_user_model().objects.create_user("visitor", password=PASSWORD)
    response = log_in(client, username="visitor")
    assert response.status_code == 400
    assert "do not open a staff account" in response.content.decode()


def test_the_admins_login_leads_to_the_staff_login(client, db):
    response = client.get("/staff/admin/login/?next=/staff/admin/")
    assert response.status_code == 302 and response["Location"] == "/staff/login/?next=/staff/admin/"


def test_the_demo_officer_can_log_in_with_the_printed_key(client, db, capsys):
    call_command("demo", "--no-serve")
    printed = capsys.readouterr().out
    password = re.search(r"as officer / (\S+),", printed)
    assert password is not None and "otpauth://totp/" in printed
    officer = get_user_model().objects.get(username="officer")
    device = TOTPDevice.objects.get(user=officer, confirmed=True)
    assert second_factor.secret_of(device) in printed
    assert (
        log_in(client, username="officer", password=password.group(1), code=code_of(device)).status_code
        == 302
    )


def test_staff_pages_offer_no_language_they_do_not_have(client, db):
    html = client.get("/staff/login/").content.decode()
    assert 'hreflang="fr"' not in html and "language-switcher" not in html
    assert 'hreflang="fr"' in client.get("/communications/").content.decode()
