from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "defenders.communications"
    verbose_name = "Communications"
