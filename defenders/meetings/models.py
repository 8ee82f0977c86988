"""Meetings with the Rapporteur or the team: asked for through the intake (a meeting request) or opened from a
case, then scheduled or declined, and once held, their outcome."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from defenders.cases.models import Case
from defenders.core.templatetags.locale_format import local_day
from defenders.intake.models import Submission


class Meeting(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SCHEDULED = "scheduled", _("Scheduled")
        DECLINED = "declined", pgettext_lazy("a meeting request", "Declined")
        HELD = "held", _("Held")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(
        Submission,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        limit_choices_to={"kind": Submission.Kind.MEETING},
        help_text=_("The meeting request it answers; its content stays sealed, read in the inbox."),
    )
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    scheduled_at = models.DateTimeField(null=True, blank=True, help_text=_("Geneva time."))
    place_or_link = models.CharField(
        max_length=500, blank=True, help_text=_("A room, or a video-call address.")
    )
    participants = models.TextField(blank=True)
    decline_reason = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(scheduled_at__isnull=False),
                name="a_scheduled_meeting_has_its_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="a_declined_meeting_has_its_reason",
            ),
        ]

    def __str__(self) -> str:
        # The month's name in the reader's language and the case a day takes (defenders/core locale_format).
        if self.scheduled_at is not None:
            return gettext("Meeting of %(day)s") % {"day": local_day(self.scheduled_at)}
        if self.submission_id is not None:
            received_on = self.submission.received_on  # type: ignore[union-attr]
            return gettext("Meeting asked for on %(day)s") % {"day": local_day(received_on)}
        if self.created_at:
            return gettext("Meeting opened on %(day)s") % {"day": local_day(self.created_at)}
        return gettext("Meeting")
