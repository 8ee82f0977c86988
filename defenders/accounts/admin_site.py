"""The Django admin, for administrators only: other staff work in the workspace, and get 403 here, not a login
page that would send them back."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

USE_ADMIN = "accounts.use_admin"


class AdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and user.has_perm(USE_ADMIN))

    def admin_view(self, view: Callable, cacheable: bool = False) -> Callable:  # type: ignore[override]
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return guarded


class DefendersAdminConfig(AdminConfig):
    default_site = "defenders.accounts.admin_site.AdminSite"
