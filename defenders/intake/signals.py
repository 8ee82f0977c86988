"""Keep staff keys consistent with accounts: a deactivated account loses its key. Password changes go through
the staff key actions (change_staff_password, reset_staff_password), not through a signal."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver

from .actions.staff_keys import revoke_staff_key

User = get_user_model()


@receiver(post_save, sender=User)
def revoke_key_of_deactivated_account(sender, instance, created, **kwargs) -> None:
    if not instance.is_active:
        revoke_staff_key(instance)
