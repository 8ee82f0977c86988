from django.urls import path

from . import inbox_views, source_views

app_name = "intake"

urlpatterns = [
    path("submit/", source_views.submit_information, name="submit_information"),
    path("submit/confidential/", source_views.submit_confidential, name="submit_confidential"),
    path("submit/follow-up/", source_views.follow_up, name="follow_up"),
    path("submit/follow-up/add/", source_views.follow_up_add, name="follow_up_add"),
    path("submit/follow-up/leave/", source_views.follow_up_logout, name="follow_up_logout"),
    path("meeting/", source_views.request_meeting, name="request_meeting"),
    path("contact/", source_views.contact, name="contact"),
    path("staff/inbox/", inbox_views.inbox, name="inbox"),
    path("staff/unlock/", inbox_views.unlock, name="unlock"),
    path("staff/lock/", inbox_views.lock, name="lock"),
    path("staff/password/", inbox_views.change_password, name="change_password"),
    path("staff/inbox/<uuid:uid>/", inbox_views.submission_detail, name="submission"),
    path("staff/inbox/<uuid:uid>/files/<str:stored_name>/", inbox_views.download, name="download"),
]
