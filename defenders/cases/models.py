"""Case files in the HURIDOCS events manner: persons and organisations, dated events, acts and legal provisions."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from defenders.addressees.models import Addressee
from defenders.core.templatetags.locale_format import local_day, local_month
from defenders.core.validators import plausible_day

# The vocabulary seeded by migration 0004, in the reader's language; a theme staff add or rename shows as typed.
SEEDED_THEME_NAMES = {
    name: _(name)
    for name in (
        gettext_noop("Judicial harassment"),
        gettext_noop("Arbitrary detention"),
        gettext_noop("Misuse of counter-terrorism or extremism laws"),
        gettext_noop("Reprisals for cooperation with the UN"),
        gettext_noop("Women human rights defenders"),
        gettext_noop("Environmental and land defenders"),
        gettext_noop("Indigenous peoples' rights defenders"),
        gettext_noop("Journalists and media workers"),
        gettext_noop("Lawyers"),
        gettext_noop("Killings of defenders"),
        gettext_noop("Enforced disappearance"),
        gettext_noop("Torture and ill-treatment"),
        gettext_noop("Smear campaigns and stigmatisation"),
        gettext_noop("Restrictions on civil society (registration, funding, foreign agent laws)"),
        gettext_noop("Freedom of peaceful assembly"),
        gettext_noop("Digital surveillance and online attacks"),
        gettext_noop("Travel bans"),
        gettext_noop("LGBTI rights defenders"),
        gettext_noop("Business and human rights"),
    )
}


class Theme(models.Model):
    """A subject a case or communication is filed under, e.g. “Judicial harassment”."""

    name = models.CharField(max_length=120, unique=True)
    # Kept when the theme is renamed, so that filtered lists and links (?theme=<slug>) stay valid.
    slug = models.SlugField(max_length=120, unique=True)
    is_active = models.BooleanField(
        "offered for new filings",
        default=True,
        help_text=_("A retired theme is no longer offered; cases and communications filed under it keep it."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        """The name in the reader's language while it is the seeded vocabulary's; as staff typed it otherwise."""
        return str(SEEDED_THEME_NAMES.get(self.name, self.name))


class Person(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        NON_BINARY = "non_binary", _("Non-binary")
        UNKNOWN = "", _("Not stated")

    name = models.CharField(max_length=200)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    professions = models.CharField(
        max_length=300, blank=True, help_text="e.g. “human rights defender, lawyer”."
    )
    focus = models.CharField(max_length=300, blank=True, help_text=_("The rights the person works on."))
    active_since = models.CharField(max_length=10, blank=True, help_text=_("Year, as precise as known."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
        STATE_ACTOR = "state_actor", _("State actor (police, security service, court, ministry)")
        COMPANY = "company", _("Company")
        DESIGNATED = "designated", _("Organisation designated or banned by the State")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=300)
    also_known_as = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CIVIL_SOCIETY)
    country_code = models.CharField(max_length=3, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="unique_organisation")]

    def __str__(self) -> str:
        return self.name


class LegalProvision(models.Model):
    """A provision that a charge or sentence cites, e.g. Criminal Code of the Russian Federation, art. 205.5-2."""

    code = models.CharField(max_length=200, help_text=_("e.g. “Criminal Code of the Russian Federation”."))
    article = models.CharField(max_length=40, help_text=_("e.g. “205.5-2”."))
    subject = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("legal provision")
        verbose_name_plural = _("legal provisions")
        ordering = ["code", "article"]
        constraints = [models.UniqueConstraint(fields=["code", "article"], name="unique_legal_provision")]

    def __str__(self) -> str:
        return f"{self.code}, art. {self.article}"


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
        COMMUNICATION_SENT = "communication_sent", _("Communication sent")
        FOLLOW_UP = "follow_up", _("Follow-up")
        CLOSED = "closed", pgettext_lazy("a case", "Closed")

    class RiskLevel(models.TextChoices):
        UNKNOWN = "unknown", _("Not assessed")
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical: life or liberty at imminent risk")

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
        help_text=_("The case officer responsible for the case."),
    )
    follow_up_on = models.DateField(
        null=True, blank=True, validators=[plausible_day], help_text="When the case is next looked at again."
    )
    summary = models.TextField(blank=True, help_text=_("The case in a few lines, in the office's words."))
    persons = models.ManyToManyField(Person, through="CasePerson", related_name="cases")
    organisations = models.ManyToManyField(Organisation, through="CaseOrganisation", related_name="cases")
    themes = models.ManyToManyField(Theme, blank=True, related_name="cases")
    opened_on = models.DateField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
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
        help_text=_(
            "Name may appear in public reports and the database; without it the public text is redacted."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="one_role_per_person_per_case")
        ]

    def __str__(self) -> str:
        return gettext("%(part)s in %(case)s") % {"part": self.person, "case": self.case}


class CaseOrganisation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    relation = models.CharField(max_length=300, blank=True, help_text=_("e.g. “headed by the defender”."))
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="one_relation_per_organisation")
        ]

    def __str__(self) -> str:
        return gettext("%(part)s in %(case)s") % {"part": self.organisation, "case": self.case}


class Event(models.Model):
    """Something that happened on a date, known to the day, the month, the year, or not at all."""

    class Kind(models.TextChoices):
        CITED_ACTIVITY = "cited_activity", _("Activity later cited against the person")
        INVESTIGATION_OPENED = "investigation_opened", _("Investigation opened")
        ARREST = "arrest", _("Arrest")
        DETENTION = "detention", _("Detention")
        PRETRIAL_DETENTION = "pretrial_detention", _("Pre-trial detention")
        SEARCH = "search", pgettext_lazy("an event: a search of a home or an office", "Search")
        CHARGE = "charge", _("Charge")
        INDICTMENT = "indictment", _("Indictment")
        PROSECUTION_REQUEST = "prosecution_request", _("Prosecution's request")
        TRIAL = "trial", _("Trial")
        SENTENCE = "sentence", _("Sentence")
        APPEAL = "appeal", _("Appeal lodged")
        APPEAL_DECISION = "appeal_decision", _("Appeal decision")
        FINE = "fine", _("Fine")
        TRAVEL_BAN = "travel_ban", _("Travel ban")
        THREAT = "threat", _("Threat")
        ATTACK = "attack", _("Attack")
        KILLING = "killing", _("Killing")
        DISAPPEARANCE = "disappearance", _("Enforced disappearance")
        RELEASE = "release", pgettext_lazy("an event: a release from detention", "Release")
        OTHER = "other", _("Other")

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")
        UNKNOWN = "unknown", _("Date unknown")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    occurred_on = models.DateField(
        null=True,
        blank=True,
        validators=[plausible_day],
        help_text=_("First day of the month or year when only those are known."),
    )
    date_precision = models.CharField(max_length=10, choices=Precision.choices, default=Precision.DAY)
    place = models.CharField(max_length=300, blank=True)
    summary = models.TextField()
    persons = models.ManyToManyField(Person, blank=True, related_name="events", help_text=_("Victims."))
    actors = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="events_as_actor",
        help_text=_("Perpetrators, courts, authorities."),
    )
    court = models.CharField(max_length=200, blank=True)
    legal_provisions = models.ManyToManyField(LegalProvision, blank=True, related_name="events")
    fine_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    fine_currency = models.CharField(max_length=3, blank=True, help_text=_("ISO 4217, e.g. RUB."))
    duration_months = models.PositiveIntegerField(
        null=True, blank=True, help_text="e.g. custody ordered for."
    )
    source_excerpt = models.TextField(
        blank=True, help_text=_("The words of the source that this event reads.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # Undated events sort last within a case; dated ones by date.
        ordering = ["case", models.F("occurred_on").asc(nulls_last=True), "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date_display})"

    @property
    def date_display(self) -> str:
        if self.occurred_on is None or self.date_precision == self.Precision.UNKNOWN:
            return str(_("date unknown"))
        if self.date_precision == self.Precision.YEAR:
            return str(self.occurred_on.year)
        # The month's name in the reader's language (CLDR's, in the case a day or a month alone takes).
        if self.date_precision == self.Precision.MONTH:
            return local_month(self.occurred_on)
        return local_day(self.occurred_on)


class SentenceTerm(models.Model):
    """One part of a custodial term, e.g. 3 years in prison then 11 years in a maximum-security penal colony."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="terms")
    years = models.PositiveSmallIntegerField(default=0)
    months = models.PositiveSmallIntegerField(default=0)
    regime = models.CharField(
        max_length=200, blank=True, help_text=_("e.g. “maximum-security penal colony”.")
    )
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
        parts.append(ngettext("%(count)s year", "%(count)s years", years) % {"count": years})
    if months:
        parts.append(ngettext("%(count)s month", "%(count)s months", months) % {"count": months})
    text = gettext(" and ").join(parts) or gettext("no custodial term")
    return f"{text} ({regime})" if regime else text
