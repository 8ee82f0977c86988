"""The intake's tiles on the dashboard: what sources sent that nobody has looked at yet."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext

from defenders.workspace.tiles import Tile

from .keyring import READ_PERMISSION
from .models import Submission

# Meeting requests wait on their own tile (defenders/meetings): they are scheduled, not triaged.
TRIAGED_KINDS = (Submission.Kind.CONFIDENTIAL, Submission.Kind.GENERAL, Submission.Kind.CONTACT)


def waiting_for_triage() -> int:
    return Submission.objects.filter(status=Submission.Status.NEW, kind__in=TRIAGED_KINDS).count()


def tiles(user: AbstractBaseUser | AnonymousUser) -> list[Tile]:
    if not user.has_perm(READ_PERMISSION):  # type: ignore[union-attr]
        return []
    return [
        Tile(
            gettext("Submissions waiting for triage"),
            waiting_for_triage(),
            f"{reverse('inbox:inbox')}?status={Submission.Status.NEW}",
        )
    ]
