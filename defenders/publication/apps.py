from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "defenders.publication"
    verbose_name = "Public site"

    def ready(self) -> None:
        from . import signals

        signals.connect()
