from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The open data API, the exports of a search, and their rate limit (defenders/api/checks.py)."""

    name = "defenders.api"
    label = "api"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from . import checks

        checks.register()
