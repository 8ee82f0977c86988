from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site as a whole: the system checks that explain a bad setting at start (defenders/checks.py)."""

    name = "defenders.core"
    verbose_name = _("Site")

    def ready(self) -> None:
        from defenders import checks
        from defenders.core import onion  # noqa: F401 (registers its system check)

        checks.register()
