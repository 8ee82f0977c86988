"""Staff accounts as operators manage them (`defenders staff`): added in their roles, moved between roles,
deactivated. Each is one transaction; deactivating revokes the intake key with it."""

import logging
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from defenders.intake.actions.staff_keys import revoke_staff_key
from defenders.mandates.models import Mandate

from .models import StaffMember
from .roles import CO_SIGNER, MANDATE_HOLDER, ROLES, assign_role

logger = logging.getLogger(__name__)


class StaffAccountError(Exception):
    """A request about a staff account that cannot be done as asked; the message says why and what to do."""


def one_time_password() -> str:
    """A password to hand over once: 24 random characters (about 143 bits)."""
    return secrets.token_urlsafe(18)


def _check_roles(roles: list[str], mandate: Mandate | None) -> None:
    if not roles:
        raise StaffAccountError("Name at least one role.")
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise StaffAccountError(f"Unknown role {unknown[0]!r}: the roles are {', '.join(ROLES)}.")
    signing = [role for role in roles if role in (MANDATE_HOLDER, CO_SIGNER)]
    if signing and mandate is None:
        raise StaffAccountError(f"A {signing[0].lower()} signs for a mandate: name it with --mandate.")


@transaction.atomic
def add_staff(
    username: str,
    *,
    roles: list[str],
    mandate: Mandate | None = None,
    email: str = "",
    password: str | None = None,
) -> tuple[User, str]:
    """Create a staff account in its roles. Without a password, one is made to be handed over once; returns the
    account and the password. The second factor is enrolled at the first login."""
    if get_user_model().objects.filter(username=username).exists():
        raise StaffAccountError(f"There is already an account {username!r}: use `defenders staff roles`.")
    _check_roles(roles, mandate)
    password = password if password is not None else one_time_password()
    user = get_user_model()(username=username, email=email, is_staff=True)
    try:
        validate_password(password, user)
    except ValidationError as refused:
        raise StaffAccountError(" ".join(refused.messages)) from None
    user.set_password(password)
    user.save()
    for role in roles:
        assign_role(user, role, mandate=mandate)
    logger.info("Staff account %s added as %s", username, ", ".join(roles))
    return user, password


@transaction.atomic
def set_roles(user: User, roles: list[str], *, mandate: Mandate | None = None) -> None:
    """Put the account in exactly these roles (others are taken away); the mandate it signs for stays unless a new
    one is named."""
    member = StaffMember.objects.filter(user_id=user.pk).select_related("mandate").first()
    mandate = mandate or (member.mandate if member else None)
    _check_roles(roles, mandate)
    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name__in=roles))
    for role in roles:
        assign_role(user, role, mandate=mandate)
    logger.info("Roles of staff account %s set to %s", user.get_username(), ", ".join(roles))


def set_email_notifications(user: User, *, on: bool) -> None:
    """Whether the person gets the workspace's email (sign-offs, replies, the daily digest)."""
    StaffMember.objects.update_or_create(user_id=user.pk, defaults={"notify_by_email": on})


@transaction.atomic
def deactivate_staff(user: User) -> int:
    """Close an account: it can no longer log in, its sessions stop working, and its intake key, its submission
    keys and its approval as a recipient go. Returns how many submission keys were revoked."""
    revoked = revoke_staff_key(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    logger.info("Staff account %s deactivated: %d submission keys revoked", user.get_username(), revoked)
    return revoked
