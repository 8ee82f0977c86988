from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "defenders.analytics"
    verbose_name = _("Figures")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import signals, warming
        from .expressions import register_sqlite_median

        signals.connect()
        warming.connect()  # after the facts' receivers: it reads what they refreshed

        # SQLite has no median: the aggregate is added to each connection, as Django adds its own date functions.
        connection_created.connect(register_sqlite_median, dispatch_uid="analytics_sqlite_median")
