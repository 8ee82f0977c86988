"""Atom feeds of newly public communications: all of them, and per addressee, mandate and theme. An entry is
dated by the moment it became public (embargo.public_from), so that it appears on its publication day."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from defenders.addressees import countries
from defenders.api.records import mandate_links, summary_of, with_public_relations
from defenders.cases.models import Theme
from defenders.communications.models import Communication, CommunicationQuerySet
from defenders.mandates.models import Mandate

FEED_LENGTH = 50


def newly_public(communications: CommunicationQuerySet, count: int = FEED_LENGTH) -> list[Communication]:
    """The `count` communications that became public most recently, newest first.

    Within one rule (60 days, or two working days for other letters) the publication moment grows with the
    sending day, so the newest of each rule, merged by their moment, are the newest of all."""
    public = communications.public()
    newest = [
        *public.exclude(type=Communication.Type.OTHER_LETTER).order_by("-sent_on", "-pk")[:count],
        *public.filter(type=Communication.Type.OTHER_LETTER).order_by("-sent_on", "-pk")[:count],
    ]
    pks = [c.pk for c in sorted(newest, key=lambda c: (c.public_from, c.pk), reverse=True)[:count]]
    ordered = {c.pk: c for c in with_public_relations(Communication.objects.filter(pk__in=pks))}
    return [ordered[pk] for pk in pks]


class CommunicationsFeed(Feed):
    feed_type = Atom1Feed
    title_prefix = "Communications made public"

    def get_object(self, request: HttpRequest, *args, **kwargs):
        return None

    def scope(self, obj) -> CommunicationQuerySet:
        return Communication.objects.all()

    def scope_name(self, obj) -> str:
        return ""

    def title(self, obj) -> str:
        name = self.scope_name(obj)
        return f"{self.title_prefix}: {name}" if name else self.title_prefix

    def subtitle(self, obj) -> str:
        return (
            f"Communications of {settings.DEFENDERS_OFFICE_NAME} and other UN experts, "
            "each on the day it became public."
        )

    def link(self, obj) -> str:
        return reverse("publication:communications")

    def author_name(self) -> str:
        return settings.DEFENDERS_OFFICE_NAME

    def items(self, obj) -> list[Communication]:
        return newly_public(self.scope(obj))

    def item_title(self, item: Communication) -> str:
        return (
            f"{item.display_reference}: {summary_of(item).title}"
            if item.display_reference
            else summary_of(item).title
        )

    def item_description(self, item: Communication) -> str:
        summary = summary_of(item)
        return " ".join([*summary.introduction(), f"Topic: {summary.topic}" if summary.topic else ""]).strip()

    def item_link(self, item: Communication) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Communication):
        return item.public_from

    def item_updateddate(self, item: Communication):
        return item.public_from

    def item_categories(self, item: Communication) -> list[str]:
        return [link.mandate.short_name for link in mandate_links(item)] + [t.name for t in item.themes.all()]


class AddresseeFeed(CommunicationsFeed):
    """Per addressee code: any ISO 3166 alpha-3 code, or OTH; a code answers whether or not it has letters, so
    that no feed tells that a confidential one exists."""

    def get_object(self, request: HttpRequest, *args, **kwargs) -> str:
        code = kwargs["code"].upper()
        if code != countries.NON_STATE_CODE and countries.lookup(code) is None:
            raise Http404("Not an addressee code")
        return code

    def scope(self, obj: str) -> CommunicationQuerySet:
        return Communication.objects.filter(addressee__code=obj)

    def scope_name(self, obj: str) -> str:
        if obj == countries.NON_STATE_CODE:
            return "non-State actors"
        country = countries.lookup(obj)
        return country.name if country else obj


class MandateFeed(CommunicationsFeed):
    """Per mandate (its short name, e.g. /feeds/mandates/SR%20HRDs.atom), as lead or co-signer."""

    def get_object(self, request: HttpRequest, *args, **kwargs) -> Mandate:
        return get_object_or_404(Mandate, short_name=kwargs["short_name"])

    def scope(self, obj: Mandate) -> CommunicationQuerySet:
        return Communication.objects.filter(mandate_links__mandate=obj)

    def scope_name(self, obj: Mandate) -> str:
        return obj.name


class ThemeFeed(CommunicationsFeed):
    def get_object(self, request: HttpRequest, *args, **kwargs) -> Theme:
        return get_object_or_404(Theme, slug=kwargs["slug"])

    def scope(self, obj: Theme) -> CommunicationQuerySet:
        return Communication.objects.filter(themes=obj)

    def scope_name(self, obj: Theme) -> str:
        return obj.name
