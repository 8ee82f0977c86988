"""Top-level URLs: the public site in each language (English unprefixed, /fr/, /es/), and the staff admin."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("staff/admin/", admin.site.urls),
    # The language is in the address, so that choosing one needs no cookie and pages can be shared as they are.
    *i18n_patterns(
        path("", include("defenders.intake.urls")),
        path("", include("defenders.publication.urls")),
        prefix_default_language=False,
    ),
]
