"""The notifications app: its receivers join the office's events when Django starts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "defenders.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from defenders.core import events

        from . import receivers

        events.sign_off_requested.connect(
            receivers.on_sign_off_requested, dispatch_uid="notify-sign-off-requested"
        )
        events.sign_off_decided.connect(receivers.on_sign_off_decided, dispatch_uid="notify-sign-off-decided")
        events.reply_recorded.connect(receivers.on_reply_recorded, dispatch_uid="notify-reply-recorded")
