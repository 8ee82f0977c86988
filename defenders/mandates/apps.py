from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "defenders.mandates"
    verbose_name = "Mandates"
