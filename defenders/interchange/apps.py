from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "defenders.interchange"
    verbose_name = "Import and export"
