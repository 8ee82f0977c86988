"""Special Procedures mandates (a rapporteur or a working group) and the experts who held them over time."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
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
    # The official title in the UN's other languages, by Django language code ({"fr": "...", "zh-hans": "..."}).
    # Only pages show it: the API, CSV files and the interchange format keep the English name and short name.
    name_translations = models.JSONField(
        _("name in other languages"),
        default=dict,
        blank=True,
        help_text=_(
            "The official title by language code (ar, zh-hans, fr, ru, es); English is the name above."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The title in the page's language where one is recorded, else the English name."""
        language = get_language() or settings.LANGUAGE_CODE
        return str(self.name_translations.get(language) or self.name) if self.name_translations else self.name

    @property
    def name_language(self) -> str:
        """The language `local_name` is in, for a lang attribute."""
        language = get_language() or settings.LANGUAGE_CODE
        return language if self.name_translations and self.name_translations.get(language) else "en"


class MandateHolder(models.Model):
    """An expert who held (or, for a working group, sat on) a mandate for a period."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="holders")
    name = models.CharField(max_length=200)
    started_on = models.DateField(validators=[plausible_day])
    ended_on = models.DateField(null=True, blank=True, validators=[plausible_day])

    class Meta:
        ordering = ["mandate", "-started_on"]
        verbose_name = _("mandate holder")
        verbose_name_plural = _("mandate holders")

    def __str__(self) -> str:
        return f"{self.name} ({self.mandate.short_name})"
