"""Who hears of what: the staff of a mandate, the officers of a communication's cases, and whether a person takes
email at all (active, an address, and "notify by email" left on)."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from defenders.accounts.models import StaffMember
from defenders.accounts.roles import CASE_OFFICER

User = get_user_model()


def wants_email(user: Any) -> bool:
    if not (user.is_active and user.is_staff and user.email):
        return False
    member = StaffMember.objects.filter(user_id=user.pk).first()
    return member is None or member.notify_by_email


def distinct(users: Iterable[Any]) -> list[Any]:
    """Each person once, in the order met, without None and without those who take no email."""
    seen: set[int] = set()
    found = []
    for user in users:
        if user is None or user.pk in seen or not wants_email(user):
            continue
        seen.add(user.pk)
        found.append(user)
    return found


def staff_of_mandate(mandate: Any) -> list[AbstractBaseUser]:
    return distinct(
        User.objects.filter(staff_member__mandate=mandate, is_active=True, is_staff=True).order_by("pk")
    )


def case_officers_of(communication: Any) -> list[Any]:
    """The officers of the communication's cases (cases without an officer add nobody)."""
    return distinct(getattr(case, "officer", None) for case in communication.cases.all())


def every_case_officer() -> list[AbstractBaseUser]:
    return distinct(
        User.objects.filter(groups__name=CASE_OFFICER, is_active=True, is_staff=True).order_by("pk")
    )


def workspace_staff() -> list[AbstractBaseUser]:
    """Everyone the daily email is for: active staff who may open the workspace and take email."""
    users = User.objects.filter(is_active=True, is_staff=True).order_by("username")
    return [user for user in distinct(users) if user.has_perm("accounts.use_workspace")]
