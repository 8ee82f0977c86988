from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    name = "defenders.communications"
    verbose_name = _("Communications")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
