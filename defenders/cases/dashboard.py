"""The case files' tiles on the dashboard: my open cases, and the follow-ups due today or earlier."""

from django.utils.translation import gettext

from defenders.clock import office_today
from defenders.workspace.tiles import Tile, User

from .models import Case


def follow_ups_due():
    return Case.objects.filter(status=Case.Status.FOLLOW_UP, follow_up_on__lte=office_today())


def tiles(user: User) -> list[Tile]:
    if not user.has_perm("cases.view_case"):  # type: ignore[union-attr]
        return []
    mine = Case.objects.filter(officer_id=user.pk).exclude(status=Case.Status.CLOSED).count()
    due = follow_ups_due().count()
    return [
        Tile(gettext("My cases"), mine, "/staff/cases/?officer=me"),
        Tile(gettext("Follow-ups due"), due, "/staff/cases/?follow_up_due=1", urgent=due > 0),
    ]
