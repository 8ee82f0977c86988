"""Case files in the HURIDOCS events manner: persons and organisations, dated events, acts and legal provisions."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from defenders.addressees.models import Addressee
from defenders.core.validators import plausible_day


class Theme(models.Model):
    """A subject a case or communication is filed under, e.g. “Judicial harassment”."""

    name = models.CharField(max_length=120, unique=True)
    # Kept when the theme is renamed, so that filtered lists and links (?theme=<slug>) stay valid.
    slug = models.SlugField(max_length=120, unique=True)
    is_active = models.BooleanField(
        "offered for new filings",
        default=True,
        help_text="A retired theme is no longer offered; cases and communications filed under it keep it.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        NON_BINARY = "non_binary", "Non-binary"
        UNKNOWN = "", "Not stated"

    name = models.CharField(max_length=200)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    professions = models.CharField(
        max_length=300, blank=True, help_text="e.g. “human rights defender, lawyer”."
    )
    focus = models.CharField(max_length=300, blank=True, help_text="The rights the person works on.")
    active_since = models.CharField(max_length=10, blank=True, help_text="Year, as precise as known.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "persons"

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CIVIL_SOCIETY = "civil_society", "Civil society organisation"
        STATE_ACTOR = "state_actor", "State actor (police, security service, court, ministry)"
        COMPANY = "company", "Company"
        DESIGNATED = "designated", "Organisation designated or banned by the State"
        OTHER = "other", "Other"

    name = models.CharField(max_length=300)
    also_known_as = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CIVIL_SOCIETY)
    country_code = models.CharField(max_length=3, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="unique_organisation")]

    def __str__(self) -> str:
        return self.name


class LegalProvision(models.Model):
    """A provision that a charge or sentence cites, e.g. Criminal Code of the Russian Federation, art. 205.5-2."""

    code = models.CharField(max_length=200, help_text="e.g. “Criminal Code of the Russian Federation”.")
    article = models.CharField(max_length=40, help_text="e.g. “205.5-2”.")
    subject = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["code", "article"]
        constraints = [models.UniqueConstraint(fields=["code", "article"], name="unique_legal_provision")]

    def __str__(self) -> str:
        return f"{self.code}, art. {self.article}"


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        UNDER_ASSESSMENT = "under_assessment", "Under assessment"
        COMMUNICATION_SENT = "communication_sent", "Communication sent"
        FOLLOW_UP = "follow_up", "Follow-up"
        CLOSED = "closed", "Closed"

    class RiskLevel(models.TextChoices):
        UNKNOWN = "unknown", "Not assessed"
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        CRITICAL = "critical", "Critical: life or liberty at imminent risk"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=300)
    country = models.ForeignKey(
        Addressee, on_delete=models.PROTECT, related_name="cases", null=True, blank=True
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, default=RiskLevel.UNKNOWN)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases_in_charge",
        help_text="The case officer responsible for the case.",
    )
    follow_up_on = models.DateField(
        null=True, blank=True, validators=[plausible_day], help_text="When the case is next looked at again."
    )
    summary = models.TextField(blank=True, help_text="The case in a few lines, in the office's words.")
    persons = models.ManyToManyField(Person, through="CasePerson", related_name="cases")
    organisations = models.ManyToManyField(Organisation, through="CaseOrganisation", related_name="cases")
    themes = models.ManyToManyField(Theme, blank=True, related_name="cases")
    opened_on = models.DateField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"uid": self.uid})


class CasePerson(models.Model):
    """A person concerned by a case, and the two consents that the person gave (see DOMAIN.md)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.PROTECT)
    role = models.CharField(max_length=100, default="human rights defender")
    consents_to_naming_to_addressee = models.BooleanField(
        "may be named to the addressee", default=False, help_text="Name may appear in the letter."
    )
    consents_to_naming_in_public = models.BooleanField(
        "may be named in public",
        default=False,
        help_text="Name may appear in public reports and the database; without it the public text is redacted.",
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="one_role_per_person_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.case}"


class CaseOrganisation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    relation = models.CharField(max_length=300, blank=True, help_text="e.g. “headed by the defender”.")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="one_relation_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.case}"


class Event(models.Model):
    """Something that happened on a date, known to the day, the month, the year, or not at all."""

    class Kind(models.TextChoices):
        CITED_ACTIVITY = "cited_activity", "Activity later cited against the person"
        INVESTIGATION_OPENED = "investigation_opened", "Investigation opened"
        ARREST = "arrest", "Arrest"
        DETENTION = "detention", "Detention"
        PRETRIAL_DETENTION = "pretrial_detention", "Pre-trial detention"
        SEARCH = "search", "Search"
        CHARGE = "charge", "Charge"
        INDICTMENT = "indictment", "Indictment"
        PROSECUTION_REQUEST = "prosecution_request", "Prosecution's request"
        TRIAL = "trial", "Trial"
        SENTENCE = "sentence", "Sentence"
        APPEAL = "appeal", "Appeal lodged"
        APPEAL_DECISION = "appeal_decision", "Appeal decision"
        FINE = "fine", "Fine"
        TRAVEL_BAN = "travel_ban", "Travel ban"
        THREAT = "threat", "Threat"
        ATTACK = "attack", "Attack"
        KILLING = "killing", "Killing"
        DISAPPEARANCE = "disappearance", "Enforced disappearance"
        RELEASE = "release", "Release"
        OTHER = "other", "Other"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"
        UNKNOWN = "unknown", "Date unknown"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    occurred_on = models.DateField(
        null=True,
        blank=True,
        validators=[plausible_day],
        help_text="First day of the month or year when only those are known.",
    )
    date_precision = models.CharField(max_length=10, choices=Precision.choices, default=Precision.DAY)
    place = models.CharField(max_length=300, blank=True)
    summary = models.TextField()
    persons = models.ManyToManyField(Person, blank=True, related_name="events", help_text="Victims.")
    actors = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="events_as_actor",
        help_text="Perpetrators, courts, authorities.",
    )
    court = models.CharField(max_length=200, blank=True)
    legal_provisions = models.ManyToManyField(LegalProvision, blank=True, related_name="events")
    fine_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    fine_currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217, e.g. RUB.")
    duration_months = models.PositiveIntegerField(
        null=True, blank=True, help_text="e.g. custody ordered for."
    )
    source_excerpt = models.TextField(blank=True, help_text="The words of the source that this event reads.")
    history = HistoricalRecords()

    class Meta:
        # Undated events sort last within a case; dated ones by date.
        ordering = ["case", models.F("occurred_on").asc(nulls_last=True), "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date_display})"

    @property
    def date_display(self) -> str:
        if self.occurred_on is None or self.date_precision == self.Precision.UNKNOWN:
            return "date unknown"
        if self.date_precision == self.Precision.YEAR:
            return str(self.occurred_on.year)
        if self.date_precision == self.Precision.MONTH:
            return self.occurred_on.strftime("%B %Y")
        return f"{self.occurred_on.day} {self.occurred_on.strftime('%B %Y')}"


class SentenceTerm(models.Model):
    """One part of a custodial term, e.g. 3 years in prison then 11 years in a maximum-security penal colony."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="terms")
    years = models.PositiveSmallIntegerField(default=0)
    months = models.PositiveSmallIntegerField(default=0)
    regime = models.CharField(max_length=200, blank=True, help_text="e.g. “maximum-security penal colony”.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["event", "order"]

    def __str__(self) -> str:
        return describe_term(self.years, self.months, self.regime)

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months


def describe_term(years: int, months: int, regime: str = "") -> str:
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    text = " and ".join(parts) or "no custodial term"
    return f"{text} ({regime})" if regime else text
