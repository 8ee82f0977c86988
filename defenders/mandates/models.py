"""Special Procedures mandates (a rapporteur or a working group) and the experts who held them over time."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from defenders.core.validators import plausible_day


class Mandate(models.Model):
    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Thematic")
        COUNTRY = "country", _("Country")

    name = models.CharField(max_length=300, unique=True)
    short_name = models.CharField(max_length=60, unique=True, help_text="e.g. “SR HRDs”, “WGAD”.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.THEMATIC)
    is_working_group = models.BooleanField(default=False)
    resolution = models.CharField(
        max_length=20, help_text="The Human Rights Council resolution that last renewed it, e.g. “52/4”."
    )
    country_code = models.CharField(
        max_length=3, blank=True, help_text="ISO 3166 alpha-3 code of a country mandate's country."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MandateHolder(models.Model):
    """An expert who held (or, for a working group, sat on) a mandate for a period."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="holders")
    name = models.CharField(max_length=200)
    started_on = models.DateField(validators=[plausible_day])
    ended_on = models.DateField(null=True, blank=True, validators=[plausible_day])

    class Meta:
        ordering = ["mandate", "-started_on"]

    def __str__(self) -> str:
        return f"{self.name} ({self.mandate.short_name})"
