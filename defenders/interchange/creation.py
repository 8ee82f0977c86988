"""Write the new communications of a batch: each is built with its relations in memory (replies, signatories,
public versions, a case with its persons), written by batched INSERTs with the history rows the actions leave,
and indexed for search from memory, so that a batch costs the same few queries however many lines it holds."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_noop

from defenders.addressees.models import Addressee
from defenders.cases.models import Case, CasePerson, Person, Theme
from defenders.communications.actions import received_reason, sent_reason, signatories
from defenders.communications.exposure import exposures
from defenders.communications.models import Communication, CommunicationMandate, PublicVersion, Reply
from defenders.core.history import Reason, listed
from defenders.search.documents import index_new_communications, with_relations_in_memory

from .records import CommunicationRecord
from .rows import INSERT_ROWS, insert_by_uid, insert_history, insert_rows
from .upsert import IMPORTED

REPLY_VALUES = ("received_on", "kind", "language", "translation_pending", "summary")
VERSION_TEXTS = ("title", "topic", "background", "allegations", "concerns")


@dataclass
class NewRecord:
    """A line that creates a communication, and the rows it brings, not yet written."""

    line: int
    record: CommunicationRecord
    communication: Communication
    replies: list[Reply] = field(default_factory=list)
    signatories: list[tuple[int, int, bool]] = field(default_factory=list)  # mandate, order, lead
    versions: list[PublicVersion] = field(default_factory=list)
    case: Case | None = None
    case_persons: list[CasePerson] = field(default_factory=list)


def wanted_signatories(record: CommunicationRecord) -> list[tuple[int, int, bool]]:
    """The links set_signatories would write: (mandate, order, lead), the first leading when none is marked."""
    mandates = [mandate for mandate, _ in record.mandates]
    lead = next(
        (mandate for mandate, is_lead in record.mandates if is_lead), mandates[0] if mandates else None
    )
    return [(mandate.pk, order, mandate == lead) for order, mandate in enumerate(mandates)]


def persons_fit_the_bulk_path(record: CommunicationRecord) -> bool:
    """A person named twice in one line is left to upsert, whose second mention corrects the first's consents."""
    names = [person.name for person in record.persons]
    return len(set(names)) == len(names)


def _creation_reason(record: CommunicationRecord) -> str:
    parts: list[str | Reason] = [IMPORTED]
    if record.sent_on is not None:
        parts = [sent_reason(IMPORTED, record.sent_on, record.reference)]
    if record.withheld:
        parts.append(Reason(gettext_noop("withheld: {reason}"), reason=record.withheld_reason))
    if record.mandates:
        parts.append(Reason(gettext_noop("signed by {mandates}"), mandates=signatories(record.mandates)))
    return listed(parts, "; ").stored()


def _stored_persons(names: set[str]) -> dict[str, Person]:
    """The person upsert would link for each name: the first stored under it (one query a batch)."""
    found: dict[str, Person] = {}
    for person in Person.objects.filter(name__in=names).order_by("name", "pk"):
        found.setdefault(person.name, person)
    return found


class SignatoryStandIns(dict[tuple[int, int, bool], CommunicationMandate]):
    """The signatory links a new communication's prefetch cache holds: one unsaved instance per (mandate, order,
    lead), shared by every communication of an import. The index reads no more than their number (a joint
    letter's title), and a model instance per link cost more than inserting its row."""

    def of(self, mandates: dict[int, Any], key: tuple[int, int, bool]) -> CommunicationMandate:
        if key not in self:
            mandate, order, lead = key
            self[key] = CommunicationMandate(mandate=mandates[mandate], order=order, is_lead=lead)
        return self[key]


def build_relations(
    fresh: list[NewRecord], addressee_of: Callable[[NewRecord], Addressee], links: SignatoryStandIns
) -> None:
    """Give each new communication its rows in memory, as upsert would write them one by one."""
    persons = _stored_persons({person.name for new in fresh for person in new.record.persons})
    for new in fresh:
        communication = new.communication
        for wanted in new.record.replies:
            reply = Reply(
                communication=communication, **{name: getattr(wanted, name) for name in REPLY_VALUES}
            )
            if wanted.id is not None:
                reply.uid = wanted.id
            new.replies.append(reply)
        mandates = {mandate.pk: mandate for mandate, _ in new.record.mandates}
        new.signatories = wanted_signatories(new.record)
        new.versions = [
            PublicVersion(
                communication=communication,
                language=line.language,
                is_original=line.is_original,
                **{name: getattr(line, name) for name in VERSION_TEXTS},
            )
            for line in new.record.public_versions or []
        ]
        if new.record.persons:
            addressee = addressee_of(new)
            # upsert opens one case for the persons of a new communication, titled and placed like it.
            new.case = Case(
                title=communication.title[:300], country=addressee if addressee.is_state else None
            )
            for wanted_person in new.record.persons:
                if wanted_person.name not in persons:
                    persons[wanted_person.name] = Person(name=wanted_person.name)
                new.case_persons.append(
                    CasePerson(
                        case=new.case,
                        person=persons[wanted_person.name],
                        consents_to_naming_to_addressee=wanted_person.named_to_addressee,
                        consents_to_naming_in_public=wanted_person.named_in_public,
                    )
                )
            new.case._prefetched_objects_cache = {"caseperson_set": new.case_persons}  # type: ignore[attr-defined]
        with_relations_in_memory(
            communication,
            replies=new.replies,
            mandate_links=[links.of(mandates, key) for key in new.signatories],
            cases=[new.case] if new.case is not None else [],
            public_versions=new.versions,
        )


def _created_with_ids(model: type[models.Model], instances: list[Any], reasons: list[str | None]) -> None:
    """Rows without a uid to read their ids back by: bulk_create returns them on both engines."""
    if instances:
        model._default_manager.bulk_create(instances, batch_size=INSERT_ROWS)
        insert_history(instances, reasons)  # type: ignore[arg-type]


def insert_new(fresh: list[NewRecord], themes: dict[str, Theme], state: Callable[[str], Addressee]) -> None:
    """Write the new communications and everything they bring, then their search index rows."""
    communications = [new.communication for new in fresh]
    insert_by_uid(communications)
    insert_history(communications, [_creation_reason(new.record) for new in fresh])
    for new in fresh:
        # Assigned again rather than by id: the id alone would drop the cached communication the index reads.
        for reply in new.replies:
            reply.communication = new.communication
        for version in new.versions:
            version.communication = new.communication
    replies = [reply for new in fresh for reply in new.replies]
    insert_by_uid(replies)
    insert_history(replies, [received_reason(reply.received_on).stored() for reply in replies])
    insert_rows(
        CommunicationMandate,
        (
            {"communication_id": new.communication.pk, "mandate_id": mandate, "order": order, "is_lead": lead}
            for new in fresh
            for mandate, order, lead in new.signatories
        ),
    )
    versions = [version for new in fresh for version in new.versions]
    _created_with_ids(PublicVersion, versions, [IMPORTED.stored()] * len(versions))
    insert_rows(
        Communication.copied.through,
        (
            {"communication_id": new.communication.pk, "addressee_id": state(code).pk}
            for new in fresh
            for code in new.record.copied
        ),
    )
    insert_rows(
        Communication.themes.through,
        (
            {"communication_id": new.communication.pk, "theme_id": themes[name].pk}
            for new in fresh
            for name in set(new.record.themes)
        ),
    )
    with_persons = [new for new in fresh if new.case is not None]
    _insert_cases(with_persons)
    _refresh_exposure([new.communication for new in with_persons])
    index_new_communications(communications)


def _refresh_exposure(with_persons: list[Communication]) -> None:
    """As refresh_exposure after upsert's saves (an update, no history row), reading the relations from memory:
    whether a redacted text still shows a part of a name withheld from the public."""
    exposed = [communication for communication in with_persons if exposures(communication)]
    for communication in exposed:
        communication.exposes_withheld_name = True
    Communication.objects.filter(pk__in=[communication.pk for communication in exposed]).update(
        exposes_withheld_name=True
    )


def _insert_cases(with_persons: list[NewRecord]) -> None:
    """The case of each new communication naming persons, its persons (new ones created) and their consents;
    history rows without a reason, as the plain saves of upsert leave them."""
    if not with_persons:
        return
    cases = [new.case for new in with_persons if new.case is not None]
    insert_by_uid(cases)
    insert_history(cases, [None] * len(cases))  # type: ignore[list-item]
    insert_rows(
        Communication.cases.through,
        (
            {"communication_id": new.communication.pk, "case_id": new.case.pk}
            for new in with_persons
            if new.case is not None
        ),
    )
    unsaved: dict[int, Person] = {}
    for new in with_persons:
        for link in new.case_persons:
            if link.person.pk is None:
                unsaved[id(link.person)] = link.person
    _created_with_ids(Person, list(unsaved.values()), [None] * len(unsaved))
    links = [link for new in with_persons for link in new.case_persons]
    for link in links:
        # Both were unsaved when the link was made: the ids they have now, keeping the instances cached.
        link.case, link.person = link.case, link.person
    _created_with_ids(CasePerson, links, [None] * len(links))
