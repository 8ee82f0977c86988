from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.staff_login, name="login"),
    path("enrol/", views.enrol, name="enrol"),
    path("logout/", views.staff_logout, name="logout"),
    path("account/", views.account, name="account"),
]
