"""The dashboard at /staff/: what needs the signed-in person's attention today."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from defenders.accounts.access import staff_page
from defenders.accounts.roles import ROLE_LABELS, ROLES, mandate_of
from defenders.intake import keyring

from .tiles import tiles_for


def roles_of(user: AbstractBaseUser | AnonymousUser) -> list[str]:
    """The office's roles this person is in, in the order roles.py names them."""
    groups = set(user.groups.values_list("name", flat=True))  # type: ignore[union-attr]
    return [role for role in ROLES if role in groups]


@staff_page()
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    tiles = tiles_for(request.user)
    reads_submissions = request.user.has_perm(keyring.READ_PERMISSION)
    context = {
        "waiting": [tile for tile in tiles if tile.count],
        "clear": [tile for tile in tiles if not tile.count],
        "roles": [ROLE_LABELS[role] for role in roles_of(request.user)],
        "mandate": mandate_of(request.user),
        "reads_submissions": reads_submissions,
        "key_unlocked": reads_submissions and keyring.session_staff_key(request) is not None,
        "unlock_url": f"{reverse('inbox:unlock')}?{urlencode({'next': reverse('workspace:dashboard')})}",
    }
    return render(request, "workspace/dashboard.html", context)
