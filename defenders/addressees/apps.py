from django.apps import AppConfig


class AddresseesConfig(AppConfig):
    name = "defenders.addressees"
    verbose_name = "Addressees"
