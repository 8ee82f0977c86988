"""Top-level URLs: the public site in each language (English unprefixed, /ar/, /zh/, /fr/, /ru/, /es/), and the staff inbox and
admin under /staff/ only."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from defenders.api.urls import open_data_patterns
from defenders.core.language_urls import language_patterns
from defenders.intake.admin import own_password_change
from defenders.view_on_site import public_object_redirect

urlpatterns = [
    # Before the admin's own URLs, so that its "change password" page rewraps the staff key.
    path("staff/admin/password_change/", admin.site.admin_view(own_password_change)),
    # Staff log in once, with a second factor, on their own page; the admin's login leads there.
    path("staff/admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    # Before the admin's own "view on site" shortcut, which would redirect to the address of any object.
    path(
        "staff/admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(public_object_redirect),
    ),
    path("staff/admin/", admin.site.urls),
    path("staff/", include("defenders.accounts.urls")),
    # Unprefixed only, so that the staff key cookie can be scoped to /staff/ (docs/threat-model.md).
    path("staff/", include("defenders.intake.inbox_urls")),
    path("staff/", include("defenders.communications.staff_urls")),
    path("staff/", include("defenders.cases.staff_urls")),
    path("staff/", include("defenders.drafting.urls")),
    path("staff/", include("defenders.workspace.urls")),
    path("staff/", include("defenders.communications.workspace_urls")),
    path("staff/", include("defenders.press.workspace_urls")),
    path("staff/", include("defenders.meetings.urls")),
    # Open data: one address in every language, readable by any site (defenders/api/).
    path("api/v1/", open_data_patterns()),
    path("", include("defenders.publication.feed_urls")),
    path("staff/", include("defenders.analytics.staff_urls")),
    # The language is in the address, so that choosing one needs no cookie and pages can be shared as they are.
    *language_patterns(
        # With intake off (DEFENDERS_INTAKE), the source pages are gone; the inbox still reads what is stored.
        *([path("", include("defenders.intake.urls"))] if settings.DEFENDERS_INTAKE else []),
        path("", include("defenders.api.export_urls")),
        path("", include("defenders.publication.urls")),
        path("", include("defenders.analytics.urls")),
        prefix_default_language=False,
    ),
]

# Static pages that need neither the database nor the session: with the database away, the default view would
# fail again on the way out and gunicorn would answer its own bare error.
handler500 = "defenders.core.unavailable.server_error"
