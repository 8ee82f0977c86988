from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "defenders.cases"
    verbose_name = "Case files"
