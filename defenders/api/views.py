"""The API's read-only operations. Each answers from the public querysets only: an embargoed or withheld
communication is as unknown as a slug that never existed."""

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date
from ninja import Router
from ninja.errors import HttpError

from defenders.addressees.models import Addressee
from defenders.communications.models import Communication
from defenders.mandates.models import Mandate

from .records import latest_change, public_record, with_public_relations
from .schemas import AddresseeCount, CommunicationRecord, MandateCount, Problem

router = Router(tags=["open data"])


def set_last_modified(response: HttpResponse, communications) -> None:
    moment = latest_change(communications)
    if moment is not None:
        response["Last-Modified"] = http_date(moment.timestamp())


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
        raise HttpError(404, "No public communication has this slug.")
    set_last_modified(response, [communication])
    return public_record(communication, site_url=request.build_absolute_uri("/").rstrip("/"))


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
