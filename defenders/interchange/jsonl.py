"""Export every communication as JSON Lines, and import such a file as one all-or-nothing upsert."""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from defenders.cases.models import Case, CasePerson
from defenders.communications.models import Communication, CommunicationMandate, PublicVersion, Reply
from defenders.core.events import communications_imported

from .bulk import BATCH_SIZE, BatchWriter, compress_quickly
from .records import CommunicationRecord, MandateIndex, RecordError, read_record
from .upsert import sync_follow_ups


class ImportFailure(Exception):
    def __init__(self, line_number: int, field: str, reason: str):
        super().__init__(f"line {line_number}: {field}: {reason}")
        self.line_number = line_number
        self.field = field
        self.reason = reason


# Export


def export_record(communication: Communication) -> dict[str, Any]:
    persons: dict[str, dict[str, Any]] = {}
    # Read through the relations, so that export_lines prefetches them for a whole chunk.
    links = (link for case in communication.cases.all() for link in case.caseperson_set.all())
    for link in links:
        entry = persons.setdefault(
            link.person.name, {"name": link.person.name, "named_to_addressee": True, "named_in_public": True}
        )
        # A person in several cases may be named only as far as every case allows.
        entry["named_to_addressee"] &= link.consents_to_naming_to_addressee
        entry["named_in_public"] &= link.consents_to_naming_in_public
    record: dict[str, Any] = {
        "id": str(communication.uid),
        "reference": communication.reference,
        "legacy_reference": communication.legacy_reference,
        "type": communication.type,
        "addressee": {
            "code": communication.addressee.code,
            "name": communication.addressee.name,
            "kind": communication.addressee.kind,
        },
        "copied": sorted(addressee.code for addressee in communication.copied.all()),
        "sent_on": communication.sent_on.isoformat() if communication.sent_on else None,
        "language": communication.language,
        "title": communication.title,
        "topic": communication.topic,
        "summary": {
            "background": communication.background,
            "allegations": communication.allegations,
            "concerns": communication.concerns,
            "update": communication.update,
        },
        "full_text": communication.full_text,
        "mandates": [
            {"name": link.mandate.name, "short_name": link.mandate.short_name, "lead": link.is_lead}
            for link in sorted(communication.mandate_links.all(), key=lambda link: link.order)
        ],
        "replies": [
            {
                "id": str(reply.uid),
                "received_on": reply.received_on.isoformat(),
                "kind": reply.kind,
                "language": reply.language,
                "translation_pending": reply.translation_pending,
                "summary": reply.summary,
            }
            for reply in sorted(communication.replies.all(), key=lambda reply: (reply.received_on, reply.pk))
        ],
        "themes": sorted(theme.name for theme in communication.themes.all()),
        "persons": sorted(persons.values(), key=lambda person: person["name"]),
        "follows_up": sorted(follow_up_name(earlier) for earlier in communication.follows_up.all()),
        "withheld": communication.withheld,
        "withheld_reason": communication.withheld_reason,
    }
    # Written only where there are some: a record without the key leaves the recorded versions as they are.
    versions = sorted(communication.public_versions.all(), key=lambda version: version.language)
    if versions:
        record["public_versions"] = [
            {name: getattr(version, name) for name in _VERSION_FIELDS} for version in versions
        ]
    return record


def follow_up_name(communication: Communication) -> str:
    """How a line names a communication it follows up: the reference, else the legacy reference, else the id."""
    return communication.reference or communication.legacy_reference or str(communication.uid)


EXPORT_CHUNK = 500
# A public version's fields in a record, in export_record's words.
_VERSION_FIELDS = ("language", "is_original", "title", "topic", "background", "allegations", "concerns")
# The communication's own columns an exported record reads, in the order _ExportChunk.record unpacks them.
_EXPORTED_COLUMNS = (
    "pk",
    "uid",
    "reference",
    "legacy_reference",
    "type",
    "addressee__code",
    "addressee__name",
    "addressee__kind",
    "sent_on",
    "language",
    "title",
    "topic",
    "background",
    "allegations",
    "concerns",
    "update",
    "full_text",
    "withheld",
    "withheld_reason",
)


def exported_communications() -> QuerySet[Communication]:
    """Every communication with what export_record reads prefetched (export_lines reads the same as values)."""
    return (
        Communication.objects.select_related("addressee")
        .prefetch_related(
            Prefetch("mandate_links", queryset=CommunicationMandate.objects.select_related("mandate")),
            "replies",
            "copied",
            "themes",
            "follows_up",
            "public_versions",
            Prefetch(
                "cases",
                queryset=Case.objects.prefetch_related(
                    Prefetch("caseperson_set", queryset=CasePerson.objects.select_related("person"))
                ),
            ),
        )
        .order_by("sent_on", "created_at", "pk")
    )


class _ExportChunk:
    """The related rows of a chunk of communications, read as plain values in one query per relation (model
    instances and per-row prefetch querysets cost more than the database's work at 200,000)."""

    def __init__(self, pks: list[int]) -> None:
        self.mandates: dict[int, list[dict[str, Any]]] = {}
        links = CommunicationMandate.objects.filter(communication_id__in=pks).order_by(
            "communication", "order"
        )
        for pk, name, short_name, lead in links.values_list(
            "communication_id", "mandate__name", "mandate__short_name", "is_lead"
        ):
            self.mandates.setdefault(pk, []).append({"name": name, "short_name": short_name, "lead": lead})
        self.replies: dict[int, list[dict[str, Any]]] = {}
        replies = Reply.objects.filter(communication_id__in=pks).order_by(
            "communication", "received_on", "pk"
        )
        for pk, uid, received_on, kind, language, pending, summary in replies.values_list(
            "communication_id", "uid", "received_on", "kind", "language", "translation_pending", "summary"
        ):
            self.replies.setdefault(pk, []).append(
                {
                    "id": str(uid),
                    "received_on": received_on.isoformat(),
                    "kind": kind,
                    "language": language,
                    "translation_pending": pending,
                    "summary": summary,
                }
            )
        self.copied = self._lists(
            Communication.copied.through.objects.filter(communication_id__in=pks).values_list(
                "communication_id", "addressee__code"
            )
        )
        self.themes = self._lists(
            Communication.themes.through.objects.filter(communication_id__in=pks).values_list(
                "communication_id", "theme__name"
            )
        )
        self.follows_up: dict[int, list[str]] = {}
        earlier = Communication.follows_up.through.objects.filter(from_communication_id__in=pks)
        for pk, reference, legacy, uid in earlier.values_list(
            "from_communication_id",
            "to_communication__reference",
            "to_communication__legacy_reference",
            "to_communication__uid",
        ):
            self.follows_up.setdefault(pk, []).append(reference or legacy or str(uid))
        self.persons: dict[int, dict[str, dict[str, Any]]] = {}
        case_persons = CasePerson.objects.filter(case__communications__in=pks)
        for pk, name, to_addressee, in_public in case_persons.values_list(
            "case__communications",
            "person__name",
            "consents_to_naming_to_addressee",
            "consents_to_naming_in_public",
        ):
            entry = self.persons.setdefault(pk, {}).setdefault(
                name, {"name": name, "named_to_addressee": True, "named_in_public": True}
            )
            # A person in several cases may be named only as far as every case allows.
            entry["named_to_addressee"] &= to_addressee
            entry["named_in_public"] &= in_public
        self.versions: dict[int, list[dict[str, Any]]] = {}
        versions = PublicVersion.objects.filter(communication_id__in=pks).order_by(
            "communication", "language"
        )
        for pk, *values in versions.values_list("communication_id", *_VERSION_FIELDS):
            self.versions.setdefault(pk, []).append(dict(zip(_VERSION_FIELDS, values, strict=True)))

    @staticmethod
    def _lists(pairs: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
        lists: dict[int, list[str]] = {}
        for pk, value in pairs:
            lists.setdefault(pk, []).append(value)
        return lists

    def record(self, row: tuple[Any, ...]) -> dict[str, Any]:
        """The record of one communication, as export_record writes it."""
        (pk, uid, reference, legacy_reference, type_, code, name, kind, sent_on, language, title, topic) = (
            row[:12]
        )
        background, allegations, concerns, update, full_text, withheld, withheld_reason = row[12:]
        record = {
            "id": str(uid),
            "reference": reference,
            "legacy_reference": legacy_reference,
            "type": type_,
            "addressee": {"code": code, "name": name, "kind": kind},
            "copied": sorted(self.copied.get(pk, [])),
            "sent_on": sent_on.isoformat() if sent_on else None,
            "language": language,
            "title": title,
            "topic": topic,
            "summary": {
                "background": background,
                "allegations": allegations,
                "concerns": concerns,
                "update": update,
            },
            "full_text": full_text,
            "mandates": self.mandates.get(pk, []),
            "replies": self.replies.get(pk, []),
            "themes": sorted(self.themes.get(pk, [])),
            "persons": sorted(self.persons.get(pk, {}).values(), key=lambda person: person["name"]),
            "follows_up": sorted(self.follows_up.get(pk, [])),
            "withheld": withheld,
            "withheld_reason": withheld_reason,
        }
        # As export_record: the key only where there are versions.
        if pk in self.versions:
            record["public_versions"] = self.versions[pk]
        return record


def export_lines() -> Iterator[str]:
    """Every communication as a line (export_record's record), read a chunk at a time: memory stays flat
    however many there are."""
    rows = (
        Communication.objects.order_by("sent_on", "created_at", "pk")
        .values_list(*_EXPORTED_COLUMNS)
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == EXPORT_CHUNK:
            yield from _chunk_lines(chunk)
            chunk = []
    yield from _chunk_lines(chunk)


def _chunk_lines(chunk: list[tuple[Any, ...]]) -> Iterator[str]:
    if not chunk:
        return
    related = _ExportChunk([row[0] for row in chunk])
    for row in chunk:
        yield json.dumps(related.record(row), ensure_ascii=False, sort_keys=True)


# Import


# A record nests three deep (the line, its mandates, one mandate); anything far deeper is not a record.
MAX_NESTING = 10
MAX_LINE_BYTES = 8 * 1024 * 1024


class _NotStandardJSON(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotStandardJSON(name)


def _nesting(value: Any) -> int:
    """How deeply arrays and objects nest in a decoded line, counted without recursion."""
    if not isinstance(value, dict | list):
        return 0
    deepest, pending = 1, [(value, 1)]
    while pending and deepest <= MAX_NESTING:
        item, depth = pending.pop()
        if depth > deepest:
            deepest = depth
        # Only containers are visited: a record's strings, its bulk, are passed over.
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, dict | list):
                pending.append((child, depth + 1))
    return deepest


def _line_text(line_number: int, line: str | bytes) -> str:
    if len(line) > MAX_LINE_BYTES:
        raise ImportFailure(line_number, "(line)", f"is longer than {MAX_LINE_BYTES // (1024 * 1024)} MiB")
    if isinstance(line, str):
        return line.removeprefix("\ufeff") if line_number == 1 else line
    if line_number == 1:
        line = line.removeprefix(b"\xef\xbb\xbf")  # a byte order mark, as some editors write
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFailure(
            line_number,
            "(line)",
            f"is not valid UTF-8 (byte 0x{line[error.start]:02x} at byte {error.start + 1}); "
            "save the file as UTF-8",
        ) from None


def _decoded(line_number: int, text: str) -> Any:
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ImportFailure(
            line_number, "(line)", f"invalid JSON: {error.msg} at column {error.colno}"
        ) from None
    except _NotStandardJSON as error:
        raise ImportFailure(line_number, "(line)", f"invalid JSON: {error} is not a JSON number") from None
    except ValueError:  # Python refuses to read integers of more than 4300 digits
        raise ImportFailure(line_number, "(line)", "holds a number with thousands of digits") from None
    except RecursionError:
        raise ImportFailure(line_number, "(line)", f"nests deeper than {MAX_NESTING} levels") from None
    if _nesting(data) > MAX_NESTING:
        raise ImportFailure(line_number, "(line)", f"nests deeper than {MAX_NESTING} levels")
    return data


def read_lines(
    lines: Iterable[str | bytes], mandates: MandateIndex | None = None
) -> Iterator[tuple[int, CommunicationRecord | ImportFailure]]:
    """Decode and validate line after line (text, or bytes read as UTF-8): each record, or why its line is not one."""
    mandates = mandates or MandateIndex()
    for line_number, line in enumerate(lines, start=1):
        try:
            text = _line_text(line_number, line)
            if not text.strip():
                continue
            data = _decoded(line_number, text)
            yield line_number, read_record(data, mandates)
        except ImportFailure as failure:
            yield line_number, failure
        except RecordError as error:
            yield line_number, ImportFailure(line_number, error.field, error.reason)


@dataclass
class ImportReport:
    """What an import did: its counts, the lines it skipped (with --skip-invalid) and the communications it wrote."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[ImportFailure] = field(default_factory=list)
    written_ids: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def import_lines(lines: Iterable[str | bytes]) -> dict[str, int]:
    """Import every line in one transaction; the first bad line stops it and nothing is written."""
    return import_stream(lines).counts()


def import_stream(
    lines: Iterable[str | bytes], *, skip_invalid: bool = False, batch_size: int = BATCH_SIZE
) -> ImportReport:
    """Read the lines as a stream and write them batch by batch, in one transaction: all or nothing, unless
    `skip_invalid`, which writes every good line and lists the bad ones in the report.

    Follow-ups are linked in a second pass, once every line is written: a line may follow up a communication
    already in the database, or one that any line of the file describes, before or after it. Each batch leaves
    the search index in step with what it wrote; the `communications_imported` signal names every communication
    written, once the transaction commits."""
    report = ImportReport()
    follow_ups: list[tuple[int, list[str], int, str]] = []  # line, names, communication pk, outcome

    def refuse(failure: ImportFailure) -> None:
        if not skip_invalid:
            raise failure
        report.skipped.append(failure)

    with transaction.atomic():
        compress_quickly()
        writer = BatchWriter()
        batch: list[tuple[int, CommunicationRecord]] = []

        def flush() -> None:
            result = writer.write(batch)
            for line_number, error in sorted(result.failures, key=lambda failure: failure[0]):
                refuse(ImportFailure(line_number, error.field, error.reason))
            records = dict(batch)
            for line_number, outcome, pk in result.outcomes:
                setattr(report, outcome, getattr(report, outcome) + 1)
                if outcome != "unchanged":
                    report.written_ids.append(pk)
                names = records[line_number].follows_up
                if names is not None:
                    follow_ups.append((line_number, names, pk, outcome))
            batch.clear()

        for line_number, read in read_lines(lines):
            if isinstance(read, ImportFailure):
                refuse(read)
                continue
            batch.append((line_number, read))
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        writer.counters.store()
        for _line, changed_pk, outcome in _link_follow_ups(follow_ups, refuse):
            report.written_ids.append(changed_pk)
            if outcome == "unchanged":
                report.unchanged -= 1
                report.updated += 1
        written = sorted(set(report.written_ids))
        report.written_ids = written
        if written:
            # The index rows were written with the batches (`indexed`): listeners keep the rest in step.
            transaction.on_commit(
                lambda: communications_imported.send(sender=None, ids=written, indexed=True)
            )
    report.skipped.sort(key=lambda failure: failure.line_number)
    return report


def _link_follow_ups(
    follow_ups: list[tuple[int, list[str], int, str]], refuse: Callable[[ImportFailure], None]
) -> Iterator[tuple[int, int, str]]:
    """Set the follow-ups of each line that lists them; yields (line, pk, outcome) for each whose list changed.

    An empty list that is already empty (every line of an export without follow-ups) is checked in bulk."""
    for start in range(0, len(follow_ups), BATCH_SIZE):
        chunk = follow_ups[start : start + BATCH_SIZE]
        with_links = set(
            Communication.follows_up.through.objects.filter(
                from_communication_id__in=[pk for _, names, pk, _ in chunk if not names]
            ).values_list("from_communication_id", flat=True)
        )
        to_check = [entry for entry in chunk if entry[1] or entry[2] in with_links]
        communications = Communication.objects.select_related("addressee").in_bulk(
            [pk for _, _, pk, _ in to_check]
        )
        for line_number, names, pk, outcome in to_check:
            try:
                with transaction.atomic():
                    changed = sync_follow_ups(communications[pk], names)
            except RecordError as error:
                refuse(ImportFailure(line_number, error.field, error.reason))
                continue
            if changed:
                yield line_number, pk, outcome
