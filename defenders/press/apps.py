from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "defenders.press"
    verbose_name = "Press releases"
