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


FACET_COLUMNS = ["public_from", "addressee_code", "year", "type", "reply_status", "language"]


class SearchDocument(models.Model):
    """What the search reads of one communication: its public text, and the columns every filter, facet count
    and order reads (copied from the communication, so that counting needs no join). `public_from` is
    embargo.public_from() of the communication, null while it cannot be public: every query filters on
    `public_from <= now`, and the hits shown pass `Communication.objects.public()` as well."""

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
    reply_status = models.CharField(max_length=20, choices=ReplyStatus.choices, default=ReplyStatus.NONE)
    public_from = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The year of sending.")
    addressee_code = models.CharField(max_length=3, blank=True)
    type = models.CharField(max_length=2, blank=True)

    class Meta:
        # Each index carries every column a filter, a count or the order reads, so that no query reads the wide
        # row (on SQLite, the columns after the text sit behind the text's overflow pages).
        indexes = [
            # The join from the text index's matches.
            # public_from second: the range on it makes this index the planner's choice over the primary key's.
            models.Index(fields=["communication", *FACET_COLUMNS, "sent_on"], name="search_doc_facets"),
            # The list's order, newest first (read backwards), and counts of everything public.
            models.Index(fields=["sent_on", "communication", *FACET_COLUMNS], name="search_doc_date"),
            # A search by addressee, the most chosen facet, in the same order.
            models.Index(
                fields=["addressee_code", "sent_on", "communication", *FACET_COLUMNS[:1], *FACET_COLUMNS[2:]],
                name="search_doc_addressee",
            ),
        ]

    def __str__(self) -> str:
        return f"search document of {self.communication_id}"


class IndexGeneration(models.Model):
    """A number that every change to the index raises: cached facet counts are keyed by it (and by the day,
    since the publication rule moves by days), so a cache never outlives the index it was counted on."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"search index generation {self.number}"
