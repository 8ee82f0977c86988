"""What people send the office, stored sealed: submissions, their files and messages, and the keys that open them.

No field here holds plaintext content. Dates are kept to the day, so that arrival times do not identify sources.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OfficeKeyQuerySet(models.QuerySet["OfficeKey"]):
    def current(self) -> "OfficeKey | None":
        """The recovery key new submissions are sealed to: the newest one not retired."""
        return self.filter(retired_on__isnull=True).order_by("-pk").first()


class OfficeKey(models.Model):
    """The public half of the office recovery key; its private half is kept offline (`defenders keys`)."""

    public_key = models.BinaryField()
    fingerprint = models.CharField(max_length=80)
    created_on = models.DateField(auto_now_add=True)
    retired_on = models.DateField(null=True, blank=True)

    objects = OfficeKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Office recovery key {self.fingerprint}"


class StaffKey(models.Model):
    """A staff member's keypair; the private key is sealed with a key derived from their password."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intake_key")
    public_key = models.BinaryField()
    wrapped_private_key = models.BinaryField()
    salt = models.BinaryField()
    created_on = models.DateField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Key of {self.user}"


class RecipientApproval(models.Model):
    """An administrator's decision that a staff member is sealed every new submission: only then may unlocking
    create their key. Revoking the key removes it; the history keeps who enabled whom, and when."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recipient_approval"
    )
    enabled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enabled_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.user} enabled as a recipient by {self.enabled_by or 'the command line'}"


class Submission(models.Model):
    class Kind(models.TextChoices):
        CONFIDENTIAL = "confidential", _("Confidential information on a defender at risk")
        GENERAL = "general", _("Information")
        MEETING = "meeting", _("Meeting request")
        CONTACT = "contact", _("Contact message")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        NEEDS_INFORMATION = "needs_information", _("Needs more information")
        ACCEPTED = "accepted", _("Accepted into a case")
        DECLINED = "declined", _("Declined")
        CLOSED = "closed", _("Closed")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    received_on = models.DateField(help_text="Day only, on purpose.")
    status_changed_on = models.DateField()
    language = models.CharField(max_length=8, default="en")
    public_key = models.BinaryField(
        help_text="The submission's own public key; its private key is only wrapped."
    )
    sealed_payload = models.BinaryField(
        help_text="The form's content, sealed to the submission's public key."
    )
    # Set only for confidential submissions, which the source follows up with a codename.
    codename_lookup = models.CharField(max_length=64, null=True, blank=True, unique=True)
    codename_hash = models.CharField(max_length=200, blank=True)
    source_public_key = models.BinaryField(null=True, blank=True)
    source_key_salt = models.BinaryField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    keep_until = models.DateField(null=True, blank=True, help_text="Retention extended by staff to this day.")

    class Meta:
        ordering = ["-received_on", "-pk"]
        permissions = [("read_submission", "Can decrypt and read submissions")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} received {self.received_on:%d %B %Y}"

    @property
    def follows_up_with_codename(self) -> bool:
        return self.codename_lookup is not None


class WrappedSubmissionKey(models.Model):
    """The submission's private key sealed to one reader: a staff member, or the office recovery key."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="wrapped_keys")
    staff_key = models.ForeignKey(StaffKey, null=True, blank=True, on_delete=models.CASCADE)
    office_key = models.ForeignKey(OfficeKey, null=True, blank=True, on_delete=models.CASCADE)
    wrapped_key = models.BinaryField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(staff_key__isnull=False, office_key__isnull=True)
                | models.Q(staff_key__isnull=True, office_key__isnull=False),
                name="wrapped_for_exactly_one_reader",
            ),
            models.UniqueConstraint(fields=["submission", "staff_key"], name="one_wrap_per_staff_key"),
            models.UniqueConstraint(fields=["submission", "office_key"], name="one_wrap_per_office_key"),
        ]

    def __str__(self) -> str:
        return f"Key of {self.submission} for {self.staff_key or self.office_key}"


class SubmissionFile(models.Model):
    """An attachment, encrypted on disk; its name, type and size are in `sealed_details`."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    stored_name = models.CharField(max_length=80, unique=True)
    sealed_details = models.BinaryField()
    added_on = models.DateField()

    def __str__(self) -> str:
        return self.stored_name


class Message(models.Model):
    """A message in the conversation between a source and the team, readable by both sides and no one else."""

    class Author(models.TextChoices):
        SOURCE = "source", "Source"
        STAFF = "staff", "Team"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    sealed_for_staff = models.BinaryField()
    sealed_for_source = models.BinaryField(null=True, blank=True)
    sent_on = models.DateField()

    class Meta:
        ordering = ["submission", "pk"]

    def __str__(self) -> str:
        return f"{self.get_author_display()} message on {self.sent_on}"


class AccessRecord(models.Model):
    """Who read or changed a submission, and when: the audit trail staff and auditors rely on."""

    class Action(models.TextChoices):
        READ = "read", _("Read")
        DOWNLOADED = "downloaded", _("Downloaded a file")
        STATUS = "status", _("Changed status")
        REPLIED = "replied", _("Replied to the source")
        EXTENDED = "extended", _("Extended retention")
        GRANTED = "granted", _("Granted access")
        RESEALED = "resealed", _("Resealed to a new recovery key")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="access_records")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=20, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return (
            f"{self.user} {self.get_action_display().lower()} {self.submission} at {self.at:%Y-%m-%d %H:%M}"
        )


class CodenameFailures(models.Model):
    """Failed codename attempts in one time window, in the database so that every worker counts the same.

    `scope` is `all` for the ceiling on every attempt together, or a keyed hash of the attempted codename's lookup
    key; never an address. Rows of past windows are deleted as new failures are counted (`intake/throttle.py`).
    """

    scope = models.CharField(max_length=32)
    window_starts = models.DateTimeField()
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "window_starts"], name="one_count_per_scope_and_window")
        ]

    def __str__(self) -> str:
        return f"{self.failures} failed codename attempts from {self.window_starts:%Y-%m-%d %H:%M}"
