"""Staff pages of communications: under /staff/ only, never under a language prefix."""

from django.urls import path

from . import staff_views

app_name = "letters"

urlpatterns = [
    path("letters/<uuid:communication_uid>/v<int:version>.pdf", staff_views.sent_letter, name="sent_letter"),
]
