"""What the public may read of a press release: its text redacted where consent is missing, with the references of
communications that are not public yet removed, and links to the linked communications that are public."""

from datetime import datetime

from django.db.models import F, Prefetch, QuerySet
from django.utils.translation import get_language

from defenders.cases.models import CasePerson
from defenders.communications.models import Communication, CommunicationMandate
from defenders.communications.redaction import redact
from defenders.press.models import PressRelease
from defenders.press.names import leftovers, withheld_names
from defenders.press.publication import hide_references

from .summary import PublicSummary


def _persons() -> QuerySet[CasePerson]:
    return CasePerson.objects.select_related("person")


def public_press_releases(at: datetime | None = None) -> QuerySet[PressRelease]:
    """Public releases, newest first, with what their public page reads prefetched."""
    return (
        PressRelease.objects.public(at)
        .order_by(F("published_at").desc(nulls_last=True), "-scheduled_for", "-pk")
        .prefetch_related(
            Prefetch("cases__caseperson_set", queryset=_persons()),
            Prefetch("communications__cases__caseperson_set", queryset=_persons()),
            Prefetch(
                "communications",
                queryset=Communication.objects.public(at)
                .select_related("addressee")
                .prefetch_related(
                    Prefetch(
                        "mandate_links", queryset=CommunicationMandate.objects.select_related("mandate")
                    ),
                    Prefetch("cases__caseperson_set", queryset=_persons()),
                    "public_versions",
                ),
                to_attr="public_communications",
            ),
        )
    )


class PublicPressRelease:
    def __init__(self, release: PressRelease):
        self.release = release
        self._names = withheld_names(release)
        public = getattr(release, "public_communications", None)
        if public is None:
            public = list(Communication.objects.public().filter(press_releases=release))
        public_pks = {communication.pk for communication in public}
        self._hidden_references = [
            reference
            for communication in release.communications.all()
            if communication.pk not in public_pks
            for reference in (communication.reference, communication.legacy_reference)
        ]
        self.communications = [
            PublicSummary(communication, replies=[], page_language=get_language() or "")
            for communication in public
        ]

    def _text(self, text: str) -> str:
        return hide_references(redact(text, self._names), self._hidden_references)

    @property
    def slug(self) -> str:
        return self.release.slug

    @property
    def title(self) -> str:
        return self._text(self.release.title)

    @property
    def body(self) -> str:
        return self._text(self.release.body)

    @property
    def went_out_at(self) -> datetime | None:
        return self.release.goes_out_at

    @property
    def is_redacted(self) -> bool:
        return bool(self._names)

    @property
    def shows_withheld_name(self) -> bool:
        """A consent withdrawn after the release went out can leave a short name part: then it is not shown."""
        return bool(leftovers(self.release, self._names))
