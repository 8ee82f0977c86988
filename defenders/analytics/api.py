"""The public figures as JSON: a django-ninja Router that the API app mounts under /api/v1/statistics/.

The same figures as /statistics/addressees.csv (published communications only), with the same parameters."""

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from . import figures
from .figures import Scope, Selection

router = Router(tags=["statistics"])


class AddresseeFigures(Schema):
    addressee_code: str
    addressee: str
    communications: int
    with_reply: int
    with_substantive_reply: int
    reply_rate: float
    replied_within_period: int
    median_days_to_first_reply: float | None
    no_reply: int


class Refusal(Schema):
    detail: str


@router.get(
    "/addressees",
    response={200: list[AddresseeFigures], 400: Refusal},
    summary="Replies by addressee (published communications)",
    url_name="statistics_addressees",
)
def addressees(request: HttpRequest, type: str = "", to: str = "", year_from: str = Query("", alias="from")):
    """One row per addressee with published communications sent in the years `from` to `to` (inclusive) and of
    the `type` given (AL, UA or OL); `reply_rate` is with_reply / communications rounded to 3 decimals."""
    try:
        selection = Selection.from_query({"from": year_from, "to": to, "type": type})
    except figures.InvalidSelection as error:
        return Status(400, {"detail": str(error)})
    return [
        {
            "addressee_code": row.key,
            "addressee": row.label,
            "communications": row.communications,
            "with_reply": row.with_reply,
            "with_substantive_reply": row.with_substantive_reply,
            "reply_rate": float(row.reply_rate),
            "replied_within_period": row.replied_within_period,
            "median_days_to_first_reply": row.median_days_to_first_reply,
            "no_reply": row.no_reply,
        }
        for row in figures.by_addressee(Scope.PUBLIC, selection)
    ]
