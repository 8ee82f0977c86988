from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "defenders.workspace"
    verbose_name = "Staff workspace"
