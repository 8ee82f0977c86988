"""Who holds keys: a staff member's key created, rewrapped or revoked, and access granted with the recovery key."""

from django.contrib.auth.models import User
from django.db import transaction
from nacl.public import PrivateKey

from defenders.vault import staff_keys as vault_staff_keys
from defenders.vault import submissions

from .. import keyring
from ..models import AccessRecord, StaffKey, WrappedSubmissionKey


def set_up_staff_key(user: User, password: str) -> StaffKey:
    """Give a staff member a keypair sealed with their password; new submissions are then sealed to them too."""
    keypair = vault_staff_keys.new_staff_key(password, cost=keyring.kdf_cost())
    staff_key, _ = StaffKey.objects.update_or_create(
        user=user,
        defaults={
            "public_key": keypair.public_key,
            "wrapped_private_key": keypair.wrapped_private_key,
            "salt": keypair.salt,
        },
    )
    return staff_key


@transaction.atomic
def change_staff_password(user, *, old_password: str, new_password: str) -> None:
    """Change the password and rewrap the private key under it, in one step, so access is never lost."""
    staff_key = StaffKey.objects.select_for_update().filter(user=user).first()
    if staff_key is not None:
        salt, wrapped = vault_staff_keys.rewrap_staff_key(
            old_password,
            new_password,
            bytes(staff_key.salt),
            bytes(staff_key.wrapped_private_key),
            cost=keyring.kdf_cost(),
        )
        staff_key.salt, staff_key.wrapped_private_key = salt, wrapped
        staff_key.save(update_fields=["salt", "wrapped_private_key"])
    user._staff_key_rewrapped = True
    user.set_password(new_password)
    user.save()


def revoke_staff_key(user) -> int:
    """Remove a staff member's key and every submission key wrapped for it; returns how many were revoked."""
    with transaction.atomic():
        count, _ = WrappedSubmissionKey.objects.filter(staff_key__user=user).delete()
        StaffKey.objects.filter(user=user).delete()
    return count


@transaction.atomic
def grant_access(user, *, recovery_private_key: PrivateKey) -> int:
    """Seal every stored submission to a staff member's key, opening each with the office recovery key."""
    staff_key = StaffKey.objects.get(user=user)
    granted = 0
    already = set(
        WrappedSubmissionKey.objects.filter(staff_key=staff_key).values_list("submission_id", flat=True)
    )
    office_wraps = WrappedSubmissionKey.objects.filter(
        office_key__isnull=False, office_key__retired_on__isnull=True
    ).select_related("submission")
    for office_wrap in office_wraps:
        if office_wrap.submission_id in already:
            continue
        WrappedSubmissionKey.objects.create(
            submission=office_wrap.submission,
            staff_key=staff_key,
            wrapped_key=submissions.reseal_submission_key(
                recovery_private_key, bytes(office_wrap.wrapped_key), bytes(staff_key.public_key)
            ),
        )
        AccessRecord.objects.create(
            submission=office_wrap.submission, user=user, action=AccessRecord.Action.GRANTED
        )
        granted += 1
    return granted
