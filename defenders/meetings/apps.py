from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "defenders.meetings"
    verbose_name = "Meetings"
