from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "defenders.intake"
    verbose_name = "Intake"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from . import scratch, signals  # noqa: F401

        request_finished.connect(scratch.end_request, dispatch_uid="intake-scratch-end-request")
