"""Feeds and the sitemap: one address each, without a language prefix, with the open data headers."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from defenders.api.http import open_data

from . import feeds
from .sitemaps import SITEMAPS

app_name = "feeds"

feed = open_data(group="feeds")

urlpatterns = [
    path("feeds/communications.atom", feed(feeds.CommunicationsFeed()), name="communications"),
    path("feeds/addressees/<str:code>.atom", feed(feeds.AddresseeFeed()), name="addressee"),
    path("feeds/mandates/<str:short_name>.atom", feed(feeds.MandateFeed()), name="mandate"),
    path("feeds/themes/<slug:slug>.atom", feed(feeds.ThemeFeed()), name="theme"),
    path(
        "sitemap.xml",
        feed(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "feeds:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        feed(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
