"""Whether a draft may be sent: every signing mandate approved its current version. Says in plain words what is
still missing; the send action and the draft's page both ask this module."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from defenders.communications.models import Communication
from defenders.core.templatetags.locale_format import local_day

from .models import DraftVersion, SignOff


def current_version(communication: Communication) -> DraftVersion | None:
    return communication.versions.order_by("-number").first()


def missing_for_sending(communication: Communication) -> list[str]:
    """What stands between the draft and sending, one plain sentence each; empty when it may be sent."""
    if communication.sent_on is not None:
        return [gettext("Already sent on %(day)s.") % {"day": local_day(communication.sent_on)}]
    missing: list[str] = []
    current = current_version(communication)
    if current is None:
        missing.append(gettext("No text drafted yet."))
    mandates = communication.ordered_mandates()
    if not mandates:
        missing.append(gettext("No signing mandate yet."))
    sign_offs = {sign_off.mandate_id: sign_off for sign_off in communication.sign_offs.all()}
    if mandates and not sign_offs:
        missing.append(gettext("No sign-off requested yet."))
        return missing
    for mandate in mandates:
        sign_off = sign_offs.get(mandate.pk)
        if sign_off is None:
            missing.append(
                gettext("No sign-off requested yet of %(mandate)s.") % {"mandate": mandate.short_name}
            )
        elif sign_off.state == SignOff.State.REQUESTED:
            missing.append(gettext("%(mandate)s has not approved yet.") % {"mandate": mandate.short_name})
        elif sign_off.state == SignOff.State.CHANGES_REQUESTED:
            missing.append(
                gettext("%(mandate)s asked for changes: %(comment)s")
                % {"mandate": mandate.short_name, "comment": sign_off.comment}
            )
        elif current is not None and sign_off.approved_version_id != current.pk:
            missing.append(
                gettext("Approved an earlier version: %(mandate)s.") % {"mandate": mandate.short_name}
            )
    return missing


def is_ready(communication: Communication) -> bool:
    return not missing_for_sending(communication)


class DraftState:
    """Where a draft stands, as the list filters it (?state=)."""

    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    CHANGES_REQUESTED = "changes_requested"
    READY = "ready"
    LABELS = {
        IN_PROGRESS: _("Being drafted"),
        WAITING: _("Waiting for sign-off"),
        CHANGES_REQUESTED: _("Changes asked"),
        READY: _("Approved, ready to send"),
    }


def draft_state(communication: Communication) -> str:
    """Reads the sign-offs through the relation, so that a list prefetches them once."""
    if not missing_for_sending(communication):
        return DraftState.READY
    states = {sign_off.state for sign_off in communication.sign_offs.all()}
    if SignOff.State.CHANGES_REQUESTED in states:
        return DraftState.CHANGES_REQUESTED
    if states:
        return DraftState.WAITING
    return DraftState.IN_PROGRESS
