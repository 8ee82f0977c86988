"""The public record of a communication, as the API, the exports and the feeds give it: the interchange format's
keys (defenders/interchange/jsonl.py) minus what is never public, every text redacted as the public pages are."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from defenders.cases.models import CasePerson
from defenders.clock import office_today
from defenders.communications.models import Communication, CommunicationMandate, Reply
from defenders.interchange.jsonl import follow_up_name
from defenders.publication.summary import PublicSummary
from defenders.search import reply_status

# Keys of `defenders export` lines that a public record leaves out: the persons (their names and consents belong
# to the case file) and whether and why staff withheld it (a public record never is).
NEVER_PUBLIC_KEYS = ("persons", "withheld", "withheld_reason")


def with_public_relations(communications: QuerySet[Communication], at: datetime | None = None):
    """Prefetch what a public record reads, so that a page or an export chunk costs a fixed number of queries.

    The communications are public already, so a reply is public once its day has come (embargo.reply_public_from)."""
    return communications.select_related("addressee").prefetch_related(
        Prefetch("mandate_links", queryset=CommunicationMandate.objects.select_related("mandate")),
        Prefetch(
            "replies",
            queryset=Reply.objects.filter(received_on__lte=office_today(at)).order_by("received_on", "pk"),
            to_attr="public_replies",
        ),
        Prefetch("cases__caseperson_set", queryset=CasePerson.objects.select_related("person")),
        "themes",
        "copied",
        Prefetch(
            "follows_up",
            queryset=Communication.objects.public(at).only("uid", "reference", "legacy_reference"),
            to_attr="public_earlier",
        ),
    )


def summary_of(communication: Communication) -> PublicSummary:
    return PublicSummary(communication, replies=communication.public_replies)  # type: ignore[attr-defined]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def mandate_links(communication: Communication) -> list[CommunicationMandate]:
    """The signing mandates, lead first, then in the letter's order."""
    return sorted(communication.mandate_links.all(), key=lambda link: (not link.is_lead, link.order))


def public_record(communication: Communication, *, site_url: str = "") -> dict[str, Any]:
    """One public communication in the interchange format's keys, with its public replies, and three more keys
    a reader of open data needs (slug, url, public_from); a line an importer reads as it reads any other."""
    summary = summary_of(communication)
    return {
        "id": str(communication.uid),
        "reference": communication.reference,
        "legacy_reference": communication.legacy_reference,
        "slug": communication.slug,
        "url": site_url + communication.get_absolute_url(),
        "type": communication.type,
        "addressee": {
            "code": communication.addressee.code,
            "name": communication.addressee.name,
            "kind": communication.addressee.kind,
        },
        "copied": sorted(addressee.code for addressee in communication.copied.all()),
        "sent_on": _day(communication.sent_on),
        "public_from": _moment(communication.public_from),
        "language": communication.language,
        "title": summary._text(communication.title),
        "topic": summary.topic,
        "summary": {
            "background": summary.background,
            "allegations": summary.allegations,
            "concerns": summary.concerns,
            "update": summary.update,
        },
        "full_text": summary.full_text,
        "mandates": [
            {"name": link.mandate.name, "short_name": link.mandate.short_name, "lead": link.is_lead}
            for link in mandate_links(communication)
        ],
        "replies": [
            {
                "id": str(public.reply.uid),
                "received_on": public.reply.received_on.isoformat(),
                "public_from": _moment(public.reply.public_from),
                "kind": public.reply.kind,
                "language": public.reply.language,
                "translation_pending": public.reply.translation_pending,
                # A confidential reply, or one being translated, is published as a placeholder only.
                "summary": public.summary if public.shows_content else "",
            }
            for public in summary.public_replies
        ],
        "themes": sorted(theme.name for theme in communication.themes.all()),
        "follows_up": sorted(follow_up_name(earlier) for earlier in communication.public_earlier),  # type: ignore[attr-defined]
    }


def hit_record(communication: Communication, snippet: str, *, site_url: str = "") -> dict[str, Any]:
    """One search result as the API lists it (and the CSV export, flattened)."""
    summary = summary_of(communication)
    return {
        "id": str(communication.uid),
        "reference": communication.reference,
        "legacy_reference": communication.legacy_reference,
        "slug": communication.slug,
        "url": site_url + communication.get_absolute_url(),
        "type": communication.type,
        "addressee": {"code": communication.addressee.code, "name": communication.addressee.name},
        "sent_on": _day(communication.sent_on),
        "public_from": _moment(communication.public_from),
        "title": summary.title,
        "reply_status": reply_status(communication),
        "mandates": [link.mandate.short_name for link in mandate_links(communication)],
        "themes": sorted(theme.slug for theme in communication.themes.all()),
        "snippet": snippet,
    }


def latest_change(communications: Iterable[Communication]) -> datetime | None:
    """When what these public records show last changed: an edit, a publication, or a reply made public."""
    moments: list[datetime] = []
    for communication in communications:
        moments.append(communication.updated_at)
        moments.extend(
            moment
            for moment in (
                communication.public_from,
                *(reply.public_from for reply in communication.public_replies),  # type: ignore[attr-defined]
            )
            if moment is not None
        )
    return max(moments, default=None)
