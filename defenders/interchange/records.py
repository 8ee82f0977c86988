"""The JSON Lines interchange format: one communication a line. Pydantic models state the shape of a line;
`read_record` adds the one check that needs the database (mandates) and returns a clean record."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from defenders.addressees import countries
from defenders.addressees.models import Addressee
from defenders.clock import EARLIEST_DAY, LATEST_DAY
from defenders.communications.models import Communication, Reply
from defenders.communications.references import parse_reference
from defenders.mandates.models import Mandate

# Text fields the database leaves unbounded (TextField) are bounded here, the same on SQLite and PostgreSQL.
LONG_TEXT = 100_000
EARLIEST_YEAR, LATEST_YEAR = EARLIEST_DAY.year, LATEST_DAY.year
MAX_COPIED, MAX_MANDATES, MAX_REPLIES, MAX_THEMES, MAX_PERSONS = 250, 60, 200, 100, 1000
# A follow-up names an earlier communication by reference, legacy reference or id: each fits in 120 characters.
MAX_FOLLOWS_UP, FOLLOWED_UP_NAME = 100, 120
MAX_PUBLIC_VERSIONS = 5  # the other five UN languages
# A non-State addressee's name is also its short name, which the database holds in 100 characters.
NON_STATE_NAME = 100
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class RecordError(Exception):
    """A line that cannot be imported, with the field at fault and why."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _refused(kind: str, reason: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, reason, context)


def _shown(value: str) -> str:
    """A value quoted back in a reason: short, and with control characters and surrogates escaped."""
    short = value if len(value) <= 40 else value[:40] + "…"
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in short)


# Strings


def _plain_text(value: Any) -> Any:
    if value is None:
        return ""  # null is as good as absent, as it has always been
    if isinstance(value, str):
        if "\x00" in value:
            raise _refused("nul_character", "must not contain NUL characters")
        try:
            if not value.isascii():  # known without reading the text: ASCII holds no surrogate
                value.encode("utf-8")
        except UnicodeEncodeError:
            raise _refused("lone_surrogate", "must be valid Unicode (it holds a lone surrogate)") from None
    return value


Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True), BeforeValidator(_plain_text)]
RequiredText = Annotated[Text, StringConstraints(min_length=1)]
LongText = Annotated[Text, Field(max_length=LONG_TEXT)]


def _one_of(choices: list[str], default: str = "") -> AfterValidator:
    def check(value: str) -> str:
        value = value or default
        if value not in choices:
            raise _refused(
                "choice", "“{value}” is not one of {choices}", value=_shown(value), choices=", ".join(choices)
            )
        return value

    return AfterValidator(check)


def _country(value: str) -> str:
    if countries.lookup(value) is None:
        raise _refused("country", "“{code}” is not an ISO 3166 alpha-3 country code", code=_shown(value))
    return value.upper()


CountryCode = Annotated[Text, AfterValidator(_country)]

# Dates, ids and lists


def _iso_date(value: Any) -> date:
    if not isinstance(value, str):
        raise _refused("iso_date_type", "must be a date as a string in ISO 8601 form (YYYY-MM-DD)")
    text = value.strip()
    if not text:
        raise _refused("iso_date_blank", "is blank: give a date in ISO 8601 form (YYYY-MM-DD)")
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        parsed = date.fromisoformat(text)
    except ValueError:
        raise _refused(
            "iso_date", "“{value}” is not a real date in ISO 8601 form (YYYY-MM-DD)", value=_shown(text)
        ) from None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise _refused(
            "date_range",
            "“{value}” is outside the years {earliest} to {latest}",
            value=text,
            earliest=EARLIEST_YEAR,
            latest=LATEST_YEAR,
        )
    return parsed


def _required_date(value: Any) -> date:
    if value is None:
        raise _refused("missing", "is required")
    return _iso_date(value)


def _sending_date(value: Any) -> date | None:
    if value is None:
        return None  # a draft
    if isinstance(value, str) and not value.strip():
        raise _refused("sent_on_blank", "is blank: leave it out, or null, for a draft; else give YYYY-MM-DD")
    return _iso_date(value)


def _optional_uuid(value: Any) -> uuid.UUID | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _refused("uuid_type", "must be a UUID as a string")
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        raise _refused("uuid", "“{value}” is not a UUID", value=_shown(value)) from None


def _absent_is(empty: Callable[[], Any]) -> BeforeValidator:
    return BeforeValidator(lambda value: empty() if value is None else value)


Uid = Annotated[uuid.UUID | None, BeforeValidator(_optional_uuid)]


# The shape of a line


class _Shape(BaseModel):
    # Keys this version does not know are ignored, so that partners may send more than it reads.
    model_config = ConfigDict(extra="ignore")


class AddresseeLine(_Shape):
    kind: Annotated[Text, _one_of(Addressee.Kind.values, "state")] = "state"
    code: RequiredText
    name: Annotated[Text, Field(max_length=200, validate_default=True)] = ""

    @field_validator("code")
    @classmethod
    def _code_fits_kind(cls, code: str, info: ValidationInfo) -> str:
        kind = info.data.get("kind")
        if kind == Addressee.Kind.STATE:
            return _country(code)
        if kind is not None and code.upper() != countries.NON_STATE_CODE:
            raise _refused("non_state_code", "non-State addressees use the code {code}", code="OTH")
        return code.upper()

    @field_validator("name")
    @classmethod
    def _non_state_is_named(cls, name: str, info: ValidationInfo) -> str:
        if info.data.get("kind", Addressee.Kind.STATE) == Addressee.Kind.STATE:
            return name
        if not name:
            raise _refused("non_state_name", "is required for a non-State addressee")
        if len(name) > NON_STATE_NAME:
            raise _refused(
                "non_state_name_length",
                "must be at most {limit} characters for a non-State addressee",
                limit=NON_STATE_NAME,
            )
        return name


class SummaryLine(_Shape):
    background: LongText = ""
    allegations: LongText = ""
    concerns: LongText = ""
    update: LongText = ""


class MandateLine(_Shape):
    name: Annotated[Text, Field(max_length=300)] = ""
    short_name: Annotated[Text, Field(max_length=60)] = ""
    lead: StrictBool = False

    @model_validator(mode="after")
    def _named(self) -> "MandateLine":
        if not (self.name or self.short_name):
            raise _refused("mandate_name", "needs a short_name or a name")
        return self


class ReplyRecord(_Shape):
    id: Uid = None
    received_on: Annotated[date, BeforeValidator(_required_date)]
    kind: Annotated[Text, _one_of(Reply.Kind.values, "substantive")] = "substantive"
    language: Annotated[Text, _one_of(Communication.Language.values, "en")] = "en"
    translation_pending: StrictBool = False
    summary: LongText = ""


class PersonRecord(_Shape):
    name: Annotated[RequiredText, Field(max_length=200)]
    named_to_addressee: StrictBool = False
    # Absent consent means no consent: the public text is then redacted.
    named_in_public: StrictBool = False

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


class PublicVersionLine(_Shape):
    """The public text in one more language (communications.PublicVersion)."""

    language: Annotated[RequiredText, _one_of(Communication.Language.values)]
    is_original: StrictBool = False
    title: Annotated[RequiredText, Field(max_length=300)]
    topic: LongText = ""
    background: LongText = ""
    allegations: LongText = ""
    concerns: LongText = ""


class CommunicationLine(_Shape):
    """One line as a partner writes it; field order is the order in which faults are reported."""

    id: Uid = None
    type: Annotated[RequiredText, _one_of(Communication.Type.values)]
    addressee: AddresseeLine
    reference: Annotated[Text, Field(max_length=40)] = ""
    legacy_reference: Annotated[Text, Field(max_length=120)] = ""
    copied: Annotated[list[CountryCode], _absent_is(list), Field(max_length=MAX_COPIED)] = []
    sent_on: Annotated[date | None, BeforeValidator(_sending_date)] = None
    language: Annotated[Text, _one_of(Communication.Language.values, "en")] = "en"
    title: Annotated[RequiredText, Field(max_length=300)]
    topic: LongText = ""
    summary: Annotated[SummaryLine, _absent_is(dict)] = SummaryLine()
    full_text: LongText = ""
    mandates: Annotated[list[MandateLine], _absent_is(list), Field(max_length=MAX_MANDATES)] = []
    replies: Annotated[list[ReplyRecord], _absent_is(list), Field(max_length=MAX_REPLIES)] = []
    themes: Annotated[
        list[Annotated[RequiredText, Field(max_length=120)]], _absent_is(list), Field(max_length=MAX_THEMES)
    ] = []
    persons: Annotated[list[PersonRecord], _absent_is(list), Field(max_length=MAX_PERSONS)] = []
    # Absent (or null) leaves the recorded follow-ups as they are, so that files written before the key existed
    # do not erase them; a list, even an empty one, is the whole list.
    follows_up: (
        Annotated[
            list[Annotated[RequiredText, Field(max_length=FOLLOWED_UP_NAME)]],
            Field(max_length=MAX_FOLLOWS_UP),
        ]
        | None
    ) = None
    withheld: StrictBool = False
    withheld_reason: Annotated[LongText, Field(validate_default=True)] = ""
    # Absent (or null) leaves the recorded versions as they are; a list, even an empty one, is the whole list.
    public_versions: Annotated[list[PublicVersionLine], Field(max_length=MAX_PUBLIC_VERSIONS)] | None = None

    @field_validator("public_versions")
    @classmethod
    def _one_version_per_other_language(
        cls, versions: list[PublicVersionLine] | None, info: ValidationInfo
    ) -> list[PublicVersionLine] | None:
        seen = {info.data.get("language")}
        for version in versions or []:
            if version.language in seen:
                raise _refused(
                    "version_language",
                    "has a second text in “{value}” (the line's own language or another version's)",
                    value=version.language,
                )
            seen.add(version.language)
        if sum(version.is_original for version in versions or []) > 1:
            raise _refused("version_original", "names more than one version as the original")
        return versions

    @field_validator("reference")
    @classmethod
    def _current_form(cls, reference: str, info: ValidationInfo) -> str:
        if not reference:
            return ""
        parsed = parse_reference(reference)
        if parsed is None:
            raise _refused(
                "reference_form",
                "“{value}” is not of the form “AL RUS 15/2023” (use legacy_reference)",
                value=_shown(reference),
            )
        letter_type, addressee = info.data.get("type"), info.data.get("addressee")
        if letter_type is None or addressee is None:
            return reference  # their own faults come first
        if parsed.type != letter_type or parsed.code != addressee.code:
            raise _refused(
                "reference_match",
                "“{value}” does not match type {type} and addressee code {code}",
                value=reference,
                type=letter_type,
                code=addressee.code,
            )
        return reference

    @field_validator("copied")
    @classmethod
    def _copied_once(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if codes.count(code) > 1:
                raise _refused("copied_twice", "lists “{code}” twice", code=code)
        return codes

    @field_validator("follows_up")
    @classmethod
    def _followed_up_once(cls, names: list[str] | None) -> list[str] | None:
        for name in names or []:
            if names and names.count(name) > 1:
                raise _refused("follows_up_twice", "lists “{name}” twice", name=_shown(name))
        return names

    @field_validator("mandates")
    @classmethod
    def _one_lead(cls, mandates: list[MandateLine]) -> list[MandateLine]:
        if mandates and sum(mandate.lead for mandate in mandates) != 1:
            raise _refused("lead", "exactly one mandate must have lead: true")
        return mandates

    @field_validator("withheld_reason")
    @classmethod
    def _reasoned(cls, reason: str, info: ValidationInfo) -> str:
        if info.data.get("withheld") and not reason:
            raise _refused("withheld_reason", "is required when withheld is true")
        return reason


# The clean record


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
    follows_up: list[str] | None = None  # None: leave as recorded
    withheld: bool = False
    withheld_reason: str = ""
    public_versions: list[PublicVersionLine] | None = None  # None: leave as recorded


# Pydantic's wording for the faults of shape, in the words a partner can act on.
REASONS = {
    "missing": "is required",
    "string_type": "must be a string",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "too_short": "is required",
}


def _reason(error: ErrorDetails) -> str:
    context = error.get("ctx", {})
    if error["type"] == "too_long":
        unit = "items" if isinstance(error["input"], list) else "characters"
        return f"must be at most {context['max_length']} {unit}"
    if error["type"] == "model_type" and not error["loc"]:
        return "must be a JSON object"
    return REASONS.get(error["type"], error["msg"])


class MandateIndex:
    """Every mandate by short name and by name, read once for a whole file rather than once a line."""

    def __init__(self) -> None:
        mandates = list(Mandate.objects.order_by("pk"))
        # The first of equal names wins, as `.first()` on the table did.
        self.by_short_name: dict[str, Mandate] = {}
        self.by_name: dict[str, Mandate] = {}
        for mandate in mandates:
            self.by_short_name.setdefault(mandate.short_name, mandate)
            self.by_name.setdefault(mandate.name, mandate)

    def find(self, line: MandateLine) -> Mandate | None:
        return (self.by_short_name.get(line.short_name) if line.short_name else None) or (
            self.by_name.get(line.name) if line.name else None
        )


def _mandates(lines: list[MandateLine], index: MandateIndex | None) -> list[tuple[Mandate, bool]]:
    mandates: list[tuple[Mandate, bool]] = []
    listed: set[int] = set()
    if lines and index is None:
        index = MandateIndex()
    for index_in_list, line in enumerate(lines):
        assert index is not None
        mandate = index.find(line)
        if mandate is None:
            raise RecordError(
                f"mandates.{index_in_list}", f"unknown mandate “{_shown(line.short_name or line.name)}”"
            )
        if mandate.pk in listed:
            raise RecordError(
                f"mandates.{index_in_list}", f"lists the mandate {mandate.short_name} a second time"
            )
        mandates.append((mandate, line.lead))
        listed.add(mandate.pk)
    return mandates


def read_record(data: Any, mandates: MandateIndex | None = None) -> CommunicationRecord:
    """Validate one decoded line; raises RecordError naming the first field at fault (e.g. `replies.0.kind`).

    An import passes one MandateIndex for all its lines; without one, the mandates are read for this line."""
    try:
        line = CommunicationLine.model_validate(data)
    except ValidationError as invalid:
        first = invalid.errors(include_url=False)[0]
        raise RecordError(".".join(str(part) for part in first["loc"]) or "(line)", _reason(first)) from None
    return CommunicationRecord(
        id=line.id,
        reference=line.reference,
        legacy_reference=line.legacy_reference,
        type=line.type,
        addressee=line.addressee.model_dump(),
        copied=line.copied,
        sent_on=line.sent_on,
        language=line.language,
        title=line.title,
        topic=line.topic,
        summary=line.summary.model_dump(),
        full_text=line.full_text,
        mandates=_mandates(line.mandates, mandates),
        replies=line.replies,
        themes=line.themes,
        persons=line.persons,
        follows_up=line.follows_up,
        withheld=line.withheld,
        withheld_reason=line.withheld_reason,
        public_versions=line.public_versions,
    )
