from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "defenders.demo"
    verbose_name = "Demo data"
