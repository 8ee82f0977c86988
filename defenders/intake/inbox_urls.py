"""The staff inbox's pages: under /staff/ only, never under a language prefix, so that the staff key
cookie can be scoped to /staff/."""

from django.urls import path

from . import inbox_views

app_name = "inbox"

urlpatterns = [
    path("inbox/", inbox_views.inbox, name="inbox"),
    path("unlock/", inbox_views.unlock, name="unlock"),
    path("lock/", inbox_views.lock, name="lock"),
    path("password/", inbox_views.change_password, name="change_password"),
    path("inbox/<uuid:uid>/", inbox_views.submission_detail, name="submission"),
    path("inbox/<uuid:uid>/files/<str:stored_name>/", inbox_views.download, name="download"),
]
