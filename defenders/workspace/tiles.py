"""The dashboard's tiles: each app says what needs attention in its part of the work, as a count that links to
the list it counts. An app adds its module to DASHBOARD_MODULES; the module has `tiles(user) -> list[Tile]`."""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

User = AbstractBaseUser | AnonymousUser

# In the order the dashboard shows them.
DASHBOARD_MODULES: list[str] = [
    "defenders.intake.dashboard",
    "defenders.cases.dashboard",
    "defenders.drafting.dashboard",
    "defenders.communications.dashboard",
    "defenders.meetings.dashboard",
]


@dataclass(frozen=True)
class Tile:
    """One count on the dashboard, e.g. "Submissions waiting for triage: 3", linking to those three."""

    label: str
    count: int
    url: str
    # Counts that need acting on today are marked (e.g. urgent appeals of the last 48 hours).
    urgent: bool = False


def tiles_for(user: User) -> list[Tile]:
    found: list[Tile] = []
    for module_name in DASHBOARD_MODULES:
        tiles: Callable[[User], list[Tile]] = import_module(module_name).tiles
        found.extend(tiles(user))
    return found
