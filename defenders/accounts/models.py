"""Staff members: which mandate a person signs for, and the permissions that are not about one model."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from defenders.mandates.models import Mandate


class StaffMember(models.Model):
    """The office's facts about a staff account: the mandate its holder or co-signer speaks for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_member"
    )
    mandate = models.ForeignKey(
        Mandate,
        verbose_name=_("mandate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_members",
        help_text=_(
            "The mandate this person signs for (mandate holders and co-signers); empty for the office."
        ),
    )
    notify_by_email = models.BooleanField(
        _("notify by email"),
        default=True,
        help_text=_("Send sign-off requests, replies and the daily digest by email."),
    )
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language of the workspace and of your emails; empty: the language you last used."),
    )
    # Recorded by the staff pages (defenders/core/staff_language.py), so that email speaks the language a person
    # reads the workspace in until they choose one.
    last_used_language = models.CharField(
        _("language last used"), max_length=10, blank=True, choices=settings.LANGUAGES, editable=False
    )

    # Who signs for which mandate, and a person's choices, are part of the audit trail; the language a page was
    # last read in is not (it changes as people read, and says nothing anyone decided).
    history = HistoricalRecords(excluded_fields=["last_used_language"])

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        permissions = [
            ("use_workspace", "Can use the staff workspace"),
            ("use_admin", "Can use the Django admin (administrators)"),
            ("view_figures", "Can view figures"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.mandate.short_name if self.mandate else 'office'})"

    @property
    def email_language(self) -> str:
        """The language a notification to this person is written in: theirs, else the one they last used."""
        return self.language or self.last_used_language or settings.LANGUAGE_CODE
