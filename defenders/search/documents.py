"""What the index holds of a communication: its public text redacted exactly as the public pages show it
(publication/summary.py, so a withheld name is never findable), and its reply status. Writes in batches; an
import's new communications are indexed from memory (index_new_communications)."""

from collections.abc import Iterable, Iterator, Sequence

from django.db import transaction
from django.db.models import F, Prefetch

from defenders.cases.models import Case, CasePerson
from defenders.communications import embargo
from defenders.communications.models import Communication, CommunicationMandate, PublicVersion, Reply
from defenders.interchange.rows import insert_rows
from defenders.publication.summary import PublicSummary

from .models import IndexGeneration, ReplyStatus, SearchDocument

BATCH = 500
# Marks the engines put around matched words in snippets, and stand-ins for < and > while PostgreSQL's headline
# reads the text (its parser drops what looks like a tag); removed from indexed text so nobody can forge one.
MATCH_START, MATCH_END = "\ue000", "\ue001"
LESS_THAN, GREATER_THAN = "\ue002", "\ue003"
_MARKS = {ord(mark): " " for mark in (MATCH_START, MATCH_END, LESS_THAN, GREATER_THAN)}
# What a document holds of its communication: every column a reindex rewrites.
INDEXED_FIELDS = (
    "language",
    "title",
    "body",
    "reply_status",
    "public_from",
    "sent_on",
    "year",
    "addressee_code",
    "type",
)


def status_of(replies: Iterable[Reply]) -> str:
    """The reply status of a communication from its public replies, in the words of the list's label."""
    replies = list(replies)
    substantive = [reply for reply in replies if reply.kind == Reply.Kind.SUBSTANTIVE]
    if substantive:
        if all(reply.translation_pending for reply in substantive):
            return ReplyStatus.TRANSLATION_PENDING
        return ReplyStatus.REPLIED
    if any(reply.kind == Reply.Kind.CONFIDENTIAL for reply in replies):
        return ReplyStatus.CONFIDENTIAL
    return ReplyStatus.PROCEDURAL if replies else ReplyStatus.NONE


def _clean(text: str) -> str:
    # Four scans in C before a translation character by character: a forged mark is rare, letters are long.
    if any(mark in text for mark in (MATCH_START, MATCH_END, LESS_THAN, GREATER_THAN)):
        return text.translate(_MARKS)
    return text


def document_for(communication: Communication) -> SearchDocument:
    """The index row of one communication (with its replies, cases and mandate links prefetched or not)."""
    summary = PublicSummary(communication, replies=communication.replies.all())
    sections = [summary.topic, summary.background, summary.allegations, summary.concerns, summary.update]
    sections.append(summary.full_text)
    sections += summary.public_reply_texts()
    return SearchDocument(
        communication=communication,
        language=communication.language,
        title=_clean(summary.title),
        body=_clean("\n\n".join(section for section in sections if section)),
        reply_status=status_of(summary.replies),
        # The communications app refreshes exposes_withheld_name in its own receivers, which run first (it
        # comes before this app in INSTALLED_APPS), so the moment read here follows the stored flag.
        public_from=embargo.public_from(communication),
        sent_on=communication.sent_on,
        year=communication.sent_on.year if communication.sent_on else None,
        addressee_code=communication.addressee.code if communication.addressee_id else "",
        type=communication.type,
    )


def _with_relations(communications):
    return communications.select_related("addressee").prefetch_related(
        Prefetch("mandate_links", queryset=CommunicationMandate.objects.select_related("mandate")),
        "replies",
        Prefetch("cases__caseperson_set", queryset=CasePerson.objects.select_related("person")),
    )


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def index_communications(ids: Iterable[int]) -> int:
    """Bring the index rows of these communications in step with them (a gone one loses its row)."""
    ids = sorted(set(ids))
    written = 0
    for batch in _batches(ids):
        with transaction.atomic():
            communications = list(_with_relations(Communication.objects.filter(pk__in=batch)))
            SearchDocument.objects.filter(pk__in=set(batch) - {c.pk for c in communications}).delete()
            documents = [document_for(communication) for communication in communications]
            SearchDocument.objects.bulk_create(
                documents,
                update_conflicts=True,
                unique_fields=["communication"],
                update_fields=list(INDEXED_FIELDS),
            )
            written += len(documents)
            advance_generation()
    return written


def index_new_communications(communications: Sequence[Communication]) -> int:
    """Write the index rows of communications just created, built from the instances as given, without a query:
    each must hold its replies, mandate links and cases (with their person links) in its prefetch cache, as
    `with_relations_in_memory` leaves them. One batched INSERT per BATCH rows; the engines' triggers fill the
    text index (the FTS5 table, the tsvector column) in the same statement."""
    for batch in _slices(communications):
        # Prepared rows in one executemany: bulk_create compiles SQL for every row, as much as FTS5's own work.
        insert_rows(SearchDocument, map(document_for, batch), instances=True)
    if communications:
        advance_generation()
    return len(communications)


def with_relations_in_memory(
    communication: Communication,
    *,
    replies: list[Reply],
    mandate_links: list[CommunicationMandate],
    cases: list[Case],
    public_versions: list[PublicVersion],
) -> Communication:
    """Give a new communication's relations to its prefetch cache, as prefetch_related would after reading them
    (each case with its person links in its own cache, each link with its person). Lists stand in for the
    querysets: document_for and the exposure check only iterate them and count them."""
    communication._prefetched_objects_cache = {  # type: ignore[attr-defined]
        "replies": replies,
        "mandate_links": mandate_links,
        "cases": cases,
        "public_versions": public_versions,
    }
    return communication


def _slices(communications: Sequence[Communication]) -> Iterator[Sequence[Communication]]:
    for start in range(0, len(communications), BATCH):
        yield communications[start : start + BATCH]


def advance_generation() -> None:
    """Mark every count cached so far as stale (see IndexGeneration)."""
    if not IndexGeneration.objects.filter(pk=1).update(number=F("number") + 1):
        IndexGeneration.objects.get_or_create(pk=1, defaults={"number": 1})


def current_generation() -> int:
    return IndexGeneration.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def reindex_all() -> int:
    """Rebuild the whole index from the communications (`defenders reindex`)."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
    ids = list(Communication.objects.order_by("pk").values_list("pk", flat=True))
    return index_communications(ids)
