"""Staff pages of communications after sending, under /staff/communications/ (never under a language prefix)."""

from django.urls import path

from . import workspace_views as views

app_name = "communications"

urlpatterns = [
    path("communications/", views.communication_list, name="list"),
    path("communications/<uuid:uid>/", views.communication_detail, name="detail"),
    path("communications/<uuid:uid>/withhold/", views.withhold, name="withhold"),
    path("communications/<uuid:uid>/release/", views.release, name="release"),
    path("communications/<uuid:uid>/letter/correct/", views.correct_letter, name="correct_letter"),
    path("communications/<uuid:uid>/replies/", views.record_reply, name="record_reply"),
    path("communications/<uuid:uid>/replies/<uuid:reply_uid>/", views.reply_edit, name="reply_edit"),
    path(
        "communications/<uuid:uid>/replies/<uuid:reply_uid>/delete/", views.reply_delete, name="reply_delete"
    ),
    path("communications/<uuid:uid>/follow-ups/", views.follow_ups, name="follow_ups"),
    path("communications/<uuid:uid>/update/", views.update, name="update"),
]
