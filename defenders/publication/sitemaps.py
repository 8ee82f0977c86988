"""The sitemap of the public site: the fixed pages, every public communication and its letter, and the public
press releases. Nothing the publication rule does not hold public at the moment of the request."""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from defenders.communications.models import Communication

from .press import PublicPressRelease, public_press_releases

FIXED_PAGES = (
    "publication:home",
    "publication:how_communications_work",
    "publication:communications",
    "publication:press_releases",
)


class FixedPages(Sitemap):
    def items(self) -> tuple[str, ...]:
        return FIXED_PAGES

    def location(self, item: str) -> str:
        return reverse(item)


class PublicCommunications(Sitemap):
    """One entry per public communication, last changed when edited or when it became public."""

    # The protocol's limit is 50,000 addresses a file: at 200,000 communications the index lists four.
    limit = 50_000

    def items(self):
        return (
            Communication.objects.public()
            .only("slug", "type", "sent_on", "withheld", "exposes_withheld_name", "updated_at")
            .order_by("sent_on", "pk")
        )

    def lastmod(self, item: Communication) -> datetime:
        return max(moment for moment in (item.updated_at, item.public_from) if moment is not None)


class PublicLetters(PublicCommunications):
    def items(self):
        return super().items().exclude(full_text="")

    def location(self, item: Communication) -> str:
        return reverse("publication:letter", kwargs={"slug": item.slug})


class PublicPressReleases(Sitemap):
    def items(self) -> list[PublicPressRelease]:
        # The same releases as the public list: one whose text would show a withheld name is left out there too.
        return [
            release
            for release in map(PublicPressRelease, public_press_releases())
            if not release.shows_withheld_name
        ]

    def location(self, item: PublicPressRelease) -> str:
        return reverse("publication:press_release", kwargs={"slug": item.release.slug})


SITEMAPS = {
    "pages": FixedPages,
    "communications": PublicCommunications,
    "letters": PublicLetters,
    "press-releases": PublicPressReleases,
}
