"""Communications (allegation letters, urgent appeals, other letters) to an addressee, and the replies to them."""

import uuid
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from defenders.addressees.models import Addressee
from defenders.cases.models import Case, Theme
from defenders.clock import office_today
from defenders.core.validators import plausible_day
from defenders.mandates.models import Mandate

from . import embargo, references
from .days import day_in_words


def public_condition(at: datetime | None = None, *, through: str = "") -> Q:
    """The condition embargo.is_public() states, on a communication's fields, or through a relation to one
    (`through="communication__"`), so that a reply's query joins its communication instead of a subquery."""
    today = office_today(at)
    ordinary_letters = Q(
        **{f"{through}sent_on__lte": embargo.last_public_sent_on(Communication.Type.ALLEGATION_LETTER, today)}
    ) & ~Q(**{f"{through}type": Communication.Type.OTHER_LETTER})
    other_letters = Q(
        **{
            f"{through}type": Communication.Type.OTHER_LETTER,
            f"{through}sent_on__lte": embargo.last_public_sent_on(Communication.Type.OTHER_LETTER, today),
        }
    )
    return Q(
        **{
            f"{through}withheld": False,
            f"{through}exposes_withheld_name": False,
            f"{through}sent_on__isnull": False,
        }
    ) & (ordinary_letters | other_letters)


class CommunicationQuerySet(models.QuerySet["Communication"]):
    def public(self, at: datetime | None = None) -> "CommunicationQuerySet":
        """The communications that embargo.is_public() holds public at that moment (now by default)."""
        return self.filter(public_condition(at))

    def next_reference_number(self, addressee_code: str, year: int) -> int:
        """The next number in the counter shared by every type and mandate for this addressee code and year.

        A reading only: sending takes its number from ReferenceCounter.objects.take_next(), under a lock."""
        counted = (
            ReferenceCounter.objects.filter(code=addressee_code, year=year)
            .values_list("last_number", flat=True)
            .first()
        )
        return max(counted or 0, self.highest_reference_number(addressee_code, year)) + 1

    def highest_reference_number(self, addressee_code: str, year: int) -> int:
        """The highest number stored in a reference for this addressee code and year, 0 if none."""
        highest = self.filter(reference_code=addressee_code, reference_year=year).aggregate(
            highest=Max("reference_number")
        )["highest"]
        return highest or 0


class Communication(models.Model):
    class Type(models.TextChoices):
        ALLEGATION_LETTER = "AL", _("Allegation letter")
        URGENT_APPEAL = "UA", _("Urgent appeal")
        OTHER_LETTER = "OL", _("Other letter")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        SPANISH = "es", _("Spanish")
        ARABIC = "ar", _("Arabic")
        CHINESE = "zh", _("Chinese")
        RUSSIAN = "ru", _("Russian")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(verbose_name=_("type"), max_length=2, choices=Type.choices)
    reference = models.CharField(
        verbose_name=_("reference"),
        max_length=40,
        blank=True,
        help_text="Assigned on sending, e.g. “AL RUS 15/2023”; empty until then.",
    )
    legacy_reference = models.CharField(
        verbose_name=_("legacy reference"),
        max_length=120,
        blank=True,
        # The importer finds a batch's stored communications by it: without an index, a full scan per batch.
        db_index=True,
        help_text="A reference in an older form, kept exactly as given.",
    )
    reference_code = models.CharField(max_length=3, blank=True, editable=False)
    reference_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    reference_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    slug = models.SlugField(max_length=140, unique=True, editable=False)

    addressee = models.ForeignKey(
        Addressee, verbose_name=_("addressee"), on_delete=models.PROTECT, related_name="communications"
    )
    copied = models.ManyToManyField(Addressee, blank=True, related_name="copied_on")
    mandates = models.ManyToManyField(Mandate, through="CommunicationMandate", related_name="communications")
    sent_on = models.DateField(
        verbose_name=_("sent on"),
        null=True,
        blank=True,
        validators=[plausible_day],
        help_text="Empty while the letter is a draft.",
    )
    language = models.CharField(
        verbose_name=_("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )

    title = models.CharField(
        verbose_name=_("title"),
        max_length=300,
        help_text="What the communication is about, without the country and “(joint communication)”, "
        "which the public title adds.",
    )
    topic = models.TextField(
        verbose_name=_("topic"), blank=True, help_text="The “Topic:” line of the public summary."
    )
    background = models.TextField(verbose_name=_("background"), blank=True)
    allegations = models.TextField(verbose_name=_("allegations"), blank=True)
    concerns = models.TextField(verbose_name=_("concerns"), blank=True)
    update = models.TextField(
        verbose_name=_("update"),
        blank=True,
        help_text="Optional news since sending: “Since the communication was sent, …”.",
    )
    full_text = models.TextField(
        verbose_name=_("full text"), blank=True, help_text="The full letter as sent."
    )

    themes = models.ManyToManyField(Theme, blank=True, related_name="communications")
    cases = models.ManyToManyField(Case, blank=True, related_name="communications")
    follows_up = models.ManyToManyField(
        "self",
        verbose_name=_("follows up"),
        symmetrical=False,
        blank=True,
        related_name="followed_up_by",
        help_text="Earlier communications.",
    )
    withheld = models.BooleanField(
        verbose_name=_("withheld"), default=False, help_text="Hold back publication, whatever the date."
    )
    withheld_reason = models.TextField(verbose_name=_("withheld reason"), blank=True)
    exposes_withheld_name = models.BooleanField(
        default=False,
        editable=False,
        help_text="Set by communications/exposure.py: after redaction the public text still shows a part of a "
        "name withheld from the public, so it is not published until the text is rewritten.",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommunicationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "exposes_withheld_name"])

    class Meta:
        verbose_name = _("communication")
        verbose_name_plural = _("communications")
        ordering = ["-sent_on", "-created_at"]
        permissions = [
            ("send_communication", "Can send a communication"),
            ("withhold_communication", "Can withhold or release a communication"),
            ("sign_off_communication", "Can approve a draft, or ask for changes, for their own mandate"),
            ("view_shared_communication", "Can view the drafts shared with their own mandate"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="unique_reference_when_given"
            ),
            models.UniqueConstraint(
                fields=["reference_code", "reference_year", "reference_number"],
                condition=Q(reference_number__isnull=False),
                name="one_number_per_addressee_code_and_year",
            ),
            models.CheckConstraint(
                condition=Q(withheld=False) | ~Q(withheld_reason=""), name="withheld_needs_a_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.reference or self.legacy_reference or self.title

    def save(self, *args, **kwargs) -> None:
        self.derive_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("publication:communication", kwargs={"slug": self.slug})

    def derive_fields(self) -> None:
        """Set the fields read from the reference (its parts, the slug); save() calls it, and so must a bulk write,
        which skips save()."""
        parsed = references.parse_reference(self.reference) if self.reference else None
        self.reference_code = parsed.code if parsed else ""
        self.reference_number = parsed.number if parsed else None
        self.reference_year = parsed.year if parsed else None
        self.slug = references.slug_for(
            reference=self.reference,
            legacy_reference=self.legacy_reference,
            addressee_code=self.addressee.code,
            uid_hex=self.uid.hex,
        )

    @property
    def display_reference(self) -> str:
        return self.reference or self.legacy_reference

    @property
    def is_joint(self) -> bool:
        """Signed by more than one mandate; reads the links through the relation, so a list prefetches them."""
        return len(self.mandate_links.all()) > 1

    @property
    def public_from(self) -> datetime | None:
        return embargo.public_from(self)

    def ordered_mandates(self) -> list[Mandate]:
        return [link.mandate for link in self.mandate_links.select_related("mandate").order_by("order")]

    def lead_mandate(self) -> Mandate | None:
        link = self.mandate_links.filter(is_lead=True).select_related("mandate").first()
        return link.mandate if link else None


class ReferenceCounterQuerySet(models.QuerySet["ReferenceCounter"]):
    # Senders queue on one row per addressee code and year instead of racing for Max(number) + 1 and retrying
    # on a clash: on PostgreSQL SELECT ... FOR UPDATE makes each wait for the one before it to commit (at READ
    # COMMITTED it then reads the number that one took), however many send at once; on SQLite the insert below
    # is a write, so it takes the database's one write lock first (IMMEDIATE transactions take it at BEGIN).
    # No unique-constraint error is raised in the transaction, so nothing has to be retried or rolled back.
    # One table, the same code on both engines; an advisory lock would be PostgreSQL's alone.

    def locked(self, addressee_code: str, year: int) -> "ReferenceCounter":
        """The counter of this addressee code and year, made if missing, locked until the transaction ends."""
        self.bulk_create([self.model(code=addressee_code, year=year)], ignore_conflicts=True)
        return self.select_for_update().get(code=addressee_code, year=year)

    def take_next(self, addressee_code: str, year: int) -> int:
        """Give the next number to a letter being sent; the caller's transaction holds the counter until it
        commits (and gives the number back if it rolls back)."""
        counter = self.locked(addressee_code, year)
        # A stored reference the counter did not give (written before the counter existed) is still never
        # given twice; a number once given is never given again, even if its letter is gone.
        highest = Communication.objects.highest_reference_number(addressee_code, year)
        counter.last_number = max(counter.last_number, highest) + 1
        counter.save(update_fields=["last_number"])
        return counter.last_number

    def reach(self, addressee_code: str, year: int, number: int) -> None:
        """A letter recorded with a known reference (the archive, an import): sending continues after it."""
        counter = self.locked(addressee_code, year)
        if number > counter.last_number:
            counter.last_number = number
            counter.save(update_fields=["last_number"])


class ReferenceCounter(models.Model):
    """The last reference number given for an addressee code and year, shared by every type and mandate."""

    code = models.CharField(max_length=3)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    objects = ReferenceCounterQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "year"], name="one_counter_per_code_and_year")]

    def __str__(self) -> str:
        return f"{self.code} {self.year}: {self.last_number}"


class CommunicationMandate(models.Model):
    """A mandate that signs a communication, in the order the letter lists them; exactly one leads."""

    communication = models.ForeignKey(Communication, on_delete=models.CASCADE, related_name="mandate_links")
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT)
    order = models.PositiveSmallIntegerField(default=0)
    is_lead = models.BooleanField(default=False)

    class Meta:
        ordering = ["communication", "order"]
        constraints = [
            models.UniqueConstraint(fields=["communication", "mandate"], name="mandate_signs_once"),
            models.UniqueConstraint(
                fields=["communication"], condition=Q(is_lead=True), name="one_lead_mandate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mandate.short_name}{' (lead)' if self.is_lead else ''}"


class SentLetter(models.Model):
    """The formal letter as a PDF, frozen: version 1 is what was sent, each later version a correction with its note.

    Written only by `actions.freeze_letter` and `actions.correct_letter`; a stored version never changes. The PDF
    is kept in the database rather than as a file: it is committed or rolled back with the sending itself, goes
    into every backup with the database, and has no path that a file server could expose."""

    communication = models.ForeignKey(Communication, on_delete=models.PROTECT, related_name="sent_letters")
    version = models.PositiveSmallIntegerField()
    pdf = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False, help_text="Of the PDF, to compare copies.")
    note = models.TextField(blank=True, help_text="What a correction changed and why; empty for version 1.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["communication", "version"]
        constraints = [
            models.UniqueConstraint(fields=["communication", "version"], name="one_letter_per_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="letter_versions_start_at_one"),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(note=""), name="a_corrected_letter_has_a_note"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.communication}, letter version {self.version}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("A sent letter is frozen: correct it with a new version instead.")
        super().save(*args, **kwargs)

    def download_url(self) -> str:
        """The staff-only download (never a public address)."""
        return reverse(
            "letters:sent_letter",
            kwargs={"communication_uid": self.communication.uid, "version": self.version},
        )

    @property
    def filename(self) -> str:
        return f"{self.communication.slug}-v{self.version}.pdf"


class PublicVersion(models.Model):
    """The public text of a communication in another language than its own fields'.

    The communication's own title and summary are in `Communication.language`; each version gives them in one more
    language. One of them may be the original (`is_original`): then the communication's own fields are the
    translation. A version is shown only where its communication is: it goes through the same publication rule
    and the same redaction of names as the communication's own text."""

    communication = models.ForeignKey(Communication, on_delete=models.CASCADE, related_name="public_versions")
    language = models.CharField(max_length=2, choices=Communication.Language.choices)
    is_original = models.BooleanField(
        default=False, help_text="This version, not the communication's own text, is the one written first."
    )
    title = models.CharField(max_length=300)
    topic = models.TextField(blank=True)
    background = models.TextField(blank=True)
    allegations = models.TextField(blank=True)
    concerns = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["communication", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["communication", "language"], name="one_public_version_per_language"
            ),
            models.UniqueConstraint(
                fields=["communication"], condition=Q(is_original=True), name="one_original_public_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.communication} ({self.language})"


class ReplyQuerySet(models.QuerySet["Reply"]):
    def public(self, at: datetime | None = None, *, of: Iterable[int] | None = None) -> "ReplyQuerySet":
        """Replies that embargo.is_reply_public() holds public at that moment (now by default); `of` (primary
        keys of communications) narrows them to those communications, for a page of results."""
        # A join on the reply's own communication: a subquery over every public communication grew with the
        # database and made each communication page read all of them.
        replies = self.filter(
            public_condition(at, through="communication__"), received_on__lte=office_today(at)
        )
        if of is not None:
            replies = replies.filter(communication_id__in=list(of))
        return replies


class Reply(models.Model):
    class Kind(models.TextChoices):
        SUBSTANTIVE = "substantive", _("Substantive reply")
        ACKNOWLEDGEMENT = "acknowledgement", _("Procedural reply: acknowledgement of receipt")
        EXTENSION_REQUEST = "extension_request", _("Procedural reply: request for an extension")
        CONFIDENTIAL = "confidential", _("Reply the State asked to keep confidential")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    communication = models.ForeignKey(Communication, on_delete=models.CASCADE, related_name="replies")
    received_on = models.DateField(verbose_name=_("received on"), validators=[plausible_day])
    kind = models.CharField(
        verbose_name=_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUBSTANTIVE
    )
    language = models.CharField(
        verbose_name=_("language"),
        max_length=2,
        choices=Communication.Language.choices,
        default=Communication.Language.ENGLISH,
    )
    translation_pending = models.BooleanField(
        verbose_name=_("translation pending"),
        default=False,
        help_text="The reply is being translated and will be published when ready.",
    )
    summary = models.TextField(
        verbose_name=_("summary"), blank=True, help_text="What the addressee asserted, or asked for."
    )
    file = models.FileField(verbose_name=_("file"), upload_to="replies/%Y/", blank=True)

    objects = ReplyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["communication", "received_on", "pk"]

    def __str__(self) -> str:
        return gettext("%(kind)s to %(communication)s, received %(day)s") % {
            "kind": self.get_kind_display(),
            "communication": self.communication,
            "day": day_in_words(self.received_on),
        }

    @property
    def public_from(self) -> datetime | None:
        return embargo.reply_public_from(self)

    @property
    def is_procedural(self) -> bool:
        return self.kind in {self.Kind.ACKNOWLEDGEMENT, self.Kind.EXTENSION_REQUEST}

    @property
    def content_is_public(self) -> bool:
        """A confidential reply is published as a placeholder only; so is one still being translated."""
        return self.kind != self.Kind.CONFIDENTIAL and not self.translation_pending
