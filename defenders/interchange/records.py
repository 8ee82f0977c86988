"""The JSON Lines interchange format: one communication a line. Validation turns a line into a clean record."""

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from defenders.addressees import countries
from defenders.addressees.models import Addressee
from defenders.communications.models import Communication, Reply
from defenders.communications.references import parse_reference
from defenders.mandates.models import Mandate


class RecordError(Exception):
    """A line that cannot be imported, with the field at fault and why."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass
class ReplyRecord:
    id: uuid.UUID | None
    received_on: date
    kind: str
    language: str
    translation_pending: bool
    summary: str


@dataclass
class PersonRecord:
    name: str
    named_to_addressee: bool
    named_in_public: bool


@dataclass
class CommunicationRecord:
    id: uuid.UUID | None
    reference: str
    legacy_reference: str
    type: str
    addressee: dict[str, str]
    copied: list[str]
    sent_on: date | None
    language: str
    title: str
    topic: str
    summary: dict[str, str]
    full_text: str
    mandates: list[tuple[Mandate, bool]]
    replies: list[ReplyRecord] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    persons: list[PersonRecord] = field(default_factory=list)
    withheld: bool = False
    withheld_reason: str = ""


def _text(data: dict, key: str, *, required: bool = False, prefix: str = "") -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise RecordError(prefix + key, "is required")
        return ""
    if not isinstance(value, str):
        raise RecordError(prefix + key, f"must be a string, not {type(value).__name__}")
    return value.strip()


def _flag(data: dict, key: str, *, prefix: str = "") -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise RecordError(prefix + key, "must be true or false")
    return value


def _date(data: dict, key: str, *, required: bool = False, prefix: str = "") -> date | None:
    value = _text(data, key, required=required, prefix=prefix)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecordError(
            prefix + key, f"“{value}” is not a real date in ISO 8601 form (YYYY-MM-DD)"
        ) from None


def _list(data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise RecordError(key, "must be a list")
    return value


def _choice(value: str, choices: list[str], field_name: str) -> str:
    if value not in choices:
        raise RecordError(field_name, f"“{value}” is not one of {', '.join(choices)}")
    return value


def _uuid(value: Any, field_name: str) -> uuid.UUID | None:
    if value in (None, ""):
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise RecordError(field_name, f"“{value}” is not a UUID") from None


def _addressee(data: dict) -> dict[str, str]:
    value = data.get("addressee")
    if not isinstance(value, dict):
        raise RecordError("addressee", "is required, as an object with code, name and kind")
    kind = _choice(
        _text(value, "kind", prefix="addressee.") or "state", Addressee.Kind.values, "addressee.kind"
    )
    code = _text(value, "code", required=True, prefix="addressee.").upper()
    name = _text(value, "name", prefix="addressee.")
    if kind == Addressee.Kind.STATE:
        if countries.lookup(code) is None:
            raise RecordError("addressee.code", f"“{code}” is not an ISO 3166 alpha-3 country code")
    else:
        if code != countries.NON_STATE_CODE:
            raise RecordError(
                "addressee.code", f"non-State addressees use the code {countries.NON_STATE_CODE}"
            )
        if not name:
            raise RecordError("addressee.name", "is required for a non-State addressee")
    return {"kind": kind, "code": code, "name": name}


def _mandates(data: dict) -> list[tuple[Mandate, bool]]:
    mandates = []
    for index, entry in enumerate(_list(data, "mandates")):
        where = f"mandates[{index}]."
        if not isinstance(entry, dict):
            raise RecordError(f"mandates[{index}]", "must be an object with name or short_name and lead")
        short_name, name = _text(entry, "short_name", prefix=where), _text(entry, "name", prefix=where)
        mandate = (Mandate.objects.filter(short_name=short_name).first() if short_name else None) or (
            Mandate.objects.filter(name=name).first() if name else None
        )
        if mandate is None:
            raise RecordError(where.rstrip("."), f"unknown mandate “{short_name or name}”")
        mandates.append((mandate, _flag(entry, "lead", prefix=where)))
    if mandates and sum(lead for _, lead in mandates) != 1:
        raise RecordError("mandates", "exactly one mandate must have lead: true")
    if len({mandate.pk for mandate, _ in mandates}) != len(mandates):
        raise RecordError("mandates", "a mandate is listed twice")
    return mandates


def _replies(data: dict) -> list[ReplyRecord]:
    replies = []
    for index, entry in enumerate(_list(data, "replies")):
        where = f"replies[{index}]."
        if not isinstance(entry, dict):
            raise RecordError(f"replies[{index}]", "must be an object")
        received_on = _date(entry, "received_on", required=True, prefix=where)
        assert received_on is not None
        replies.append(
            ReplyRecord(
                id=_uuid(entry.get("id"), where + "id"),
                received_on=received_on,
                kind=_choice(
                    _text(entry, "kind", prefix=where) or "substantive", Reply.Kind.values, where + "kind"
                ),
                language=_choice(
                    _text(entry, "language", prefix=where) or "en",
                    Communication.Language.values,
                    where + "language",
                ),
                translation_pending=_flag(entry, "translation_pending", prefix=where),
                summary=_text(entry, "summary", prefix=where),
            )
        )
    return replies


def _persons(data: dict) -> list[PersonRecord]:
    persons = []
    for index, entry in enumerate(_list(data, "persons")):
        where = f"persons[{index}]."
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict):
            raise RecordError(f"persons[{index}]", "must be an object with a name")
        persons.append(
            PersonRecord(
                name=_text(entry, "name", required=True, prefix=where),
                named_to_addressee=_flag(entry, "named_to_addressee", prefix=where),
                # Absent consent means no consent: the public text is then redacted.
                named_in_public=_flag(entry, "named_in_public", prefix=where),
            )
        )
    return persons


def read_record(data: Any) -> CommunicationRecord:
    """Validate one decoded line; raises RecordError naming the first field at fault."""
    if not isinstance(data, dict):
        raise RecordError("(line)", "must be a JSON object")
    letter_type = _choice(_text(data, "type", required=True), Communication.Type.values, "type")
    reference = _text(data, "reference")
    parsed = parse_reference(reference) if reference else None
    if reference and parsed is None:
        raise RecordError(
            "reference", f"“{reference}” is not of the form “AL RUS 15/2023” (use legacy_reference)"
        )
    addressee = _addressee(data)
    if parsed is not None and (parsed.type != letter_type or parsed.code != addressee["code"]):
        raise RecordError("reference", f"“{reference}” does not match type {letter_type} and addressee code")
    copied = []
    for index, code in enumerate(_list(data, "copied")):
        if not isinstance(code, str) or countries.lookup(code) is None:
            raise RecordError(f"copied[{index}]", f"“{code}” is not an ISO 3166 alpha-3 country code")
        copied.append(code.upper())
    summary = data.get("summary") or {}
    if not isinstance(summary, dict):
        raise RecordError("summary", "must be an object with background, allegations, concerns and update")
    themes = _list(data, "themes")
    if not all(isinstance(theme, str) and theme.strip() for theme in themes):
        raise RecordError("themes", "must be a list of theme names")
    withheld = _flag(data, "withheld")
    withheld_reason = _text(data, "withheld_reason")
    if withheld and not withheld_reason:
        raise RecordError("withheld_reason", "is required when withheld is true")
    return CommunicationRecord(
        id=_uuid(data.get("id"), "id"),
        reference=reference,
        legacy_reference=_text(data, "legacy_reference"),
        type=letter_type,
        addressee=addressee,
        copied=copied,
        sent_on=_date(data, "sent_on"),
        language=_choice(_text(data, "language") or "en", Communication.Language.values, "language"),
        title=_text(data, "title", required=True),
        topic=_text(data, "topic"),
        summary={
            key: _text(summary, key, prefix="summary.")
            for key in ("background", "allegations", "concerns", "update")
        },
        full_text=_text(data, "full_text"),
        mandates=_mandates(data),
        replies=_replies(data),
        themes=[theme.strip() for theme in themes],
        persons=_persons(data),
        withheld=withheld,
        withheld_reason=withheld_reason,
    )
