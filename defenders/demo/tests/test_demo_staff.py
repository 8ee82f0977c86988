from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from defenders.accounts import roles
from defenders.demo.staff import DEMO_ACCOUNTS, ensure_demo_staff
from defenders.mandates.models import Mandate


def test_the_demo_makes_one_account_per_role_each_with_its_login_printed_once(mandates, settings, tmp_path):
    settings.DEFENDERS_KEY_DIR = tmp_path / "keys"
    notes = ensure_demo_staff()
    users = get_user_model().objects
    for username, role, mandate in DEMO_ACCOUNTS:
        user = users.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert roles.mandate_of(user) == (
            None if mandate is None else Mandate.objects.get(short_name=mandate)
        )
        assert TOTPDevice.objects.filter(user=user).exists()
        assert any(f" as {username} / " in note and "otpauth://" in note for note in notes)
    assert {role for _, role, _ in DEMO_ACCOUNTS} == set(roles.ROLES) - {roles.ADMINISTRATOR}
    assert not any(" as " in note for note in ensure_demo_staff())  # shown once: a second run prints none
