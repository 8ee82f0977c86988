"""The dashboard's counts for communications after sending: soon public, unanswered, fresh urgent appeals."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext

from defenders.clock import office_now
from defenders.workspace.tiles import Tile

from . import states
from .models import Communication
from .visibility import visible_to


def tiles(user: AbstractBaseUser | AnonymousUser) -> list[Tile]:
    if not user.has_perm("communications.view_communication"):  # type: ignore[union-attr]
        return []
    now = office_now()
    seen = visible_to(user)
    listed = reverse("communications:list")
    urgent_appeals = states.sent_within(seen.filter(type=Communication.Type.URGENT_APPEAL), 2, now)
    return [
        Tile(
            gettext("Becoming public in the next 7 days"),
            states.public_within(seen, 7, now).count(),
            f"{listed}?public_within=7",
        ),
        Tile(
            gettext("Past 60 days without a reply"),
            states.in_state(seen, "unanswered", now).distinct().count(),
            f"{listed}?state=unanswered",
        ),
        Tile(
            gettext("Urgent appeals of the last 48 hours"),
            urgent_appeals.count(),
            f"{listed}?type=UA&sent_within=2",
            urgent=True,
        ),
    ]
