"""Write a batch of validated records in a handful of queries: new communications by bulk inserts (creation.py),
records whose text alone changed by one bulk update, unchanged ones not at all; anything else goes through the
actions one by one (upsert.py). Every written row leaves its history row, with the reason the actions would give,
and the search index row of every communication written is in step when the batch ends."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from simple_history.utils import bulk_update_with_history

from defenders.addressees.models import Addressee
from defenders.cases.models import Theme
from defenders.clock import office_now
from defenders.communications import actions
from defenders.communications.exposure import refresh_exposure
from defenders.communications.models import (
    Communication,
    CommunicationMandate,
    ReferenceCounter,
    Reply,
)
from defenders.core.slugs import free_slug
from defenders.search.documents import index_communications

from .creation import (
    REPLY_VALUES,
    NewRecord,
    SignatoryStandIns,
    build_relations,
    insert_new,
    persons_fit_the_bulk_path,
)
from .creation import wanted_signatories as _wanted_signatories
from .records import CommunicationRecord, RecordError
from .rows import INSERT_ROWS, stored_keys
from .upsert import IMPORTED, record_content, upsert

BATCH_SIZE = 1000
CONTENT_FIELDS = actions.CONTENT_FIELDS


@dataclass
class BatchResult:
    outcomes: list[tuple[int, str, int]] = field(default_factory=list)  # line, outcome, communication pk
    failures: list[tuple[int, RecordError]] = field(default_factory=list)


@dataclass
class _Related:
    """What is stored around the communications a batch names, read in four queries for the whole batch."""

    signatories: dict[int, list[tuple[int, int, bool]]]
    replies: dict[int, list[Reply]]
    copied: dict[int, list[str]]
    themes: dict[int, list[str]]

    @classmethod
    def of(cls, pks: list[int]) -> "_Related":
        related = cls({}, {}, {}, {})
        links = CommunicationMandate.objects.filter(communication_id__in=pks).order_by("order")
        for pk, mandate, order, lead in links.values_list(
            "communication_id", "mandate_id", "order", "is_lead"
        ):
            related.signatories.setdefault(pk, []).append((mandate, order, lead))
        for reply in Reply.objects.filter(communication_id__in=pks).order_by("received_on", "pk"):
            related.replies.setdefault(reply.communication_id, []).append(reply)
        copied = Communication.copied.through.objects.filter(communication_id__in=pks)
        for pk, code in copied.values_list("communication_id", "addressee__code"):
            related.copied.setdefault(pk, []).append(code)
        themes = Communication.themes.through.objects.filter(communication_id__in=pks)
        for pk, name in themes.values_list("communication_id", "theme__name"):
            related.themes.setdefault(pk, []).append(name)
        return related


def _replies_as_recorded(existing: list[Reply], record: CommunicationRecord) -> bool:
    """Whether importing the record's replies would change nothing (the matching of upsert._sync_replies)."""
    kept: set[int] = set()
    for wanted in record.replies:
        match = next((r for r in existing if wanted.id is not None and r.uid == wanted.id), None) or next(
            (
                r
                for r in existing
                if r.pk not in kept and r.received_on == wanted.received_on and r.kind == wanted.kind
            ),
            None,
        )
        if match is None or any(getattr(match, name) != getattr(wanted, name) for name in REPLY_VALUES):
            return False
        kept.add(match.pk)
    return len(kept) == len(existing)


def _only_text_differs(
    communication: Communication, record: CommunicationRecord, addressee: Addressee, related: _Related
) -> bool:
    """Whether everything but the text is as recorded, so that a plain update of the text is the whole import."""
    if record.sent_on is None:
        sending_as_recorded = communication.sent_on is None and not record.reference
    else:
        sending_as_recorded = (communication.sent_on, communication.reference) == (
            record.sent_on,
            record.reference,
        )
    if record.withheld:
        withholding_as_recorded = (
            communication.withheld and communication.withheld_reason == record.withheld_reason
        )
    else:
        withholding_as_recorded = not communication.withheld
    pk = communication.pk
    return (
        sending_as_recorded
        and withholding_as_recorded
        # A new type, addressee or legacy reference renumbers or readdresses: the actions decide.
        and (communication.type, communication.addressee_id, communication.legacy_reference)
        == (record.type, addressee.pk, record.legacy_reference)
        and related.signatories.get(pk, []) == _wanted_signatories(record)
        and _replies_as_recorded(related.replies.get(pk, []), record)
        and sorted(related.copied.get(pk, [])) == sorted(record.copied)
        and sorted(related.themes.get(pk, [])) == sorted(record.themes)
        and not record.persons
        and record.public_versions is None
    )


def _new_record_problem(record: CommunicationRecord) -> RecordError | None:
    """What upsert would refuse in a new record, found without writing it (the words of the actions)."""
    if record.sent_on is None and record.reference:
        return RecordError("sent_on", "is required with a reference: references are given on sending")
    for reply in record.replies:
        if record.sent_on is None:
            return RecordError("(record)", "A reply can only be recorded for a communication that was sent.")
        if reply.received_on < record.sent_on:
            return RecordError("(record)", "A reply cannot be received before the communication was sent.")
    return None


class BatchWriter:
    """Writes the batches of one import; remembers what the earlier batches wrote and the rows it looked up."""

    def __init__(self) -> None:
        # Every stored addressee in one query, under the key find_or_create looks it up by (a State by its
        # code, another by its kind and name): a few hundred rows, where one query each cost as many queries.
        self.addressees: dict[tuple[str, str], Addressee] = {
            (addressee.kind, addressee.code if addressee.is_state else addressee.name): addressee
            for addressee in Addressee.objects.all()
        }
        self.themes: dict[str, Theme] = {theme.name: theme for theme in Theme.objects.all()}
        self.written: dict[int, int] = {}  # communication pk -> the line that wrote it
        self.counters = Counters()
        self.signatory_stand_ins = SignatoryStandIns()

    def addressee(self, record: CommunicationRecord) -> Addressee:
        wanted = record.addressee
        key = (wanted["kind"], wanted["code"] if wanted["kind"] == Addressee.Kind.STATE else wanted["name"])
        if key not in self.addressees:
            self.addressees[key] = Addressee.find_or_create(**wanted)
        return self.addressees[key]

    def write(self, batch: list[tuple[int, CommunicationRecord]]) -> BatchResult:
        result = BatchResult()
        stored = self._stored(record for _, record in batch)
        related = _Related.of([communication.pk for communication in stored])
        by_uid = {c.uid: c for c in stored}
        by_reference = {c.reference: c for c in stored if c.reference}
        by_legacy: dict[str, Communication] = {}
        for communication in sorted(
            stored, key=lambda c: (c.sent_on or date.min, c.created_at), reverse=True
        ):
            by_legacy.setdefault(communication.legacy_reference, communication)
        # Keys of the records this batch creates, with their lines: a later line naming one describes it again.
        new_keys: dict[object, int] = {}
        fresh: list[NewRecord] = []
        changed_text: list[tuple[int, Communication]] = []
        for line_number, record in batch:
            try:
                addressee = self.addressee(record)
                found, earlier_line = self._find(record, by_uid, by_reference, by_legacy, new_keys)
                if earlier_line is not None:
                    raise RecordError("reference", f"describes the same communication as line {earlier_line}")
                if found is not None and found.pk in self.written:
                    raise RecordError(
                        "reference", f"describes the same communication as line {self.written[found.pk]}"
                    )
            except RecordError as error:
                result.failures.append((line_number, error))
                continue
            if found is None and persons_fit_the_bulk_path(record):
                problem = _new_record_problem(record)
                if problem is not None:
                    result.failures.append((line_number, problem))
                    continue
                communication = actions.unsaved_imported_communication(
                    uid=record.id,
                    sent_on=record.sent_on,
                    reference=record.reference,
                    withheld=record.withheld,
                    withheld_reason=record.withheld_reason,
                    **record_content(record, addressee),
                )
                fresh.append(NewRecord(line_number, record, communication))
                for key in (
                    ("uid", record.id),
                    ("reference", record.reference),
                    ("legacy", record.legacy_reference),
                ):
                    if key[1]:
                        new_keys.setdefault(key, line_number)
            elif found is not None and _only_text_differs(found, record, addressee, related):
                content = record_content(record, addressee)
                if all(getattr(found, name) == value for name, value in content.items()):
                    self.written[found.pk] = line_number
                    result.outcomes.append((line_number, "unchanged", found.pk))
                else:
                    for name, value in content.items():
                        setattr(found, name, value)
                    changed_text.append((line_number, found))
                    self.written[found.pk] = line_number
            else:
                self._one_by_one(line_number, record, result)
        self._create(self._without_clashes(fresh, result), result)
        self._update_text(changed_text, result)
        # Those written one by one were indexed by the search app's receivers as the actions saved them.
        return result

    def _stored(self, records: Iterable[CommunicationRecord]) -> list[Communication]:
        uids, references, legacies = set(), set(), set()
        for record in records:
            if record.id:
                uids.add(record.id)
            if record.reference:
                references.add(record.reference)
            if record.legacy_reference:
                legacies.add(record.legacy_reference)
        if not (uids or references or legacies):
            return []
        # Each term is answered by its own index (the reference's is partial: its condition is repeated).
        return list(
            Communication.objects.filter(
                Q(uid__in=uids)
                | (Q(reference__in=references) & ~Q(reference=""))
                | Q(legacy_reference__in=legacies)
            )
            .select_related("addressee")
            .order_by()
        )

    @staticmethod
    def _find(
        record: CommunicationRecord,
        by_uid: dict,
        by_reference: dict,
        by_legacy: dict,
        new_keys: dict[object, int],
    ) -> tuple[Communication | None, int | None]:
        """The stored communication the record describes, or the earlier line of this batch that creates it:
        by id, else by reference, else by legacy reference, as upsert._find looks."""
        for kind, value, stored in (
            ("uid", record.id, by_uid),
            ("reference", record.reference, by_reference),
            ("legacy", record.legacy_reference, by_legacy),
        ):
            if not value:
                continue
            if value in stored:
                return stored[value], None
            if (kind, value) in new_keys:
                return None, new_keys[(kind, value)]
        return None, None

    def _one_by_one(self, line_number: int, record: CommunicationRecord, result: BatchResult) -> None:
        try:
            with transaction.atomic():
                outcome, communication = upsert(record)
                if communication.pk in self.written:
                    raise RecordError(
                        "reference",
                        f"describes the same communication as line {self.written[communication.pk]}",
                    )
        except RecordError as error:
            result.failures.append((line_number, error))
            return
        except IntegrityError as error:
            result.failures.append(
                (line_number, RecordError("reference", f"conflicts with another record ({error})"))
            )
            return
        self.written[communication.pk] = line_number
        result.outcomes.append((line_number, outcome, communication.pk))

    def _without_clashes(self, fresh: list[NewRecord], result: BatchResult) -> list[NewRecord]:
        """Drop (as failures) the new records whose public address, reference number or reply id is taken."""
        slugs = {new.communication.slug for new in fresh}
        taken_slugs = set(Communication.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        numbered = [new.communication for new in fresh if new.communication.reference_number is not None]
        # Read through the unique index on the three: IN lists on each column alone would match every
        # communication of every code, year and number named, most of the table at 200,000.
        taken_numbers = stored_keys(
            Communication,
            ("reference_code", "reference_year", "reference_number"),
            {(c.reference_code, c.reference_year, c.reference_number) for c in numbered},
        )
        reply_uids = {reply.id for new in fresh for reply in new.record.replies if reply.id}
        taken_replies = set(Reply.objects.filter(uid__in=reply_uids).values_list("uid", flat=True))
        kept: list[NewRecord] = []
        for new in fresh:
            communication = new.communication
            number = (
                communication.reference_code,
                communication.reference_year,
                communication.reference_number,
            )
            replies = [reply.id for reply in new.record.replies if reply.id]
            if communication.slug in taken_slugs:
                reason = f"conflicts with another record (its public address {communication.slug} is taken)"
            elif communication.reference_number is not None and number in taken_numbers:
                reason = f"conflicts with another record (the number of {communication.reference} is taken)"
            elif any(uid in taken_replies for uid in replies) or len(set(replies)) != len(replies):
                reason = "conflicts with another record (a reply id is taken)"
            else:
                taken_slugs.add(communication.slug)
                if communication.reference_number is not None:
                    taken_numbers.add(number)
                taken_replies.update(replies)
                kept.append(new)
                continue
            result.failures.append((new.line, RecordError("reference", reason)))
        return kept

    def _create(self, fresh: list[NewRecord], result: BatchResult) -> None:
        if not fresh:
            return
        themes = self._themes({name for new in fresh for name in new.record.themes})
        build_relations(fresh, lambda new: self.addressee(new.record), self.signatory_stand_ins)
        try:
            with transaction.atomic():
                insert_new(fresh, themes, self.state)
                self.counters.reach(new.communication for new in fresh)
        except IntegrityError:
            # A clash the checks above did not foresee: each record again, alone, so that the line is known.
            for new in fresh:
                self._one_by_one(new.line, new.record, result)
            return
        for new in fresh:
            self.written[new.communication.pk] = new.line
            result.outcomes.append((new.line, "created", new.communication.pk))

    def _themes(self, names: set[str]) -> dict[str, Theme]:
        for name in sorted(names - set(self.themes)):
            self.themes[name] = Theme.objects.create(
                name=name, slug=free_slug(name, Theme.objects.all(), fallback="theme")
            )
        return self.themes

    def state(self, code: str) -> Addressee:
        if ("state", code) not in self.addressees:
            self.addressees[("state", code)] = Addressee.state(code)
        return self.addressees[("state", code)]

    def _update_text(self, changed: list[tuple[int, Communication]], result: BatchResult) -> None:
        if not changed:
            return
        now = office_now()
        communications = [communication for _, communication in changed]
        for communication in communications:
            communication.updated_at = now
        bulk_update_with_history(
            communications,
            Communication,
            fields=[*CONTENT_FIELDS, "updated_at"],
            batch_size=INSERT_ROWS,
            default_change_reason=IMPORTED.stored(),
        )
        # save() would have refreshed it: a new text may show a name withheld in one of the cases.
        refresh_exposure(
            Communication.objects.filter(
                pk__in=[c.pk for c in communications], cases__isnull=False
            ).distinct()
        )
        # And the search index: a bulk update sends no post_save. A fixed number of queries per 500.
        index_communications(communication.pk for communication in communications)
        result.outcomes.extend(
            (line_number, "updated", communication.pk) for line_number, communication in changed
        )


def compress_quickly() -> None:
    """On PostgreSQL, compress the long texts the rest of the transaction writes (letters, their history rows and
    index rows) with lz4 where the server has it: pglz took about a third of a millisecond of the server's time
    for each text of a letter's length, lz4 a tenth. Both are read alike; nothing else changes."""
    if server_has_lz4():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL default_toast_compression = 'lz4'")


def server_has_lz4() -> bool:
    """Whether the database is a PostgreSQL built with lz4 (Debian's is; a server built without it has pglz only)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        return cursor.fetchone() is not None


class Counters:
    """Numbering continues after the highest imported reference of each addressee code and year, as record_sent
    makes it one letter at a time with ReferenceCounter.reach: gathered over the whole import, stored at its end."""

    def __init__(self) -> None:
        self.highest: dict[tuple[str, int], int] = {}

    def reach(self, communications: Iterable[Communication]) -> None:
        for communication in communications:
            if communication.reference_number is not None and communication.reference_year is not None:
                key = (communication.reference_code, communication.reference_year)
                self.highest[key] = max(self.highest.get(key, 0), communication.reference_number)

    def store(self) -> None:
        if not self.highest:
            return
        ReferenceCounter.objects.bulk_create(
            [ReferenceCounter(code=code, year=year) for code, year in self.highest],
            ignore_conflicts=True,
            batch_size=INSERT_ROWS,
        )
        stored = ReferenceCounter.objects.select_for_update().filter(
            code__in={code for code, _ in self.highest}, year__in={year for _, year in self.highest}
        )
        raised = [
            (self.highest[(counter.code, counter.year)], counter.pk)
            for counter in stored
            if self.highest.get((counter.code, counter.year), 0) > counter.last_number
        ]
        table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
        with connection.cursor() as cursor:
            # Only quoted table and column names are formatted in; every value is a parameter.
            cursor.executemany(f"UPDATE {table} SET last_number = %s WHERE id = %s", raised)  # noqa: S608
