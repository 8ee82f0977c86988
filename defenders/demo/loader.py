"""The demo data: the real Khamroev case read from its published summary, and fictional cases in every state."""

import json
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

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
from defenders.communications import embargo
from defenders.communications.models import Communication, Reply
from defenders.mandates.models import Mandate

from .fictional import FICTIONAL_COMMUNICATIONS
from .published_summary import read_published_summary

DATA = Path(__file__).with_name("data")
KHAMROEV = "russia-khamroev-2023"
# Stable ids, so that loading twice updates the same rows instead of adding new ones.
DEMO_NAMESPACE = uuid.UUID("6f1c7a52-3f0e-4c55-9a77-2f4f5f0f2d10")

# The summary does not list the co-signing mandates; these are the ones its concerns invoke.
KHAMROEV_MANDATES = ["SR HRDs", "WGAD", "SR FoE", "SR FoAA", "SR CT"]

ORGANISATION_KINDS = {
    "state actor": Organisation.Kind.STATE_ACTOR,
    "organisation designated terrorist in Russia (2003)": Organisation.Kind.DESIGNATED,
}


def demo_uid(name: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, name)


@transaction.atomic
def load_demo(today: date | None = None) -> str:
    """Load (or reload) every demo record; returns a one-line account of what is there."""
    call_command("loaddata", "mandates", verbosity=0)
    load_khamroev()
    today = today or embargo.office_today()
    for spec in FICTIONAL_COMMUNICATIONS:
        load_fictional(spec, today)
    public = Communication.objects.public().count()
    return f"{Communication.objects.count()} communications ({public} public), {Case.objects.count()} cases"


def _parse_partial_date(text: str | None) -> tuple[date | None, str]:
    if not text:
        return None, Event.Precision.UNKNOWN
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), Event.Precision.YEAR
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), Event.Precision.MONTH
    return date(*parts), Event.Precision.DAY


def load_khamroev() -> Communication:
    reading = json.loads((DATA / f"{KHAMROEV}.reading.json").read_text(encoding="utf-8"))
    published = read_published_summary((DATA / f"{KHAMROEV}.txt").read_text(encoding="utf-8"))
    russia = Addressee.state(reading["communication"]["addressee"]["country"])

    case, _ = Case.objects.update_or_create(
        uid=demo_uid(f"{KHAMROEV}/case"),
        defaults={"title": "Bakhrom Khamroev: criminalisation and judicial harassment", "country": russia},
    )
    themes = [
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [
            ("judicial-harassment", "Judicial harassment"),
            ("counter-terrorism", "Counter-terrorism"),
        ]
    ]
    case.themes.set(themes)

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

    communication = _upsert_communication(
        demo_uid(KHAMROEV),
        addressee=russia,
        type=Communication.Type.ALLEGATION_LETTER,
        sent_on=date.fromisoformat(reading["communication"]["sent_on"]),
        title=published.title.removeprefix(f"{russia.short_name}: ").removesuffix(" (joint communication)"),
        topic=published.topic,
        background=published.sections["BACKGROUND"],
        allegations=published.sections["ALLEGATIONS"],
        concerns=published.sections["CONCERNS"],
        mandates=KHAMROEV_MANDATES,
    )
    communication.cases.set([case])
    communication.themes.set(themes)
    communication.replies.all().delete()
    return communication


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


def _upsert_communication(uid: uuid.UUID, *, mandates: list[str], **fields) -> Communication:
    communication = Communication.objects.filter(uid=uid).first() or Communication(uid=uid)
    for name, value in fields.items():
        setattr(communication, name, value)
    communication.save()
    communication.set_signatories([Mandate.objects.get(short_name=short_name) for short_name in mandates])
    return communication


def load_fictional(spec: dict, today: date) -> Communication:
    """A fictional record; its dates are relative to today so that it is in the same state on any day."""
    if spec["addressee"]["kind"] == Addressee.Kind.STATE:
        addressee = Addressee.state(spec["addressee"]["code"])
    else:
        addressee, _ = Addressee.objects.get_or_create(
            kind=spec["addressee"]["kind"],
            name=spec["addressee"]["name"],
            defaults={"code": "OTH", "short_name": spec["addressee"]["name"]},
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
    sent_on = today - timedelta(days=spec["sent_days_ago"])
    year = sent_on.year
    communication = _upsert_communication(
        demo_uid(spec["key"]),
        addressee=addressee,
        type=spec["type"],
        reference=f"{spec['type']} {addressee.code} {spec['number']}/{year}",
        sent_on=sent_on,
        language=spec.get("language", "en"),
        title=spec["title"],
        topic=spec["topic"],
        background=spec["background"],
        allegations=spec["allegations"],
        concerns=spec["concerns"],
        update=spec.get("update", ""),
        full_text=spec["full_text"],
        withheld=bool(spec.get("withheld_reason")),
        withheld_reason=spec.get("withheld_reason", ""),
        mandates=spec["mandates"],
    )
    communication.cases.set([case])
    uids = [demo_uid(f"{spec['key']}/reply/{index}") for index in range(len(spec.get("replies", [])))]
    communication.replies.exclude(uid__in=uids).delete()
    for uid, reply in zip(uids, spec.get("replies", []), strict=True):
        Reply.objects.update_or_create(
            uid=uid,
            defaults={
                "communication": communication,
                "received_on": sent_on + timedelta(days=reply["days_after_sending"]),
                "kind": reply["kind"],
                "translation_pending": reply.get("translation_pending", False),
                "summary": reply.get("summary", ""),
            },
        )
    return communication
