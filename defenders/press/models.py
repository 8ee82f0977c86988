"""Press releases: drafted, linked to communications and cases, scheduled or published, and perhaps withdrawn."""

import uuid
from datetime import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from defenders.cases.models import Case
from defenders.clock import office_now, office_today
from defenders.communications.models import Communication
from defenders.core.slugs import free_slug

from . import publication


class PressReleaseQuerySet(models.QuerySet["PressRelease"]):
    def public(self, at: datetime | None = None) -> "PressReleaseQuerySet":
        """The press releases that publication.is_public() holds public at that moment (now by default)."""
        moment = at or office_now()
        # A linked communication unsent, or sent on a day still to come, holds the release back.
        holding_back = PressRelease.communications.through.objects.filter(pressrelease=OuterRef("pk")).filter(
            Q(communication__sent_on__isnull=True) | Q(communication__sent_on__gt=office_today(moment))
        )
        return self.filter(
            Q(published_at__lte=moment) | Q(published_at__isnull=True, scheduled_for__lte=moment),
            withdrawn=False,
        ).filter(~Exists(holding_back))


class PressRelease(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=120,
        unique=True,
        editable=False,
        help_text="From the redacted title; fixed once the release is scheduled or published.",
    )
    title = models.CharField(verbose_name=_("title"), max_length=300)
    body = models.TextField(
        verbose_name=_("body"),
    )
    language = models.CharField(
        verbose_name=_("language"),
        max_length=2,
        choices=Communication.Language.choices,
        default=Communication.Language.ENGLISH,
    )
    communications = models.ManyToManyField(
        Communication, verbose_name=_("communications"), blank=True, related_name="press_releases"
    )
    cases = models.ManyToManyField(Case, verbose_name=_("cases"), blank=True, related_name="press_releases")
    scheduled_for = models.DateTimeField(
        verbose_name=_("scheduled for"),
        null=True,
        blank=True,
        help_text="The moment, Geneva time, the release goes out; empty for a draft.",
    )
    published_at = models.DateTimeField(
        verbose_name=_("published at"),
        null=True,
        blank=True,
        help_text="When it was published; set by the publish action.",
    )
    withdrawn = models.BooleanField(verbose_name=_("withdrawn"), default=False)
    withdrawn_reason = models.TextField(verbose_name=_("withdrawn reason"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PressReleaseQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-published_at", "-scheduled_for", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn=False) | ~Q(withdrawn_reason=""),
                name="withdrawn_release_needs_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publication:press_release", kwargs={"slug": self.slug})

    @property
    def goes_out_at(self) -> datetime | None:
        return publication.goes_out_at(self)

    @property
    def is_draft(self) -> bool:
        return self.goes_out_at is None

    def sending_days(self) -> list:
        """The sending day of every linked communication (None for an unsent one); reads through the relation."""
        return [communication.sent_on for communication in self.communications.all()]

    @property
    def public_from(self) -> datetime | None:
        return publication.public_from(self, self.sending_days()) if self.pk else None

    def unique_slug(self, text: str) -> str:
        """A slug of the text, numbered when another release has it already."""
        return free_slug(text, PressRelease.objects.exclude(pk=self.pk), fallback="press-release")
