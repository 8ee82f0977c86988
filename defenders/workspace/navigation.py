"""The workspace's sections, each shown only to staff whose role may open it."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Section:
    label: StrOrPromise
    url_name: str
    # One permission, or several of which any one will do (the office's and a co-signer's way to the drafts).
    permission: str | tuple[str, ...]

    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        permissions = (self.permission,) if isinstance(self.permission, str) else self.permission
        return any(user.has_perm(permission) for permission in permissions)  # type: ignore[union-attr]


# In the order of the office's day. Each app adds its own line when it adds its pages.
SECTIONS = [
    Section(_("Dashboard"), "workspace:dashboard", "accounts.use_workspace"),
    Section(_("Inbox"), "inbox:inbox", "intake.read_submission"),
    Section(_("Cases"), "cases:list", "cases.view_case"),
    Section(
        _("Drafts"),
        "drafting:list",
        ("communications.view_communication", "communications.view_shared_communication"),
    ),
    Section(_("Communications"), "communications:list", "communications.view_communication"),
    Section(_("Press releases"), "press:list", "press.view_pressrelease"),
    Section(_("Meetings"), "meetings:list", "meetings.view_meeting"),
    Section(_("Figures"), "figures:overview", "accounts.view_figures"),
]


def sections_for(user: AbstractBaseUser | AnonymousUser, current_path: str) -> list[dict]:
    sections = []
    for section in SECTIONS:
        if not section.visible_to(user):
            continue
        url = reverse(section.url_name)
        current = (
            current_path == url if url == reverse("workspace:dashboard") else current_path.startswith(url)
        )
        sections.append({"label": section.label, "url": url, "current": current})
    return sections
