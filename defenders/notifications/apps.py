from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "defenders.notifications"
    verbose_name = "Notifications"
