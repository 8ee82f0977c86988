from django.urls import path

from . import views

app_name = "publication"

urlpatterns = [
    path("", views.home, name="home"),
    path("how-communications-work/", views.how_communications_work, name="how_communications_work"),
    path("communications/", views.communication_list, name="communications"),
    path("communications/<slug:slug>/", views.communication_detail, name="communication"),
    path("communications/<slug:slug>/letter/", views.communication_letter, name="letter"),
    path("communications/<slug:slug>/replies/<uuid:uid>/", views.reply_detail, name="reply"),
    path("communications/<slug:slug>/replies/<uuid:uid>/file/", views.reply_file, name="reply_file"),
    # Forms that later issues build; until then each page says so plainly.
    path("submit/", views.coming_soon, {"what": "submit_information"}, name="submit_information"),
    path(
        "submit/confidential/", views.coming_soon, {"what": "submit_confidential"}, name="submit_confidential"
    ),
    path("meeting/", views.coming_soon, {"what": "request_meeting"}, name="request_meeting"),
    path("contact/", views.coming_soon, {"what": "contact"}, name="contact"),
    path("press-releases/", views.coming_soon, {"what": "press_releases"}, name="press_releases"),
]
