"""Demo staff: an office recovery key and one account per role, so that a newcomer can try the whole loop."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model

from defenders.accounts import roles, second_factor
from defenders.intake.actions import staff_keys
from defenders.intake.models import OfficeKey
from defenders.mandates.models import Mandate

DEMO_OFFICER = "officer"
# Demo only: where the recovery key's private half is left (a real office keeps it offline).
RECOVERY_KEY_FILE = "DEMO-ONLY-recovery-private.key"
# One account per role, so that a newcomer sees the workspace as each person of the office sees it.
DEMO_ACCOUNTS = [
    (DEMO_OFFICER, roles.CASE_OFFICER, None),
    ("rapporteur", roles.MANDATE_HOLDER, "SR HRDs"),
    ("cosigner.foe", roles.CO_SIGNER, "SR FoE"),
    ("cosigner.wgad", roles.CO_SIGNER, "WGAD"),
    ("analyst", roles.ANALYST, None),
]


def ensure_demo_staff() -> list[str]:
    """Create what is missing and say what was created; existing keys and accounts are left as they are."""
    notes = []
    if staff_keys.create_pepper():
        notes.append(f"Codename pepper created in {settings.DEFENDERS_KEY_DIR}.")
    if OfficeKey.objects.current() is None:
        private, _ = staff_keys.create_recovery_key()
        # Demo only: a real office never keeps the recovery key on the server (see docs/threat-model.md).
        key_dir = settings.DEFENDERS_KEY_DIR
        key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = key_dir / RECOVERY_KEY_FILE
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as stream:
            stream.write(private + "\n")
        notes.append(f"Demo recovery key created; its private half is in {path} (demo only).")
    for username, role, mandate in DEMO_ACCOUNTS:
        note = _demo_account(username, role, mandate)
        if note:
            notes.append(note)
    return notes


def _demo_account(username: str, role: str, mandate_short_name: str | None) -> str | None:
    """One staff account in a role, with a password and an enrolled authenticator key, both printed once."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return None
    password = "-".join(secrets.token_hex(3) for _ in range(4))
    user = User.objects.create_user(
        username, password=password, is_staff=True, email=f"{username}@example.org"
    )
    mandate = Mandate.objects.get(short_name=mandate_short_name) if mandate_short_name else None
    roles.assign_role(user, role, mandate=mandate)
    if role == roles.CASE_OFFICER:
        officer = User.objects.get(pk=user.pk)  # afresh: permissions are cached on the instance
        staff_keys.enable_recipient(officer, by=None)
        # Made now, while the password is known, so that the demo's submissions are sealed to the officer too
        # (a real recipient's key is made at their first unlock, after which new submissions reach them).
        staff_keys.set_up_staff_key(officer, password)
    device = second_factor.enrol_without_confirmation(user)
    signs_for = f", signs for {mandate_short_name}" if mandate_short_name else ""
    return (
        f"Demo {role.lower()} (shown once{signs_for}): log in at /staff/login/ as {username} / {password}, with a "
        f"code from an authenticator app set up with the key {second_factor.secret_of(device)} "
        f"(or scan {device.config_url})"
    )
