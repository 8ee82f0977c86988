from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "defenders.accounts"
    verbose_name = _("Staff accounts")

    def ready(self) -> None:
        from .language import on_login
        from .roles import ensure_roles

        # After every app's migration, as each one's permissions are created then: a role's patterns reach them.
        post_migrate.connect(ensure_roles, dispatch_uid="defenders.accounts.ensure_roles")
        user_logged_in.connect(on_login, dispatch_uid="defenders.accounts.language_at_login")
