from django.apps import AppConfig


class ExtractionConfig(AppConfig):
    name = "defenders.extraction"
    verbose_name = "Reading documents"
