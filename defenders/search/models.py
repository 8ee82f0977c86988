"""The search index: one row per communication with its public text, redacted as the public pages redact it.

The engines' own index (an FTS5 table on SQLite, a tsvector column with GIN on PostgreSQL) is kept in step with
this table by triggers (migrations 0002), so that every write here, one row or a bulk upsert, reaches it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from defenders.communications.models import Communication


class ReplyStatus(models.TextChoices):
    NONE = "none", _("No reply")
    REPLIED = "replied", _("Replied")
    PROCEDURAL = "procedural", _("Procedural reply only")
    CONFIDENTIAL = "confidential", _("Replied (confidential)")
    TRANSLATION_PENDING = "translation_pending", _("Replied (translation pending)")


class SearchDocument(models.Model):
    """What the text search reads of one communication. Which communications a search may return is never
    decided here: every query intersects with `Communication.objects.public()`."""

    communication = models.OneToOneField(
        Communication, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    # The document's language picks the stemming configuration on PostgreSQL.
    language = models.CharField(max_length=2, default="en")
    title = models.TextField(blank=True, help_text="The public title, redacted.")
    body = models.TextField(
        blank=True,
        help_text="Topic, public sections, full letter and public reply summaries, redacted.",
    )
    reply_status = models.CharField(
        max_length=20, choices=ReplyStatus.choices, default=ReplyStatus.NONE, db_index=True
    )

    def __str__(self) -> str:
        return f"search document of {self.communication_id}"


class IndexGeneration(models.Model):
    """A number that every change to the index raises: cached facet counts are keyed by it (and by the day,
    since the publication rule moves by days), so a cache never outlives the index it was counted on."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"search index generation {self.number}"
