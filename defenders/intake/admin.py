"""The admin's user pages, routed through the staff key actions: one's own password change rewraps the key, a
password set for another account revokes theirs (the new password cannot open it), and an administrator enables
a staff member as a recipient of new submissions, then sees their key's fingerprint."""

import copy
from functools import partial
from typing import cast

from django.contrib import admin, messages
from django.contrib.admin.forms import AdminPasswordChangeForm as OwnPasswordChangeForm
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import User
from django.contrib.auth.views import PasswordChangeView
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from defenders.vault import recovery

from .actions import staff_keys
from .errors import NotARecipient
from .models import RecipientApproval, StaffKey


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


def _key_of(user: User) -> StaffKey | None:
    try:
        return user.intake_key  # type: ignore[attr-defined]
    except StaffKey.DoesNotExist:
        return None


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
    actions = ["enable_as_recipient"]
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "recipient_key")
    readonly_fields = ("recipient",)
    fieldsets = (*(UserAdmin.fieldsets or ()), (_("Submissions"), {"fields": ("recipient",)}))

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).select_related("intake_key", "recipient_approval__enabled_by")

    @admin.action(description=_("Enable as recipients of new submissions"), permissions=["change"])
    def enable_as_recipient(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            try:
                staff_keys.enable_recipient(user, by=cast(User, request.user))
            except NotARecipient as refused:
                self.message_user(request, str(refused), messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("%(username)s is a recipient: their next unlock creates their key.")
                    % {"username": user.get_username()},
                )

    @admin.display(description=_("Recipient key"))
    def recipient_key(self, user: User) -> str:
        key = _key_of(user)
        return recovery.fingerprint(bytes(key.public_key)) if key else "—"

    @admin.display(description=_("Recipient of new submissions"))
    def recipient(self, user: User) -> str:
        approval = RecipientApproval.objects.filter(user=user).select_related("enabled_by").first()
        if approval is None:
            return gettext(
                "No: new submissions are not sealed to this account (use the action “Enable as recipients”)."
            )
        by = approval.enabled_by.get_username() if approval.enabled_by else gettext("the command line")
        key = _key_of(user)
        fingerprint = (
            recovery.fingerprint(bytes(key.public_key))
            if key
            else gettext("no key yet (made at their next unlock)")
        )
        return gettext("Yes, enabled by %(by)s on %(on)s; key fingerprint %(fingerprint)s") % {
            "by": by,
            "on": f"{approval.enabled_at:%Y-%m-%d %H:%M}",
            "fingerprint": fingerprint,
        }

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        # Django builds the form from `self.change_password_form(user, data)`; a copy of this admin for the
        # request carries who is resetting, without shared state between requests.
        for_request = copy.copy(self)
        for_request.change_password_form = partial(StaffKeyPasswordResetForm, by=cast(User, request.user))  # type: ignore[assignment]
        return UserAdmin.user_change_password(for_request, request, id, form_url)


admin.site.unregister(User)
admin.site.register(User, StaffKeyUserAdmin)
