"""The admin's password pages, routed through the staff key actions: one's own change rewraps the key, a
password set for another account revokes theirs (the new password cannot open it)."""

import copy
from functools import partial
from typing import cast

from django.contrib import admin
from django.contrib.admin.forms import AdminPasswordChangeForm as OwnPasswordChangeForm
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import User
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse

from .actions import staff_keys


class StaffKeyPasswordChangeForm(OwnPasswordChangeForm):
    """A staff member's change of their own password, which knows the old one and so keeps the key."""

    def save(self, commit: bool = True) -> User:
        staff_keys.change_staff_password(
            self.user,
            old_password=self.cleaned_data["old_password"],
            new_password=self.cleaned_data["new_password1"],
        )
        return self.user


class StaffKeyPasswordResetForm(AdminPasswordChangeForm):
    """A password set for another account, without the old one: their staff key is revoked."""

    def __init__(self, user: User, *args, by: User, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self.by = by

    def save(self, commit: bool = True) -> User:
        usable = self.cleaned_data["set_usable_password"]
        new_password = self.cleaned_data["password1"] if usable else None
        staff_keys.reset_staff_password(self.user, new_password=new_password, by=self.by)
        return self.user


def own_password_change(request: HttpRequest) -> HttpResponseBase:
    """The admin site's own "change password" page, with a form that rewraps the staff key."""
    request.current_app = admin.site.name
    view = PasswordChangeView.as_view(
        form_class=StaffKeyPasswordChangeForm,
        success_url=reverse("admin:password_change_done", current_app=admin.site.name),
        extra_context=admin.site.each_context(request),
    )
    return view(request)


class StaffKeyUserAdmin(UserAdmin):
    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        # Django builds the form from `self.change_password_form(user, data)`; a copy of this admin for the
        # request carries who is resetting, without shared state between requests.
        for_request = copy.copy(self)
        for_request.change_password_form = partial(StaffKeyPasswordResetForm, by=cast(User, request.user))  # type: ignore[assignment]
        return UserAdmin.user_change_password(for_request, request, id, form_url)


admin.site.unregister(User)
admin.site.register(User, StaffKeyUserAdmin)
