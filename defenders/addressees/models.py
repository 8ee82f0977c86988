"""Who a communication is written to: a State (ISO 3166 alpha-3) or a non-State actor (code OTH)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

from . import countries


class Addressee(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("State")
        COMPANY = "company", _("Company")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
        OTHER = "other", _("Other non-State actor")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STATE)
    code = models.CharField(
        max_length=3, help_text="ISO 3166 alpha-3 code for a State; OTH for every non-State addressee."
    )
    name = models.CharField(max_length=200, help_text="Official name, e.g. “Russian Federation”.")
    short_name = models.CharField(max_length=100, help_text="Name used in titles, e.g. “Russia”.")

    class Meta:
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(kind="state"), name="one_addressee_per_state"
            ),
            models.UniqueConstraint(fields=["kind", "name"], name="unique_addressee_name_per_kind"),
        ]

    def __str__(self) -> str:
        return self.short_name

    def clean(self) -> None:
        if self.kind == self.Kind.STATE:
            if countries.lookup(self.code) is None:
                raise ValidationError({"code": f"“{self.code}” is not an ISO 3166 alpha-3 country code."})
        elif self.code != countries.NON_STATE_CODE:
            raise ValidationError({"code": f"Non-State addressees use the code {countries.NON_STATE_CODE}."})

    @property
    def is_state(self) -> bool:
        return self.kind == self.Kind.STATE

    @property
    def local_short_name(self) -> str:
        """The short name shown to a reader: a State's in the page's language (the UN's, else CLDR's); another
        actor's as recorded. Codes and the recorded names stay as they are in the API and CSV files."""
        if not self.is_state:
            return self.short_name
        return countries.local_short_name(self.code, to_locale(get_language() or "en")) or self.short_name

    @property
    def local_name(self) -> str:
        """The official name in English; in another language a State's name in it (the UN's short name, else
        CLDR's: no official long names are recorded in the other languages)."""
        if not self.is_state:
            return self.name
        return countries.local_short_name(self.code, to_locale(get_language() or "en")) or self.name

    @property
    def formal_name(self) -> str:
        """How the public summary names the addressee: “the Government of Russia”, or the actor's name."""
        return f"the Government of {self.short_name}" if self.is_state else self.name

    @classmethod
    def state(cls, code: str) -> "Addressee":
        """Return the addressee for a State, creating it from the ISO 3166 data on first use."""
        country = countries.lookup(code)
        if country is None:
            raise ValueError(f"unknown country code {code!r}")
        addressee, _ = cls.objects.get_or_create(
            kind=cls.Kind.STATE,
            code=country.code,
            defaults={"name": country.name, "short_name": country.short_name},
        )
        return addressee

    @classmethod
    def find_or_create(cls, *, kind: str, code: str = "", name: str = "") -> "Addressee":
        """The addressee a letter is written to: a State by its alpha-3 code, another actor by its kind and name."""
        if kind == cls.Kind.STATE:
            return cls.state(code)
        addressee, _ = cls.objects.get_or_create(
            kind=kind, name=name, defaults={"code": countries.NON_STATE_CODE, "short_name": name}
        )
        return addressee
