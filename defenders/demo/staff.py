"""Demo staff: an office recovery key and an officer account, so that a newcomer can try the intake end to end."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from defenders.accounts import second_factor
from defenders.intake.actions import staff_keys
from defenders.intake.models import OfficeKey

DEMO_OFFICER = "officer"


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
        path = key_dir / "DEMO-ONLY-recovery-private.key"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as stream:
            stream.write(private + "\n")
        notes.append(f"Demo recovery key created; its private half is in {path} (demo only).")
    User = get_user_model()
    if not User.objects.filter(username=DEMO_OFFICER).exists():
        password = "-".join(secrets.token_hex(3) for _ in range(4))
        officer = User.objects.create_user(DEMO_OFFICER, password=password, is_staff=True)
        officer.user_permissions.add(Permission.objects.get(codename="read_submission"))
        staff_keys.enable_recipient(User.objects.get(pk=officer.pk), by=None)
        device = second_factor.enrol_without_confirmation(officer)
        notes.append(
            f"Demo staff account (shown once): log in at /staff/login/ as {DEMO_OFFICER} / {password}, with a "
            f"code from an authenticator app set up with the key {second_factor.secret_of(device)} "
            f"(or scan {device.config_url})"
        )
    return notes
