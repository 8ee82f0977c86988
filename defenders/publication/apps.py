from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "defenders.publication"
    verbose_name = "Public site"
