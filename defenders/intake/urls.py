from django.urls import path

from . import staff_views, views

app_name = "intake"

urlpatterns = [
    path("submit/", views.submit_information, name="submit_information"),
    path("submit/confidential/", views.submit_confidential, name="submit_confidential"),
    path("submit/follow-up/", views.follow_up, name="follow_up"),
    path("submit/follow-up/add/", views.follow_up_add, name="follow_up_add"),
    path("submit/follow-up/leave/", views.follow_up_logout, name="follow_up_logout"),
    path("meeting/", views.request_meeting, name="request_meeting"),
    path("contact/", views.contact, name="contact"),
    path("staff/inbox/", staff_views.inbox, name="inbox"),
    path("staff/unlock/", staff_views.unlock, name="unlock"),
    path("staff/lock/", staff_views.lock, name="lock"),
    path("staff/password/", staff_views.change_password, name="change_password"),
    path("staff/inbox/<uuid:uid>/", staff_views.submission_detail, name="submission"),
    path("staff/inbox/<uuid:uid>/files/<str:stored_name>/", staff_views.download, name="download"),
]
