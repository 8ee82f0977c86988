from django.apps import AppConfig


class DraftingConfig(AppConfig):
    name = "defenders.drafting"
    verbose_name = "Drafting and sign-off"
