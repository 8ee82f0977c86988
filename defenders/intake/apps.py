from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "defenders.intake"
    verbose_name = "Intake"

    def ready(self) -> None:
        from . import signals  # noqa: F401
