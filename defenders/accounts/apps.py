from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "defenders.accounts"
    verbose_name = "Staff accounts"
