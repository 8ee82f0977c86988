"""Who holds keys: staff keys created, rewrapped with a password change or revoked, the office recovery key
created and rotated, and access granted with it. Each write records itself where a submission is concerned."""

import logging
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from nacl.public import PrivateKey

from defenders.clock import office_today
from defenders.vault import recovery, submissions
from defenders.vault import staff_keys as vault_staff_keys
from defenders.vault.boxes import TamperedCiphertext

from .. import keyring
from ..errors import NoStaffKey, NotARecipient, PepperLost, RecoveryKeyExists, WrongRecoveryKey
from ..models import (
    AccessRecord,
    OfficeKey,
    RecipientApproval,
    StaffKey,
    Submission,
    WrappedSubmissionKey,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def enable_recipient(user: User, *, by: User | None) -> RecipientApproval:
    """An administrator's decision (`by`; None from the command line) that a staff member is sealed every new
    submission: their next unlock creates their key. Enabling twice keeps the first record."""
    if not (user.is_active and user.is_staff and user.has_perm(keyring.READ_PERMISSION)):
        raise NotARecipient(
            f"{user.get_username()} cannot read submissions: an active staff account with the permission "
            "“Can decrypt and read submissions” is needed first."
        )
    approval, created = RecipientApproval.objects.get_or_create(user=user, defaults={"enabled_by": by})
    if created:
        logger.info(
            "%s enabled as a recipient of new submissions by %s",
            user.get_username(),
            by.get_username() if by is not None else "the command line",
        )
    return approval


def set_up_staff_key(user: User, password: str) -> StaffKey:
    """Give an enabled staff member a keypair sealed with their password; new submissions are then sealed to them.
    Without an administrator's approval there is no key: unlocking must not make an account a recipient."""
    if not RecipientApproval.objects.filter(user=user).exists():
        raise NotARecipient(
            "An administrator has not enabled you as a recipient of submissions yet (or your access was "
            "revoked): ask one to do so, then unlock again."
        )
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
def change_staff_password(user: User, *, old_password: str, new_password: str) -> None:
    """Rewrap the private key under the new password, then set the password, in one step: access is kept."""
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
    user.set_password(new_password)
    user.save(update_fields=["password"])


@transaction.atomic
def reset_staff_password(user: User, *, new_password: str | None, by: User | None) -> int:
    """Set a password without the old one (None disables password login): the key stays sealed under a
    password nobody knows, so it is revoked, and access is granted again from the recovery key.
    `by` is the administrator, None from the command line. Returns how many submission keys went."""
    revoked = revoke_staff_key(user)
    if new_password is None:
        user.set_unusable_password()
    else:
        user.set_password(new_password)
    user.save(update_fields=["password"])
    logger.info(
        "Password of %s reset by %s: staff key and %d submission keys revoked",
        user.get_username(),
        by.get_username() if by is not None else "the command line",
        revoked,
    )
    return revoked


def revoke_staff_key(user: User) -> int:
    """Remove a staff member's key, every submission key wrapped for it, and the approval that let them have one
    (so unlocking cannot make a new key); returns how many submission keys were revoked."""
    with transaction.atomic():
        count, _ = WrappedSubmissionKey.objects.filter(staff_key__user=user).delete()
        StaffKey.objects.filter(user=user).delete()
        RecipientApproval.objects.filter(user=user).delete()  # its history keeps the removal
    return count


def _check_is_current(recovery_private_key: PrivateKey) -> OfficeKey:
    current = keyring.current_office_key()
    if bytes(recovery_private_key.public_key) != bytes(current.public_key):
        raise WrongRecoveryKey(
            "That private key does not belong to the current recovery key; nothing changed."
        )
    return current


@transaction.atomic
def grant_access(user: User, *, recovery_private_key: PrivateKey) -> int:
    """Seal every stored submission to a staff member's key, opening each with the office recovery key."""
    staff_key = StaffKey.objects.filter(user=user).first()
    if staff_key is None:
        raise NoStaffKey(
            f"{user.get_username()} has no key yet: enable them (`defenders keys enable USER`), then they unlock "
            "once in the inbox to create it."
        )
    _check_is_current(recovery_private_key)
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


def create_pepper(*, replace_lost: bool = False) -> bool:
    """The operator's one way to make the codename pepper (`defenders keys init`, `create-recovery`): True if made.
    A pepper missing while codename submissions exist was lost or misplaced, so it is replaced only on request."""
    if keyring.pepper_exists():
        return False
    if Submission.objects.filter(codename_lookup__isnull=False).exists() and not replace_lost:
        raise PepperLost(
            f"The codename pepper is missing from {keyring.key_dir()} but submissions with codenames exist: "
            "restore it from its backup (or set DEFENDERS_KEY_DIR to where it is). A new pepper would refuse "
            "every codename given out so far; if it is truly lost, run `defenders keys init --replace-lost-pepper`."
        )
    made = keyring.write_new_pepper()
    if made and replace_lost:
        logger.warning("A new codename pepper replaced a lost one: every earlier codename is now refused")
    return made


def _install_recovery_key() -> tuple[str, OfficeKey]:
    private, public = recovery.new_recovery_keypair()
    public_bytes = recovery.public_key_from_b64(public)
    office_key = OfficeKey.objects.create(
        public_key=public_bytes, fingerprint=recovery.fingerprint(public_bytes)
    )
    return private, office_key


@transaction.atomic
def create_recovery_key() -> tuple[str, OfficeKey]:
    """Make the office recovery keypair and keep only its public half; the private half is returned once."""
    if OfficeKey.objects.current() is not None:
        raise RecoveryKeyExists("A recovery key exists already; rotate it to replace it.")
    return _install_recovery_key()


@dataclass
class RotatedRecoveryKey:
    private_key: str  # base64, shown once
    new: OfficeKey
    retired: OfficeKey
    resealed: int


@transaction.atomic
def rotate_recovery_key(*, old_private_key: PrivateKey) -> RotatedRecoveryKey:
    """Replace the recovery key: every submission key is resealed from the old key to the new one and the old
    key is retired, all or nothing. Each submission records the new key's fingerprint."""
    old = _check_is_current(old_private_key)
    private, new = _install_recovery_key()
    resealed = 0
    for wrap in WrappedSubmissionKey.objects.filter(office_key=old).select_related("submission"):
        try:
            wrapped_key = submissions.reseal_submission_key(
                old_private_key, bytes(wrap.wrapped_key), bytes(new.public_key)
            )
        except TamperedCiphertext:
            raise WrongRecoveryKey(
                "A submission key did not open with the old recovery key; nothing changed."
            ) from None
        WrappedSubmissionKey.objects.create(
            submission=wrap.submission, office_key=new, wrapped_key=wrapped_key
        )
        AccessRecord.objects.create(
            submission=wrap.submission,
            action=AccessRecord.Action.RESEALED,
            note=f"to recovery key {new.fingerprint}",
        )
        resealed += 1
    WrappedSubmissionKey.objects.filter(office_key=old).delete()
    old.retired_on = office_today()
    old.save(update_fields=["retired_on"])
    return RotatedRecoveryKey(private, new, old, resealed)
