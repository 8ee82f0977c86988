"""The communications report to a Human Rights Council session: the communications sent in the period, listed by
addressee, the replies received in the reply window (to them or to earlier ones), and the summary figures.

The public's report holds only what is public at that moment (titles redacted as on the public pages); the staff's
holds everything sent, before it is public."""

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.db.models import Count, Q
from django.utils.functional import Promise

from defenders.clock import office_today
from defenders.communications.exposure import withheld_names
from defenders.communications.models import Communication
from defenders.communications.redaction import redact

from .figures import TYPES, Scope, counted_replies, sent_communications
from .labels import REPLY_KIND_NAMES
from .models import ReportingPeriod


@dataclass(frozen=True)
class ReportedCommunication:
    reference: str
    sent_on: str
    type: str
    title: str
    replies_in_window: int
    language: str = "en"  # the letter's, which its title is written in


@dataclass(frozen=True)
class AddresseeSection:
    code: str
    name: str
    communications: list[ReportedCommunication]


@dataclass(frozen=True)
class ReportedReply:
    received_on: str
    kind: str | Promise  # in the reader's language
    addressee: str
    reference: str
    sent_on: str
    to_this_period: (
        bool  # a reply to a communication of this period, or a late one to an earlier communication
    )


@dataclass(frozen=True)
class Report:
    period: ReportingPeriod
    scope: Scope
    sections: list[AddresseeSection]
    replies: list[ReportedReply]
    by_type: dict[str, int]
    states: int
    other_addressees: int
    communications_with_reply_in_window: int

    @property
    def communications(self) -> int:
        return sum(self.by_type.values())


def _title(communication: Communication, scope: Scope) -> str:
    if scope is Scope.PUBLIC:
        return redact(communication.title, withheld_names(communication))
    return communication.title


def build(period: ReportingPeriod, scope: Scope, at: datetime | None = None) -> Report:
    """The report as the scope may read it at that moment (now by default)."""
    # The public counts only replies already received, as figures.counted_replies does.
    window_end = min(period.replies_to, office_today(at)) if scope is Scope.PUBLIC else period.replies_to
    window = Q(received_on__gte=period.replies_from, received_on__lte=window_end)
    reply_in_window = Q(replies__received_on__gte=period.replies_from, replies__received_on__lte=window_end)
    in_period = sent_communications(scope, at).filter(
        sent_on__gte=period.sent_from, sent_on__lte=period.sent_to
    )
    sent = (
        in_period.select_related("addressee")
        .prefetch_related("cases__caseperson_set__person")
        .annotate(replies_in_window=Count("replies", filter=reply_in_window))
        .order_by("addressee__name", "addressee_id", "sent_on", "reference")
    )
    sections = [
        AddresseeSection(
            addressee.code,
            addressee.name,
            [
                ReportedCommunication(
                    c.display_reference,
                    f"{c.sent_on:%Y-%m-%d}",
                    c.type,
                    _title(c, scope),
                    c.replies_in_window,  # type: ignore[attr-defined]
                    c.language,
                )
                for c in communications
            ],
        )
        for addressee, communications in groupby(sent, key=lambda c: c.addressee)
    ]
    replies = (
        counted_replies(scope, at)
        .filter(window, communication__in=sent_communications(scope, at))
        .select_related("communication__addressee")
        .order_by("received_on", "communication__addressee__name", "pk")
    )
    # Counted distinct: the reply filter joins each communication's replies.
    totals = in_period.order_by().aggregate(
        **{code: Count("pk", distinct=True, filter=Q(type=code)) for code in TYPES},
        states=Count("addressee", distinct=True, filter=Q(addressee__kind="state")),
        others=Count("addressee", distinct=True, filter=~Q(addressee__kind="state")),
        answered=Count("pk", distinct=True, filter=reply_in_window),
    )
    return Report(
        period=period,
        scope=scope,
        sections=sections,
        replies=[
            ReportedReply(
                f"{reply.received_on:%Y-%m-%d}",
                REPLY_KIND_NAMES[reply.kind],
                reply.communication.addressee.name,
                reply.communication.display_reference,
                f"{reply.communication.sent_on:%Y-%m-%d}",
                period.sent_from <= reply.communication.sent_on <= period.sent_to,  # type: ignore[operator]
            )
            for reply in replies
        ],
        by_type={code: totals[code] for code in TYPES},
        states=totals["states"],
        other_addressees=totals["others"],
        communications_with_reply_in_window=totals["answered"],
    )


CSV_COLUMNS = (
    "session",
    "addressee_code",
    "addressee",
    "reference",
    "sent_on",
    "type",
    "title",
    "replies_in_window",
)


def csv_rows(report: Report) -> list[list[str]]:
    return [
        [
            str(report.period.session),
            section.code,
            section.name,
            item.reference,
            item.sent_on,
            item.type,
            item.title,
            str(item.replies_in_window),
        ]
        for section in report.sections
        for item in section.communications
    ]
