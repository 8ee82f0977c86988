"""The pages sources use, in each language (see defenders/urls.py)."""

from django.urls import path

from . import source_views

app_name = "intake"

urlpatterns = [
    path("submit/", source_views.submit_information, name="submit_information"),
    path("submit/confidential/", source_views.submit_confidential, name="submit_confidential"),
    path("submit/follow-up/", source_views.follow_up, name="follow_up"),
    path("submit/follow-up/add/", source_views.follow_up_add, name="follow_up_add"),
    path("submit/follow-up/leave/", source_views.follow_up_logout, name="follow_up_logout"),
    path("meeting/", source_views.request_meeting, name="request_meeting"),
    path("contact/", source_views.contact, name="contact"),
]
