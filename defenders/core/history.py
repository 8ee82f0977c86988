"""How an action leaves its row in the audit trail (django-simple-history): who did it, and why."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from simple_history.utils import update_change_reason

StaffUser = AbstractBaseUser | AnonymousUser | None


def attribute_to(instance: models.Model, by: StaffUser) -> None:
    """Name the staff member in the next history row; commands and imports (by=None) leave it empty."""
    if by is not None and getattr(by, "is_authenticated", False):
        instance._history_user = by  # type: ignore[attr-defined]  # read by django-simple-history


def save_with_reason(instance: models.Model, reason: str, by: StaffUser) -> None:
    attribute_to(instance, by)
    instance.save()
    update_change_reason(instance, reason)


def delete_with_reason(instance: models.Model, reason: str, by: StaffUser) -> None:
    """Delete, leaving a last history row that says who removed it and why."""
    attribute_to(instance, by)
    instance._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history on delete
    instance.delete()
