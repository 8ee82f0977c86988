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
    path("press-releases/", views.press_release_list, name="press_releases"),
    path("press-releases/<slug:slug>/", views.press_release_detail, name="press_release"),
]
