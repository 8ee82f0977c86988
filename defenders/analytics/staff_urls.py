"""The same figures for staff under /staff/figures/, over everything sent: roles that may view figures."""

from django.urls import path

from defenders.accounts.access import staff_page

from . import period_views, views
from .figures import Scope

app_name = "figures"
STAFF = {"scope": Scope.STAFF}
FIGURES = "accounts.view_figures"


def _staff(view):
    return staff_page(FIGURES)(view)


urlpatterns = [
    path("figures/", _staff(views.overview), STAFF, name="overview"),
    path("figures/addressees/", _staff(views.addressees), STAFF, name="addressees"),
    path("figures/addressees.csv", _staff(views.addressees_csv), STAFF, name="addressees_csv"),
    path("figures/mandates/", _staff(views.mandates), STAFF, name="mandates"),
    path("figures/mandates.csv", _staff(views.mandates_csv), STAFF, name="mandates_csv"),
    path("figures/map/", _staff(views.communications_map), STAFF, name="map"),
    path("figures/years/", _staff(views.years), STAFF, name="years"),
    path("figures/years.csv", _staff(views.years_csv), STAFF, name="years_csv"),
    path("figures/years-by-type.csv", _staff(views.years_by_type_csv), STAFF, name="years_by_type_csv"),
    path("figures/types.csv", _staff(views.types_csv), STAFF, name="types_csv"),
    path("figures/themes.csv", _staff(views.themes_csv), STAFF, name="themes_csv"),
    path("figures/reports/", _staff(views.report_list), STAFF, name="reports"),
    path("figures/reports/<int:session>/", _staff(views.report), STAFF, name="report"),
    path("figures/reports/<int:session>.csv", _staff(views.report_csv), STAFF, name="report_csv"),
    path("figures/reports/<int:session>.pdf", _staff(views.report_pdf), STAFF, name="report_pdf"),
    # Reporting periods: their own permissions (analytics.add_/change_reportingperiod), checked by each view.
    path("figures/periods/", period_views.period_list, name="periods"),
    path("figures/periods/new/", period_views.period_new, name="period_new"),
    path("figures/periods/<int:session>/", period_views.period_edit, name="period"),
]
