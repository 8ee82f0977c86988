from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "defenders.publication"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from . import signals

        signals.connect()
