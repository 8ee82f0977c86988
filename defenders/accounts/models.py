"""Staff members: which mandate a person signs for, and the permissions that are not about one model."""

from django.conf import settings
from django.db import models

from defenders.mandates.models import Mandate


class StaffMember(models.Model):
    """The office's facts about a staff account: the mandate its holder or co-signer speaks for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_member"
    )
    mandate = models.ForeignKey(
        Mandate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_members",
        help_text="The mandate this person signs for (mandate holders and co-signers); empty for the office.",
    )
    notify_by_email = models.BooleanField(
        default=True, help_text="Send sign-off requests, replies and the daily digest by email."
    )

    class Meta:
        permissions = [
            ("use_workspace", "Can use the staff workspace"),
            ("use_admin", "Can use the Django admin (administrators)"),
            ("view_figures", "Can view figures"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.mandate.short_name if self.mandate else 'office'})"
