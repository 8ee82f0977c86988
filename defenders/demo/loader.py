"""The demo data: the real Khamroev case read from its published summary, and fictional cases in every state."""

import json
from datetime import date
from decimal import Decimal

from django.core.management import call_command
from django.db import transaction

from defenders.addressees.models import Addressee
from defenders.cases.models import (
    Case,
    CaseOrganisation,
    CasePerson,
    Event,
    LegalProvision,
    Organisation,
    Person,
    SentenceTerm,
    Theme,
)
from defenders.clock import office_today
from defenders.communications.models import Communication
from defenders.interchange.jsonl import import_lines

from .fictional import FICTIONAL_COMMUNICATIONS
from .records import KHAMROEV, KHAMROEV_THEMES, demo_records, demo_uid, khamroev_reading, khamroev_record

ORGANISATION_KINDS = {
    "state actor": Organisation.Kind.STATE_ACTOR,
    "organisation designated terrorist in Russia (2003)": Organisation.Kind.DESIGNATED,
}


@transaction.atomic
def load_demo(today: date | None = None) -> str:
    """Load (or reload) every demo record; returns a one-line account of what is there.

    The communications go through the importer, as a partner's file would; the case files they concern are
    built here and linked to them."""
    call_command("loaddata", "mandates", verbosity=0)
    today = today or office_today()
    import_lines(json.dumps(record, ensure_ascii=False) for record in demo_records(today))
    cases = {KHAMROEV: load_khamroev_case()}
    cases.update({spec["key"]: load_fictional_case(spec) for spec in FICTIONAL_COMMUNICATIONS})
    for key, case in cases.items():
        Communication.objects.get(uid=demo_uid(key)).cases.set([case])
    public = Communication.objects.public().count()
    return f"{Communication.objects.count()} communications ({public} public), {Case.objects.count()} cases"


def load_khamroev() -> Communication:
    """The real Khamroev communication and its case file, alone (for tests of the published summary)."""
    import_lines([json.dumps(khamroev_record(), ensure_ascii=False)])
    communication = Communication.objects.get(uid=demo_uid(KHAMROEV))
    communication.cases.set([load_khamroev_case()])
    return communication


def _parse_partial_date(text: str | None) -> tuple[date | None, str]:
    if not text:
        return None, Event.Precision.UNKNOWN
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), Event.Precision.YEAR
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), Event.Precision.MONTH
    return date(*parts), Event.Precision.DAY


def load_khamroev_case() -> Case:
    """The case file of the real Khamroev communication: his person, organisations and 13 dated events."""
    reading = khamroev_reading()
    russia = Addressee.state(reading["communication"]["addressee"]["country"])

    case, _ = Case.objects.update_or_create(
        uid=demo_uid(f"{KHAMROEV}/case"),
        defaults={"title": "Bakhrom Khamroev: criminalisation and judicial harassment", "country": russia},
    )
    case.themes.set(
        [
            Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in KHAMROEV_THEMES.items()
        ]
    )

    persons = {}
    for entry in reading["persons"]:
        person, _ = Person.objects.update_or_create(
            name=entry["name"],
            defaults={
                "gender": entry.get("gender", ""),
                "professions": ", ".join(entry.get("professions", [])),
                "focus": entry.get("focus", ""),
                "active_since": entry.get("active_since", ""),
            },
        )
        # The summary names him publicly, so both consents were given.
        CasePerson.objects.update_or_create(
            case=case,
            person=person,
            defaults={"consents_to_naming_to_addressee": True, "consents_to_naming_in_public": True},
        )
        persons[entry["name"]] = person

    organisations = {}
    for entry in reading["organisations"]:
        kind = ORGANISATION_KINDS.get(entry["relation"], Organisation.Kind.CIVIL_SOCIETY)
        organisation, _ = Organisation.objects.update_or_create(
            name=entry["name"],
            kind=kind,
            defaults={"also_known_as": ", ".join(entry.get("also_known_as", []))},
        )
        CaseOrganisation.objects.update_or_create(
            case=case, organisation=organisation, defaults={"relation": entry["relation"]}
        )
        organisations[entry["name"]] = organisation

    provisions = {}
    for entry in reading["legal_provisions"]:
        provision, _ = LegalProvision.objects.update_or_create(
            code=entry["code"], article=entry["article"], defaults={"subject": entry["subject"]}
        )
        provisions[entry["article"]] = provision

    case.events.all().delete()
    for entry in reading["events"]:
        _load_event(case, entry, persons, organisations, provisions)

    return case


def _load_event(case, entry, persons, organisations, provisions) -> Event:
    occurred_on, precision = _parse_partial_date(entry.get("date"))
    amount = entry.get("amount") or {}
    event = Event.objects.create(
        case=case,
        kind=entry["kind"],
        occurred_on=occurred_on,
        date_precision=precision,
        place=entry.get("place", ""),
        summary=entry["summary"],
        court=entry.get("court", ""),
        fine_amount=Decimal(amount["value"]) if amount else None,
        fine_currency=amount.get("currency", ""),
        duration_months=(entry.get("duration") or {}).get("months"),
        source_excerpt=entry.get("evidence", ""),
    )
    event.persons.set(persons.values())
    event.actors.set([organisations[name] for name in entry.get("actors", [])])
    event.legal_provisions.set([provisions[article] for article in entry.get("legal_provisions", [])])
    # A sentence in parts is stored part by part; otherwise the single term, if any.
    parts = entry.get("parts") or ([entry["term"]] if entry.get("term") else [])
    for order, part in enumerate(parts):
        SentenceTerm.objects.create(
            event=event,
            years=part.get("years", 0),
            months=part.get("months", 0),
            regime=part.get("regime", ""),
            order=order,
        )
    return event


def load_fictional_case(spec: dict) -> Case:
    """The case file of a fictional communication, with each person's consent to be named in public."""
    addressee = Addressee.find_or_create(
        kind=spec["addressee"]["kind"],
        code=spec["addressee"].get("code", ""),
        name=spec["addressee"].get("name", ""),
    )
    case, _ = Case.objects.update_or_create(
        uid=demo_uid(f"{spec['key']}/case"), defaults={"title": spec["case_title"], "country": addressee}
    )
    for entry in spec["persons"]:
        person, _ = Person.objects.update_or_create(
            name=entry["name"], defaults={"professions": entry["profession"]}
        )
        CasePerson.objects.update_or_create(
            case=case,
            person=person,
            defaults={
                "consents_to_naming_to_addressee": True,
                "consents_to_naming_in_public": entry["named_in_public"],
            },
        )
    return case
