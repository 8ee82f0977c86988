"""The workspace's sections, each shown only to staff whose role may open it."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    permission: str


# In the order of the office's day. Each app adds its own line when it adds its pages.
SECTIONS = [
    Section("Dashboard", "workspace:dashboard", "accounts.use_workspace"),
    Section("Inbox", "inbox:inbox", "intake.read_submission"),
    Section("Communications", "communications:list", "communications.view_communication"),
    Section("Press releases", "press:list", "press.view_pressrelease"),
    Section("Meetings", "meetings:list", "meetings.view_meeting"),
]


def sections_for(user: AbstractBaseUser | AnonymousUser, current_path: str) -> list[dict]:
    sections = []
    for section in SECTIONS:
        if not user.has_perm(section.permission):  # type: ignore[union-attr]
            continue
        url = reverse(section.url_name)
        current = (
            current_path == url if url == reverse("workspace:dashboard") else current_path.startswith(url)
        )
        sections.append({"label": section.label, "url": url, "current": current})
    return sections
