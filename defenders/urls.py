"""Top-level URLs: the public site, and the staff admin behind login."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("staff/admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("defenders.intake.urls")),
    path("", include("defenders.publication.urls")),
]
