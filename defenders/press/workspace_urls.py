"""Staff pages of press releases, under /staff/press-releases/ (never under a language prefix)."""

from django.urls import path

from . import workspace_views as views

app_name = "press"

urlpatterns = [
    path("press-releases/", views.release_list, name="list"),
    path("press-releases/new/", views.release_new, name="new"),
    path("press-releases/<uuid:uid>/", views.release_detail, name="detail"),
    path("press-releases/<uuid:uid>/links/", views.release_links, name="links"),
    path("press-releases/<uuid:uid>/schedule/", views.release_schedule, name="schedule"),
    path("press-releases/<uuid:uid>/publish/", views.release_publish, name="publish"),
    path("press-releases/<uuid:uid>/withdraw/", views.release_withdraw, name="withdraw"),
]
