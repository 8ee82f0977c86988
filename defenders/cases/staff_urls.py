"""The case pages of the workspace, under /staff/cases/ only (never under a language prefix)."""

from django.urls import path

from . import from_submission, part_views, staff_views, suggestions

app_name = "cases"

urlpatterns = [
    path("cases/", staff_views.case_list, name="list"),
    path("cases/new/", staff_views.new_case, name="new"),
    path(
        "cases/new/from/<uuid:submission_uid>/",
        from_submission.new_from_submission,
        name="new_from_submission",
    ),
    path("cases/themes/", staff_views.themes, name="themes"),
    path("cases/themes/<slug:slug>/", staff_views.theme, name="theme"),
    path("cases/<uuid:uid>/", staff_views.case_detail, name="detail"),
    path("cases/<uuid:uid>/edit/", staff_views.edit_case, name="edit"),
    path("cases/<uuid:uid>/persons/new/", part_views.add_person, name="add_person"),
    path("cases/<uuid:uid>/persons/<int:link_id>/", part_views.edit_person, name="edit_person"),
    path("cases/<uuid:uid>/persons/<int:link_id>/remove/", part_views.remove_person, name="remove_person"),
    path("cases/<uuid:uid>/organisations/new/", part_views.add_organisation, name="add_organisation"),
    path(
        "cases/<uuid:uid>/organisations/<int:link_id>/",
        part_views.edit_organisation,
        name="edit_organisation",
    ),
    path(
        "cases/<uuid:uid>/organisations/<int:link_id>/remove/",
        part_views.remove_organisation,
        name="remove_organisation",
    ),
    path("cases/<uuid:uid>/events/new/", part_views.add_event, name="add_event"),
    path("cases/<uuid:uid>/events/<int:event_id>/", part_views.edit_event, name="edit_event"),
    path("cases/<uuid:uid>/events/<int:event_id>/delete/", part_views.delete_event, name="delete_event"),
    path("cases/<uuid:uid>/submissions/", part_views.link_submission, name="link_submission"),
    path("cases/<uuid:uid>/suggest-timeline/", suggestions.suggest_timeline, name="suggest_timeline"),
    path(
        "cases/<uuid:uid>/submissions/<uuid:submission_uid>/unlink/",
        part_views.unlink_submission,
        name="unlink_submission",
    ),
]
