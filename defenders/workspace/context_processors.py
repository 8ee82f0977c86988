"""The workspace's navigation and the signed-in person's key state, on staff pages only."""

from django.http import HttpRequest

from defenders.accounts.middleware import STAFF_PREFIX

from .navigation import sections_for


def workspace(request: HttpRequest) -> dict:
    if not request.path.startswith(STAFF_PREFIX) or not request.user.is_authenticated:
        return {}
    return {"workspace_sections": sections_for(request.user, request.path)}
