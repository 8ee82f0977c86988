from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AddresseesConfig(AppConfig):
    name = "defenders.addressees"
    verbose_name = _("Addressees")
