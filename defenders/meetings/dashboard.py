"""The dashboard's count for meetings: meeting requests and meetings still waiting for a decision."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext

from defenders.workspace.tiles import Tile

from .models import Meeting
from .queries import waiting_requests


def tiles(user: AbstractBaseUser | AnonymousUser) -> list[Tile]:
    if not user.has_perm("meetings.view_meeting"):  # type: ignore[union-attr]
        return []
    count = Meeting.objects.filter(status=Meeting.Status.PENDING).count()
    if user.has_perm("intake.read_submission"):  # type: ignore[union-attr]
        count += waiting_requests().count()
    return [Tile(gettext("Meeting requests pending"), count, f"{reverse('meetings:list')}?status=pending")]
