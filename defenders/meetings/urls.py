"""Staff pages of meetings, under /staff/meetings/ (never under a language prefix)."""

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    path("meetings/open/", views.meeting_open, name="open"),
    path("meetings/<uuid:uid>/", views.meeting_detail, name="detail"),
    path("meetings/<uuid:uid>/schedule/", views.meeting_schedule, name="schedule"),
    path("meetings/<uuid:uid>/decline/", views.meeting_decline, name="decline"),
    path("meetings/<uuid:uid>/outcome/", views.meeting_outcome, name="outcome"),
]
