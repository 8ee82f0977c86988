"""The shapes of the API's answers, which its OpenAPI description publishes (/api/v1/openapi.json)."""

from datetime import date, datetime

from ninja import Field, Schema


class AddresseeName(Schema):
    code: str = Field(description="ISO 3166 alpha-3 code, or OTH for a non-State addressee", examples=["RUS"])
    name: str = Field(examples=["Russian Federation"])


class AddresseeOfRecord(AddresseeName):
    kind: str = Field(description="state, company, intergovernmental or other")


class SummarySections(Schema):
    background: str
    allegations: str
    concerns: str
    update: str


class SigningMandate(Schema):
    name: str
    short_name: str = Field(examples=["SR HRDs"])
    lead: bool


class PublicReplyRecord(Schema):
    id: str
    received_on: date
    public_from: datetime = Field(description="When the reply became public")
    kind: str = Field(description="substantive, acknowledgement, extension_request or confidential")
    language: str
    translation_pending: bool
    summary: str = Field(description="Empty for a confidential reply and for one still being translated")


class CommunicationRecord(Schema):
    """A public communication in the keys of the interchange format (`defenders export`), redacted."""

    id: str
    reference: str = Field(examples=["AL RUS 15/2023"])
    legacy_reference: str
    slug: str
    url: str = Field(description="The public page")
    type: str = Field(description="AL, UA or OL")
    addressee: AddresseeOfRecord
    copied: list[str] = Field(description="Codes of the States copied")
    sent_on: date
    public_from: datetime = Field(description="The moment it became public (Geneva time, with its offset)")
    language: str
    title: str
    topic: str
    summary: SummarySections
    full_text: str
    mandates: list[SigningMandate] = Field(description="The signing mandates, lead first")
    replies: list[PublicReplyRecord]
    themes: list[str]
    follows_up: list[str] = Field(description="References of the earlier public communications it follows up")


class CommunicationHit(Schema):
    id: str
    reference: str
    legacy_reference: str
    slug: str
    url: str = Field(description="The public page")
    type: str
    addressee: AddresseeName
    sent_on: date
    public_from: datetime
    title: str = Field(description="The public title, as the page shows it")
    reply_status: str = Field(description="none, replied, procedural, confidential or translation_pending")
    mandates: list[str] = Field(description="Short names of the signing mandates, lead first")
    themes: list[str] = Field(description="Slugs of its themes")
    snippet: str = Field(description="HTML: the matching passage, terms in <mark>; empty without q")


class FacetCount(Schema):
    value: str
    label: str
    count: int


class Facets(Schema):
    addressee: list[FacetCount]
    year: list[FacetCount]
    type: list[FacetCount]
    mandate: list[FacetCount]
    theme: list[FacetCount]
    reply: list[FacetCount]
    language: list[FacetCount]


class CommunicationPage(Schema):
    count: int
    next: str | None = Field(description="The address of the next page, null on the last")
    previous: str | None
    results: list[CommunicationHit]
    facets: Facets


class MandateCount(Schema):
    short_name: str
    name: str
    kind: str = Field(description="thematic or country")
    is_working_group: bool
    communications: int = Field(description="Public communications it signed, as lead or co-signer")
    led: int = Field(description="Public communications it led")


class AddresseeCount(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    communications: int = Field(description="Public communications addressed to it")


class Problem(Schema):
    detail: str
