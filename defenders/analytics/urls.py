"""The public figures under /statistics/ (and the language prefixes): published communications only."""

from django.urls import path

from . import views
from .figures import Scope

app_name = "statistics"
PUBLIC = {"scope": Scope.PUBLIC}

urlpatterns = [
    path("statistics/", views.overview, PUBLIC, name="overview"),
    path("statistics/addressees/", views.addressees, PUBLIC, name="addressees"),
    path("statistics/addressees.csv", views.addressees_csv, PUBLIC, name="addressees_csv"),
    path("statistics/mandates/", views.mandates, PUBLIC, name="mandates"),
    path("statistics/mandates.csv", views.mandates_csv, PUBLIC, name="mandates_csv"),
    path("statistics/map/", views.communications_map, PUBLIC, name="map"),
    path("statistics/years/", views.years, PUBLIC, name="years"),
    path("statistics/years.csv", views.years_csv, PUBLIC, name="years_csv"),
    path("statistics/years-by-type.csv", views.years_by_type_csv, PUBLIC, name="years_by_type_csv"),
    path("statistics/types.csv", views.types_csv, PUBLIC, name="types_csv"),
    path("statistics/themes.csv", views.themes_csv, PUBLIC, name="themes_csv"),
    path("statistics/reports/", views.report_list, PUBLIC, name="reports"),
    path("statistics/reports/<int:session>/", views.report, PUBLIC, name="report"),
    path("statistics/reports/<int:session>.csv", views.report_csv, PUBLIC, name="report_csv"),
    path("statistics/reports/<int:session>.pdf", views.report_pdf, PUBLIC, name="report_pdf"),
]
