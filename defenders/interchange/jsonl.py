"""Export every communication as JSON Lines, and import such a file as one all-or-nothing upsert."""

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import IntegrityError, transaction

from defenders.addressees.models import Addressee
from defenders.cases.models import Case, CasePerson, Person, Theme
from defenders.communications import actions
from defenders.communications.models import Communication
from defenders.core.slugs import free_slug

from .records import CommunicationRecord, RecordError, ReplyRecord, _shown, read_record


class ImportFailure(Exception):
    def __init__(self, line_number: int, field: str, reason: str):
        super().__init__(f"line {line_number}: {field}: {reason}")
        self.line_number = line_number
        self.field = field
        self.reason = reason


# Export


def export_record(communication: Communication) -> dict[str, Any]:
    persons: dict[str, dict[str, Any]] = {}
    for link in CasePerson.objects.filter(case__communications=communication).select_related("person"):
        entry = persons.setdefault(
            link.person.name, {"name": link.person.name, "named_to_addressee": True, "named_in_public": True}
        )
        # A person in several cases may be named only as far as every case allows.
        entry["named_to_addressee"] &= link.consents_to_naming_to_addressee
        entry["named_in_public"] &= link.consents_to_naming_in_public
    return {
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
            for link in communication.mandate_links.select_related("mandate").order_by("order")
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
            for reply in communication.replies.order_by("received_on", "pk")
        ],
        "themes": sorted(theme.name for theme in communication.themes.all()),
        "persons": sorted(persons.values(), key=lambda person: person["name"]),
        "follows_up": sorted(follow_up_name(earlier) for earlier in communication.follows_up.all()),
        "withheld": communication.withheld,
        "withheld_reason": communication.withheld_reason,
    }


def follow_up_name(communication: Communication) -> str:
    """How a line names a communication it follows up: the reference, else the legacy reference, else the id."""
    return communication.reference or communication.legacy_reference or str(communication.uid)


def export_lines() -> Iterator[str]:
    communications = Communication.objects.select_related("addressee").order_by("sent_on", "created_at", "pk")
    for communication in communications.iterator(chunk_size=200):
        yield json.dumps(export_record(communication), ensure_ascii=False, sort_keys=True)


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
    deepest, pending = 0, [(value, 1)]
    while pending and deepest <= MAX_NESTING:
        item, depth = pending.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, depth)
            pending.extend((child, depth + 1) for child in children)
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


def read_lines(lines: Iterable[str | bytes]) -> list[tuple[int, CommunicationRecord]]:
    """Decode and validate every line (text, or bytes read as UTF-8); the first fault stops with its line."""
    records = []
    for line_number, line in enumerate(lines, start=1):
        text = _line_text(line_number, line)
        if not text.strip():
            continue
        data = _decoded(line_number, text)
        try:
            records.append((line_number, read_record(data)))
        except RecordError as error:
            raise ImportFailure(line_number, error.field, error.reason) from None
    return records


def import_lines(lines: Iterable[str | bytes]) -> dict[str, int]:
    """Validate every line, then write them all in one transaction; any failure writes nothing.

    Follow-ups are linked in a second pass, once every line is written: a line may follow up a communication
    already in the database, or one that any line of the file describes, before or after it."""
    records = read_lines(lines)
    outcomes: dict[int, str] = {}  # line -> "created", "updated" or "unchanged"
    written: dict[int, int] = {}  # communication pk -> the line that wrote it
    with transaction.atomic():
        linked: list[tuple[int, CommunicationRecord, Communication]] = []
        for line_number, record in records:
            try:
                with transaction.atomic():
                    outcome, communication = upsert(record)
                    if communication.pk in written:
                        raise RecordError(
                            "reference",
                            f"describes the same communication as line {written[communication.pk]}",
                        )
                    written[communication.pk] = line_number
                    outcomes[line_number] = outcome
                    linked.append((line_number, record, communication))
            except (IntegrityError, RecordError) as error:
                field = error.field if isinstance(error, RecordError) else "reference"
                reason = (
                    error.reason
                    if isinstance(error, RecordError)
                    else f"conflicts with another record ({error})"
                )
                raise ImportFailure(line_number, field, reason) from None
        for line_number, record, communication in linked:
            try:
                if _sync_follow_ups(communication, record) and outcomes[line_number] == "unchanged":
                    outcomes[line_number] = "updated"
            except RecordError as error:
                raise ImportFailure(line_number, error.field, error.reason) from None
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for outcome in outcomes.values():
        counts[outcome] += 1
    return counts


def _followed_up(name: str) -> Communication | None:
    """The communication a line names in `follows_up`: by id, else by reference, else by legacy reference."""
    try:
        found = Communication.objects.filter(uid=uuid.UUID(name)).first()
    except ValueError:
        found = None
    return (
        found
        or Communication.objects.filter(reference=name).first()
        or Communication.objects.filter(legacy_reference=name).first()
    )


def _sync_follow_ups(communication: Communication, record: CommunicationRecord) -> bool:
    if record.follows_up is None:
        return False
    earlier = []
    for index, name in enumerate(record.follows_up):
        found = _followed_up(name)
        if found is None:
            raise RecordError(
                f"follows_up.{index}",
                f"“{_shown(name)}” is no communication in the database or in this file "
                "(give a reference, a legacy reference or an id)",
            )
        earlier.append(found)
    try:
        return actions.set_follow_ups(communication, earlier, by=None)
    except actions.CommunicationStateError as error:
        raise RecordError("follows_up", str(error)) from None


IMPORTED = "Imported"


def _find(record: CommunicationRecord) -> Communication | None:
    if record.id is not None:
        found = Communication.objects.filter(uid=record.id).first()
        if found is not None:
            return found
    if record.reference:
        found = Communication.objects.filter(reference=record.reference).first()
        if found is not None:
            return found
    if record.legacy_reference:
        return Communication.objects.filter(legacy_reference=record.legacy_reference).first()
    return None


def upsert(record: CommunicationRecord) -> tuple[str, Communication]:
    """Create or update one communication; says whether it was "created", "updated" or "unchanged".

    Every write goes through the communications actions, so an import leaves the same history as staff would."""
    communication = _find(record)
    content = {
        "type": record.type,
        "addressee": Addressee.find_or_create(**record.addressee),
        "legacy_reference": record.legacy_reference,
        "language": record.language,
        "title": record.title,
        "topic": record.topic,
        "background": record.summary["background"],
        "allegations": record.summary["allegations"],
        "concerns": record.summary["concerns"],
        "update": record.summary["update"],
        "full_text": record.full_text,
    }
    try:
        if communication is None:
            created = True
            communication = actions.create_communication(by=None, uid=record.id, reason=IMPORTED, **content)
            changed = True
        else:
            created = False
            changed = actions.edit_communication(communication, by=None, reason=IMPORTED, **content)
        changed |= _sync_sending(communication, record)
        changed |= _sync_withholding(communication, record)
        changed |= actions.set_signatories(
            communication,
            [mandate for mandate, _ in record.mandates],
            lead=next((mandate for mandate, lead in record.mandates if lead), None),
            by=None,
        )
        changed |= _sync_replies(communication, record.replies)
    except actions.CommunicationStateError as error:
        raise RecordError("(record)", str(error)) from None
    changed |= _sync_copied(communication, record)
    changed |= _sync_themes(communication, record.themes)
    changed |= _sync_persons(communication, record)
    return ("created" if created else ("updated" if changed else "unchanged")), communication


def _sync_sending(communication: Communication, record: CommunicationRecord) -> bool:
    if record.sent_on is None:
        if communication.sent_on is not None:
            raise RecordError(
                "sent_on",
                f"is empty, but this communication was sent on {communication.sent_on:%Y-%m-%d}; "
                "a sent letter cannot become a draft again",
            )
        if record.reference:
            raise RecordError("sent_on", "is required with a reference: references are given on sending")
        return False
    return actions.record_sent(
        communication, sent_on=record.sent_on, reference=record.reference, by=None, reason=IMPORTED
    )


def _sync_withholding(communication: Communication, record: CommunicationRecord) -> bool:
    if record.withheld:
        if communication.withheld and communication.withheld_reason == record.withheld_reason:
            return False
        actions.withhold_communication(communication, reason=record.withheld_reason, by=None)
        return True
    if not communication.withheld:
        return False
    actions.release_communication(communication, by=None)
    return True


def _sync_copied(communication: Communication, record: CommunicationRecord) -> bool:
    current = sorted(addressee.code for addressee in communication.copied.all())
    if current == sorted(record.copied):
        return False
    communication.copied.set([Addressee.state(code) for code in record.copied])
    return True


def _sync_replies(communication: Communication, replies: list[ReplyRecord]) -> bool:
    existing = list(communication.replies.all())
    kept: set[int] = set()
    changed = False
    for wanted in replies:
        match = next((r for r in existing if wanted.id is not None and r.uid == wanted.id), None) or next(
            (
                r
                for r in existing
                if r.pk not in kept and r.received_on == wanted.received_on and r.kind == wanted.kind
            ),
            None,
        )
        values: dict[str, Any] = {
            "received_on": wanted.received_on,
            "kind": wanted.kind,
            "language": wanted.language,
            "translation_pending": wanted.translation_pending,
            "summary": wanted.summary,
        }
        if match is None:
            match = actions.record_reply(communication, uid=wanted.id, by=None, **values)
            changed = True
        else:
            changed |= actions.correct_reply(match, by=None, reason=IMPORTED, **values)
        kept.add(match.pk)
    for reply in existing:
        if reply.pk not in kept:
            actions.delete_reply(reply, by=None, reason="Not in the imported record")
            changed = True
    return changed


def _sync_themes(communication: Communication, names: list[str]) -> bool:
    if sorted(theme.name for theme in communication.themes.all()) == sorted(names):
        return False
    themes = []
    for name in names:
        theme = Theme.objects.filter(name=name).first()
        if theme is None:
            theme = Theme.objects.create(
                name=name, slug=free_slug(name, Theme.objects.all(), fallback="theme")
            )
        themes.append(theme)
    communication.themes.set(themes)
    return True


def _sync_persons(communication: Communication, record: CommunicationRecord) -> bool:
    if not record.persons:
        return False
    changed = False
    case = communication.cases.order_by("pk").first()
    for wanted in record.persons:
        link = CasePerson.objects.filter(case__communications=communication, person__name=wanted.name).first()
        if link is None:
            if case is None:
                country = communication.addressee if communication.addressee.is_state else None
                case = Case.objects.create(title=communication.title[:300], country=country)
                communication.cases.add(case)
            person = Person.objects.filter(name=wanted.name).first() or Person.objects.create(
                name=wanted.name
            )
            link = CasePerson(case=case, person=person)
        elif (
            link.consents_to_naming_to_addressee == wanted.named_to_addressee
            and link.consents_to_naming_in_public == wanted.named_in_public
        ):
            continue
        link.consents_to_naming_to_addressee = wanted.named_to_addressee
        link.consents_to_naming_in_public = wanted.named_in_public
        link.save()
        changed = True
    return changed
