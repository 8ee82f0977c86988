from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The open data API, the exports of a search, and their rate limit (defenders/api/checks.py)."""

    name = "defenders.api"
    label = "api"
    verbose_name = "Open data"

    def ready(self) -> None:
        from . import checks

        checks.register()
