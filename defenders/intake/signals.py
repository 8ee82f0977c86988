"""Keep staff keys consistent with accounts: a deactivated account, or a password set by someone else, loses its key."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .actions.staff_keys import revoke_staff_key

User = get_user_model()


@receiver(pre_save, sender=User)
def note_password_change(sender, instance, update_fields=None, **kwargs) -> None:
    instance._password_changed = False
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return  # e.g. the last_login update at every login: no query needed
    previous = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._password_changed = previous is not None and previous != instance.password


@receiver(post_save, sender=User)
def revoke_key_when_it_can_no_longer_be_opened(
    sender, instance, created, update_fields=None, **kwargs
) -> None:
    if update_fields is not None and set(update_fields) == {"password"}:
        return  # Django upgrading the hash of the same password at login: the key still opens

    # A password changed without the old one (an administrator's reset) leaves the key sealed under a
    # password nobody knows: revoke it, and access is granted again from the recovery key.
    rewrapped = getattr(instance, "_staff_key_rewrapped", False)
    if not instance.is_active or (getattr(instance, "_password_changed", False) and not rewrapped):
        revoke_staff_key(instance)
    instance._staff_key_rewrapped = False
