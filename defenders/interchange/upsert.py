"""Upsert one record through the communications actions, as staff would: the path of a record that changes more
than its text (its sending, withholding, signatories, replies, persons or follow-ups), with the same history."""

import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_noop

from defenders.addressees.models import Addressee
from defenders.cases.models import Case, CasePerson, Person, Theme
from defenders.communications import actions
from defenders.communications.models import Communication
from defenders.communications.versions import PublicVersionError, remove_public_version, set_public_version
from defenders.core.history import Reason
from defenders.core.slugs import free_slug

from .records import CommunicationRecord, PublicVersionLine, RecordError, ReplyRecord, _shown


def with_references(references: Iterable[str]) -> QuerySet[Communication]:
    """The communications with one of these references, found through the unique index on references, which
    holds only the given ones (SQLite uses a partial index only when the query repeats its condition)."""
    return Communication.objects.filter(reference__in=references).exclude(reference="")


def _followed_up(name: str) -> Communication | None:
    """The communication a line names in `follows_up`: by id, else by reference, else by legacy reference."""
    try:
        found = Communication.objects.filter(uid=uuid.UUID(name)).first()
    except ValueError:
        found = None
    return (
        found
        or with_references([name]).first()
        or Communication.objects.filter(legacy_reference=name).first()
    )


def sync_follow_ups(communication: Communication, names: list[str] | None) -> bool:
    """Set the communications it follows up to those named (None leaves them); says whether they changed."""
    if names is None:
        return False
    earlier = []
    for index, name in enumerate(names):
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


IMPORTED = Reason(gettext_noop("Imported"))


def _find(record: CommunicationRecord) -> Communication | None:
    if record.id is not None:
        found = Communication.objects.filter(uid=record.id).first()
        if found is not None:
            return found
    if record.reference:
        found = with_references([record.reference]).first()
        if found is not None:
            return found
    if record.legacy_reference:
        return Communication.objects.filter(legacy_reference=record.legacy_reference).first()
    return None


def record_content(record: CommunicationRecord, addressee: Addressee) -> dict[str, object]:
    """The communication's own fields as a record gives them (the bulk writer and upsert() both write these)."""
    return {
        "type": record.type,
        "addressee": addressee,
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


def upsert(record: CommunicationRecord) -> tuple[str, Communication]:
    """Create or update one communication; says whether it was "created", "updated" or "unchanged".

    Every write goes through the communications actions, so an import leaves the same history as staff would."""
    communication = _find(record)
    content = record_content(record, Addressee.find_or_create(**record.addressee))
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
        changed |= _sync_public_versions(communication, record.public_versions)
    except (actions.CommunicationStateError, PublicVersionError) as error:
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
            actions.delete_reply(reply, by=None, reason=Reason(gettext_noop("Not in the imported record")))
            changed = True
    return changed


def _sync_public_versions(communication: Communication, wanted: list[PublicVersionLine] | None) -> bool:
    """Make the public versions those of the record (None leaves them); says whether any changed."""
    if wanted is None:
        return False
    existing = {version.language: version for version in communication.public_versions.all()}
    changed = False
    for language in set(existing) - {line.language for line in wanted}:
        remove_public_version(existing[language], by=None, reason=IMPORTED)
        changed = True
    # The original last, so that moving "is_original" from one version to another never holds two at once.
    for line in sorted(wanted, key=lambda line: line.is_original):
        values = line.model_dump(exclude={"language", "is_original"})
        version = existing.get(line.language)
        unchanged = version is not None and version.is_original == line.is_original
        if unchanged and all(getattr(version, name) == value for name, value in values.items()):
            continue
        set_public_version(
            communication,
            language=line.language,
            is_original=line.is_original,
            by=None,
            reason=IMPORTED,
            **values,
        )
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
