"""The office's roles as Django groups, each a set of permissions; who signs for which mandate.

A role grants permission patterns ("app.codename", shell-style), so that a new model's permissions reach the
roles without a list to keep in step. Groups are brought up to date after every migration."""

from fnmatch import fnmatch
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.db import transaction
from django.utils.translation import pgettext_lazy

from defenders.mandates.models import Mandate

CASE_OFFICER = "Case officer"
MANDATE_HOLDER = "Mandate holder"
CO_SIGNER = "Co-signer"
ANALYST = "Analyst"
ADMINISTRATOR = "Administrator"
# The roles as a page names them; the group names above stay English, as the database and commands know them.
ROLE_LABELS = {
    CASE_OFFICER: pgettext_lazy("role", "Case officer"),
    MANDATE_HOLDER: pgettext_lazy("role", "Mandate holder"),
    CO_SIGNER: pgettext_lazy("role", "Co-signer"),
    ANALYST: pgettext_lazy("role", "Analyst"),
    ADMINISTRATOR: pgettext_lazy("role", "Administrator"),
}

# Permissions every staff role has: to open the workspace at all.
_EVERY_ROLE = ["accounts.use_workspace"]

# The periods of the Human Rights Council reports, which those who read the figures keep (never delete: a period
# reported on stays on record).
_REPORTING_PERIODS = [f"analytics.{verb}_reportingperiod" for verb in ("view", "add", "change")]

# What the office's own staff work with: the intake, case files, drafts, communications, replies, press releases
# and meetings. Sign-off is the mandates' own act, and "shared only" would narrow what the office sees.
_OFFICE_WORK = [
    *_EVERY_ROLE,
    "intake.read_submission",
    "cases.*",
    "communications.*",
    "drafting.*",
    "meetings.*",
    "press.*",
    "addressees.view_*",
    "mandates.view_*",
    "accounts.view_figures",
    *_REPORTING_PERIODS,
]
_NOT_OFFICE_WORK = ["communications.sign_off_communication", "communications.view_shared_communication"]

ROLE_PERMISSIONS: dict[str, tuple[list[str], list[str]]] = {
    # (granted patterns, excluded patterns)
    CASE_OFFICER: (_OFFICE_WORK, _NOT_OFFICE_WORK),
    # The Rapporteur: sees what the office sees, and approves letters for their own mandate.
    MANDATE_HOLDER: (
        [*_OFFICE_WORK, "communications.sign_off_communication"],
        ["communications.view_shared_communication"],
    ),
    # A person of another mandate: the drafts shared with that mandate, and their sign-off; nothing of the intake.
    CO_SIGNER: (
        [
            *_EVERY_ROLE,
            "communications.view_shared_communication",
            "communications.sign_off_communication",
        ],
        [],
    ),
    ANALYST: ([*_EVERY_ROLE, "accounts.view_figures", *_REPORTING_PERIODS], []),
    ADMINISTRATOR: (["*"], []),
}

ROLES = tuple(ROLE_PERMISSIONS)


def permission_names(role: str, available: list[str]) -> list[str]:
    """The "app.codename" of each available permission that the role grants."""
    granted, excluded = ROLE_PERMISSIONS[role]
    return [
        name
        for name in available
        if any(fnmatch(name, pattern) for pattern in granted)
        and not any(fnmatch(name, pattern) for pattern in excluded)
    ]


@transaction.atomic
def ensure_roles(**kwargs: Any) -> None:
    """Create each role's group and give it exactly the permissions its patterns grant (idempotent)."""
    permissions = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = {permissions[name] for name in permission_names(role, sorted(permissions))}
        if set(group.permissions.values_list("pk", flat=True)) != wanted:
            group.permissions.set(wanted)


def assign_role(user: AbstractBaseUser, role: str, *, mandate: Mandate | None = None) -> None:
    """Put a staff account in a role (and say which mandate it signs for, for holders and co-signers)."""
    from .models import StaffMember

    if role in (MANDATE_HOLDER, CO_SIGNER) and mandate is None:
        raise ValueError(f"A {role.lower()} signs for a mandate: name it.")
    ensure_roles()
    with transaction.atomic():
        user.groups.add(Group.objects.get(name=role))  # type: ignore[attr-defined]
        if mandate is not None:
            StaffMember.objects.update_or_create(user_id=user.pk, defaults={"mandate": mandate})
        else:
            StaffMember.objects.get_or_create(user_id=user.pk)


def mandate_of(user: AbstractBaseUser | AnonymousUser) -> Mandate | None:
    """The mandate this staff member signs for, if any."""
    if not user.is_authenticated:
        return None
    from .models import StaffMember

    member = StaffMember.objects.filter(user_id=user.pk).select_related("mandate").first()
    return member.mandate if member else None


def sees_every_communication(user: AbstractBaseUser | AnonymousUser) -> bool:
    """The office and the Rapporteur see every communication; a co-signer only those shared with their mandate."""
    return user.has_perm("communications.view_communication")  # type: ignore[union-attr]
