"""The API's read-only operations. Each answers from the public querysets only: an embargoed or withheld
communication is as unknown as a slug that never existed."""

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from django.utils.translation import gettext
from ninja import Query, Router
from ninja.errors import HttpError

from defenders.addressees.models import Addressee
from defenders.communications.models import Communication
from defenders.mandates.models import Mandate
from defenders.search import InvalidSearch, SearchParams, search

from .records import hit_record, latest_change, public_record, with_public_relations
from .schemas import AddresseeCount, CommunicationPage, CommunicationRecord, MandateCount, Problem

router = Router(tags=["open data"])


def set_last_modified(response: HttpResponse, communications) -> None:
    moment = latest_change(communications)
    if moment is not None:
        response["Last-Modified"] = http_date(moment.timestamp())


PAGE_SIZE = 20


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@router.get(
    "/communications",
    response={200: CommunicationPage, 400: Problem},
    summary="Search the public communications",
    description="The same search as the page /communications/, with the same parameters: 20 results a page, "
    "best first for a text search (sort=relevance) or newest first (sort=date), and for each facet the count "
    "that choosing each value would return. Pages stop at 50: narrow the search, or export it whole "
    "(/communications/export.csv, /communications/export.jsonl). A parameter that cannot be used answers "
    "400 with a sentence saying why.",
)
def communication_list(
    request: HttpRequest,
    response: HttpResponse,
    q: str = Query("", description="Words to find; “quoted phrases”, accents and case do not matter"),
    addressee: str = Query("", description="ISO 3166 alpha-3 code, or OTH for non-State actors"),
    year: str = Query("", description="Year of sending, e.g. 2023"),
    type: str = Query("", description="AL, UA or OL"),
    mandate: str = Query("", description="A signing mandate's short name, e.g. SR HRDs"),
    theme: str = Query("", description="A theme's slug"),
    reply: str = Query("", description="none, replied, procedural, confidential or translation_pending"),
    language: str = Query("", description="Language of the letter: en, fr, es, ..."),
    sort: str = Query("relevance", description="relevance (text searches) or date (newest first)"),
    page: str = Query("1", description="1 to 50"),
):
    # Read as the page reads them (one set of rules and messages); the signature above documents them.
    try:
        params = SearchParams.from_query(request.GET)
    except InvalidSearch as invalid:
        raise HttpError(400, str(invalid)) from None
    result = search(params, per_page=PAGE_SIZE)
    here = request.build_absolute_uri(request.path)
    communications = [hit.communication for hit in result.hits]
    set_last_modified(response, communications)
    return {
        "count": result.count,
        "next": f"{here}?{params.as_query(page=params.page + 1)}" if result.has_next else None,
        "previous": f"{here}?{params.as_query(page=params.page - 1)}" if result.has_previous else None,
        "results": [
            hit_record(hit.communication, hit.snippet, site_url=_site(request)) for hit in result.hits
        ],
        "facets": {
            name: [{"value": v.value, "label": str(v.label), "count": v.count} for v in values]
            for name, values in result.facets.items()
        },
    }


@router.get(
    "/communications/{slug}",
    response={200: CommunicationRecord, 404: Problem},
    summary="One public communication",
    description="The public record in the keys of the interchange format, with its public replies; names "
    "withheld from the public are replaced by “[name withheld]”. A communication that is not public yet "
    "answers 404, as an unknown one does.",
)
def communication_detail(request: HttpRequest, response: HttpResponse, slug: str):
    communication = with_public_relations(Communication.objects.public().filter(slug=slug)).first()
    if communication is None:
        raise HttpError(404, gettext("No public communication has this slug."))
    set_last_modified(response, [communication])
    return public_record(communication, site_url=_site(request))


@router.get(
    "/mandates",
    response=list[MandateCount],
    summary="The mandates, with their public communications",
)
def mandate_list(request: HttpRequest):
    public = Communication.objects.public().values("pk")
    mandates = Mandate.objects.annotate(
        signed=Count("communicationmandate", filter=Q(communicationmandate__communication__in=public)),
        led_count=Count(
            "communicationmandate",
            filter=Q(communicationmandate__communication__in=public, communicationmandate__is_lead=True),
        ),
    ).order_by("short_name")
    return [
        {
            "short_name": mandate.short_name,
            "name": mandate.name,
            "kind": mandate.kind,
            "is_working_group": mandate.is_working_group,
            "communications": mandate.signed,
            "led": mandate.led_count,
        }
        for mandate in mandates
    ]


@router.get(
    "/addressees",
    response=list[AddresseeCount],
    summary="The addressees of public communications, with their counts",
    description="Only addressees with at least one public communication: a letter still confidential does not "
    "reveal whom it was sent to.",
)
def addressee_list(request: HttpRequest):
    addressees = (
        Addressee.objects.annotate(
            public_count=Count("communications", filter=Q(communications__in=Communication.objects.public()))
        )
        .filter(public_count__gt=0)
        .order_by("code", "name")
    )
    return [
        {
            "code": addressee.code,
            "name": addressee.name,
            "short_name": addressee.short_name,
            "kind": addressee.kind,
            "communications": addressee.public_count,
        }
        for addressee in addressees
    ]
