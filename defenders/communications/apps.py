from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "defenders.communications"
    verbose_name = "Communications"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
