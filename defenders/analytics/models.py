"""Reporting periods: the communications the office reports to a Human Rights Council session, and the window in
which replies to them are counted. Periods are data that staff edit, not constants."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from defenders.core.validators import plausible_day


class ReportingPeriod(models.Model):
    """E.g. the report to the 24th session: letters sent 1 March to 31 May 2013, replies received 1 May to 31 July."""

    session = models.PositiveSmallIntegerField(
        unique=True, help_text="The number of the Human Rights Council's regular session, e.g. 24."
    )
    sent_from = models.DateField("communications sent from", validators=[plausible_day])
    sent_to = models.DateField("communications sent to", validators=[plausible_day], help_text="Inclusive.")
    replies_from = models.DateField("replies received from", validators=[plausible_day])
    replies_to = models.DateField(
        "replies received to",
        validators=[plausible_day],
        help_text="Inclusive; usually about two months later.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-session"]
        constraints = [
            models.CheckConstraint(condition=Q(sent_from__lte=F("sent_to")), name="sending_period_in_order"),
            models.CheckConstraint(
                condition=Q(replies_from__lte=F("replies_to")), name="reply_window_in_order"
            ),
            models.CheckConstraint(
                condition=Q(replies_to__gte=F("sent_from")), name="reply_window_not_before_sending"
            ),
        ]

    def __str__(self) -> str:
        return f"Report to the {self.ordinal} session of the Human Rights Council"

    def get_absolute_url(self) -> str:
        return reverse("statistics:report", kwargs={"session": self.session})

    def clean(self) -> None:
        """The dates in order, said in words before the database constraints refuse them."""
        if self.sent_from and self.sent_to and self.sent_from > self.sent_to:
            raise ValidationError({"sent_to": "The sending period ends on or after the day it starts."})
        if self.replies_from and self.replies_to and self.replies_from > self.replies_to:
            raise ValidationError({"replies_to": "The reply window ends on or after the day it starts."})
        if self.sent_from and self.replies_to and self.replies_to < self.sent_from:
            raise ValidationError(
                {"replies_to": "The reply window cannot end before the sending period starts."}
            )
        self._check_window_follows_period()
        self._check_no_overlap()

    def _check_window_follows_period(self) -> None:
        """Replies come after letters: the window opens no earlier than the sending period and closes after it."""
        if self.sent_from and self.replies_from and self.replies_from < self.sent_from:
            raise ValidationError(
                {"replies_from": "The reply window cannot open before the sending period starts."}
            )
        if self.sent_to and self.replies_to and self.replies_to < self.sent_to:
            raise ValidationError(
                {"replies_to": "The reply window closes on or after the last day of the sending period."}
            )

    def _check_no_overlap(self) -> None:
        """Each communication is reported to one session: two sending periods share no day."""
        if not (self.sent_from and self.sent_to):
            return
        overlapping = (
            ReportingPeriod.objects.filter(sent_from__lte=self.sent_to, sent_to__gte=self.sent_from)
            .exclude(pk=self.pk)
            .order_by("session")
            .first()
        )
        if overlapping is not None:
            raise ValidationError(
                {
                    "sent_from": f"The sending period shares days with the report to the {overlapping.ordinal} "
                    f"session ({overlapping.sent_from:%d %B %Y} to {overlapping.sent_to:%d %B %Y}): each "
                    "communication is reported to one session only."
                }
            )

    @property
    def ordinal(self) -> str:
        number = self.session
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
