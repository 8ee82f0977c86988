"""Reporting periods: the communications the office reports to a Human Rights Council session, and the window in
which replies to them are counted. Periods are data that staff edit, not constants. And the facts the figures count,
one narrow row per sent communication, kept in step with it by analytics/facts.py."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from defenders.addressees.models import Addressee
from defenders.communications.models import Communication
from defenders.core.validators import plausible_day
from defenders.mandates.models import Mandate


class ReportingPeriod(models.Model):
    """E.g. the report to the 24th session: letters sent 1 March to 31 May 2013, replies received 1 May to 31 July."""

    session = models.PositiveSmallIntegerField(
        unique=True,
        help_text=gettext_lazy("The number of the Human Rights Council's regular session, e.g. 24."),
    )
    sent_from = models.DateField(gettext_lazy("communications sent from"), validators=[plausible_day])
    sent_to = models.DateField(
        gettext_lazy("communications sent to"),
        validators=[plausible_day],
        help_text=gettext_lazy("Inclusive."),
    )
    replies_from = models.DateField(gettext_lazy("replies received from"), validators=[plausible_day])
    replies_to = models.DateField(
        gettext_lazy("replies received to"),
        validators=[plausible_day],
        help_text=gettext_lazy("Inclusive; usually about two months later."),
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
        return _("Report to the %(ordinal)s session of the Human Rights Council") % {"ordinal": self.ordinal}

    def get_absolute_url(self) -> str:
        return reverse("statistics:report", kwargs={"session": self.session})

    def clean(self) -> None:
        """The dates in order, said in words before the database constraints refuse them."""
        if self.sent_from and self.sent_to and self.sent_from > self.sent_to:
            raise ValidationError({"sent_to": _("The sending period ends on or after the day it starts.")})
        if self.replies_from and self.replies_to and self.replies_from > self.replies_to:
            raise ValidationError({"replies_to": _("The reply window ends on or after the day it starts.")})
        if self.sent_from and self.replies_to and self.replies_to < self.sent_from:
            raise ValidationError(
                {"replies_to": _("The reply window cannot end before the sending period starts.")}
            )
        self._check_window_follows_period()
        self._check_no_overlap()

    def _check_window_follows_period(self) -> None:
        """Replies come after letters: the window opens no earlier than the sending period and closes after it."""
        if self.sent_from and self.replies_from and self.replies_from < self.sent_from:
            raise ValidationError(
                {"replies_from": _("The reply window cannot open before the sending period starts.")}
            )
        if self.sent_to and self.replies_to and self.replies_to < self.sent_to:
            raise ValidationError(
                {"replies_to": _("The reply window closes on or after the last day of the sending period.")}
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
                    "sent_from": _(
                        "The sending period shares days with the report to the %(ordinal)s session (%(start)s to "
                        "%(end)s): each communication is reported to one session only."
                    )
                    % {
                        "ordinal": overlapping.ordinal,
                        "start": date_format(overlapping.sent_from, "j F Y"),
                        "end": date_format(overlapping.sent_to, "j F Y"),
                    }
                }
            )

    @property
    def ordinal(self) -> str:
        """The session's number as an ordinal in the reader's language ("24th", "24e", "24.º"); Arabic, Russian
        and Chinese take the bare number, which their sentences place and inflect ("الدورة 24", "24-я сессия", "第24届会议")."""
        number = self.session
        language = (get_language() or "en").split("-")[0]
        if language == "fr":
            return f"{number}re" if number == 1 else f"{number}e"
        if language == "es":
            return f"{number}.º"
        if language in {"ar", "ru", "zh"}:
            return str(number)
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"


class Facts(models.Model):
    """The facts a communication's row and each of its signatures' rows both carry (facts.COPIED_TO_SIGNATURES)."""

    type = models.CharField(max_length=2)
    year = models.PositiveSmallIntegerField()
    first_public_day = models.DateField(
        help_text="embargo.first_public_day() of its type and day of sending."
    )
    never_public = models.BooleanField(
        help_text="Withheld, or its redacted text still shows a withheld name: embargo.public_from() is None."
    )
    first_reply_on = models.DateField(null=True)
    first_substantive_reply_on = models.DateField(null=True)
    days_to_first_reply = models.IntegerField(null=True)

    class Meta:
        abstract = True


class CommunicationFacts(Facts):
    """What the figures read of one sent communication and its replies, derived and kept in step by
    analytics/facts.py on every write: every figure is then one GROUP BY over this narrow table, instead of a join
    of the communications, their replies and the publication rule worked out row by row."""

    communication = models.OneToOneField(
        Communication, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # No index: every figure reads the whole table, and a scan of it groups faster than a walk of an index whose
    # every entry costs a look-up in the table (measured on SQLite at 200,000 rows: about 1.5 times).
    addressee = models.ForeignKey(Addressee, on_delete=models.CASCADE, related_name="+", db_index=False)
    sent_on = models.DateField()

    class Meta:
        verbose_name = "communication's facts"
        verbose_name_plural = "communications' facts"

    def __str__(self) -> str:
        return f"Facts of communication {self.pk}"


class SignatureFacts(Facts):
    """The facts of a communication once for each mandate that signed it, and whether that mandate led it: the
    mandates' figures (signed and led) are one scan of this table, with no join of the signatures to the facts.
    Refreshed with the communication's CommunicationFacts, from them."""

    communication = models.ForeignKey(Communication, on_delete=models.CASCADE, related_name="+")
    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="+", db_index=False)
    is_lead = models.BooleanField()

    class Meta:
        verbose_name = "signature's facts"
        verbose_name_plural = "signatures' facts"

    def __str__(self) -> str:
        return f"Facts of communication {self.communication_id} signed by mandate {self.mandate_id}"
