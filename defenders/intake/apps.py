from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "defenders.intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from django.core.signals import request_finished

        from . import scratch, signals  # noqa: F401

        request_finished.connect(scratch.end_request, dispatch_uid="intake-scratch-end-request")
