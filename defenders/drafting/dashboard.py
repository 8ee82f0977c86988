"""The drafting tiles of the dashboard: drafts waiting for my mandate's sign-off, and approved drafts to send."""

from django.utils.translation import gettext

from defenders.accounts.roles import mandate_of
from defenders.communications.visibility import visible_to
from defenders.workspace.tiles import Tile, User

from .models import SignOff
from .readiness import DraftState, draft_state


def tiles(user: User) -> list[Tile]:
    found = []
    mandate = mandate_of(user)
    if mandate is not None and user.has_perm("communications.sign_off_communication"):  # type: ignore[union-attr]
        waiting = (
            visible_to(user)
            .filter(
                sent_on__isnull=True, sign_offs__mandate=mandate, sign_offs__state=SignOff.State.REQUESTED
            )
            .distinct()
            .count()
        )
        found.append(
            Tile(gettext("Drafts waiting for my sign-off"), waiting, "/staff/drafts/?waiting_for=me")
        )
    if user.has_perm("communications.send_communication"):  # type: ignore[union-attr]
        # Drafts with a sign-off asked are the only candidates; readiness then checks each against its text.
        candidates = visible_to(user).filter(sent_on__isnull=True, sign_offs__isnull=False).distinct()
        ready = sum(1 for draft in candidates if draft_state(draft) == DraftState.READY)
        found.append(Tile(gettext("Approved drafts ready to send"), ready, "/staff/drafts/?state=ready"))
    return found
