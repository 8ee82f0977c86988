"""A joint communication as it is drafted: the library of standard law paragraphs and questions, the numbered
versions of its sections, and each signing mandate's sign-off."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from defenders.communications.models import Communication
from defenders.mandates.models import Mandate

# The sections of a draft, in the order the page shows them. The first six make the letter (full_text); the
# last five make the public version (title, topic, background, allegations, concerns).
LETTER_SECTIONS = ("opening", "information", "concerns", "law", "questions", "closing")
PUBLIC_SECTIONS = ("public_title", "topic", "background", "allegations", "public_concerns")
SECTIONS = LETTER_SECTIONS + PUBLIC_SECTIONS
SECTION_LABELS = {
    "opening": _("Opening"),
    "information": _("Information received"),
    "concerns": _("Concerns"),
    "law": _("Applicable international human rights law"),
    "questions": _("Questions to the addressee"),
    "closing": _("Closing"),
    "public_title": _("Public title"),
    "topic": pgettext_lazy("the Topic line of a communication", "Topic"),
    "background": _("Background"),
    "allegations": _("Allegations"),
    "public_concerns": _("Public concerns"),
}


class LawParagraph(models.Model):
    """A standard paragraph of applicable law, e.g. ICCPR article 19, that a draft can cite as it stands."""

    instrument = models.CharField(
        max_length=120, help_text="e.g. “ICCPR”, “Declaration on Human Rights Defenders”."
    )
    article = models.CharField(max_length=40, blank=True, help_text=_("e.g. “19”; empty for a resolution."))
    title = models.CharField(max_length=200, help_text=_("e.g. “Freedom of opinion and expression”."))
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True, help_text=_("Retired paragraphs are no longer offered."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.instrument}, art. {self.article}: {self.title}" if self.article else self.title


class StandardQuestion(models.Model):
    """A question the letters usually put to the addressee, picked and then edited in each draft."""

    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True, help_text=_("Retired questions are no longer offered."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 90 else self.text[:89] + "…"


# The notes the application gives versions it writes (drafting.actions), shown in the reader's language.
SYSTEM_NOTES = {
    "Prefilled from the case": _("Prefilled from the case"),
    "Signatories changed": _("Signatories changed"),
}


class DraftVersion(models.Model):
    """The text of a draft, section by section, as one person saved it; numbered from 1, never changed."""

    communication = models.ForeignKey(Communication, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sections = models.JSONField(default=dict, help_text=_("The text of each section, by its key (SECTIONS)."))
    law_paragraphs = models.ManyToManyField(LawParagraph, blank=True, related_name="+")
    questions = models.ManyToManyField(StandardQuestion, blank=True, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["communication", "number"]
        constraints = [
            models.UniqueConstraint(fields=["communication", "number"], name="one_number_per_draft_version")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"

    @property
    def shown_note(self) -> str:
        """The note in the reader's language when the application wrote it; a person's note as they typed it."""
        return str(SYSTEM_NOTES.get(self.note, self.note))


class SignOff(models.Model):
    """A signing mandate's approval of a draft, asked for by the lead; it holds for the version approved."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")

    communication = models.ForeignKey(Communication, on_delete=models.CASCADE, related_name="sign_offs")
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="sign_offs")
    state = models.CharField(max_length=20, choices=State.choices, default=State.REQUESTED)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    approved_version = models.ForeignKey(
        DraftVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["communication", "requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["communication", "mandate"], name="one_sign_off_per_mandate")
        ]

    def __str__(self) -> str:
        return f"{self.mandate.short_name}: {self.get_state_display()}"
