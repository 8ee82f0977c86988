"""Writes to press releases: each action owns its transaction and leaves a reasoned row in the history.

A release goes out (scheduled or published) only once every linked communication was sent; the admin, the demo
and the tests all go through these functions."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext, gettext_noop, ngettext

from defenders.cases.models import Case
from defenders.clock import office_now
from defenders.communications.days import day_in_words
from defenders.communications.models import Communication
from defenders.communications.redaction import redact
from defenders.core.history import Reason, StaffUser, Text, When, listed, save_with_reason

from .models import PressRelease
from .names import leftovers, withheld_names

EDITED = Reason(gettext_noop("Edited"))
CONTENT_FIELDS = frozenset({"title", "body", "language"})


class PressReleaseStateError(Exception):
    """The press release is not in a state that allows this action (e.g. publishing a withdrawn one)."""


class CommunicationNotSent(PressReleaseStateError):
    """A linked communication was not sent: a press release never goes out before its communications."""


class WithheldNameShown(PressReleaseStateError):
    """After redaction the title or body still shows a part of a name withheld from the public."""


def _refresh_slug(release: PressRelease) -> None:
    # The address is shared once the release is out, so it changes only while the release is a draft; made from
    # the redacted title, so that it never carries a withheld name.
    if release.is_draft or not release.slug:
        release.slug = release.unique_slug(redact(release.title, withheld_names(release)))


def _already_published(release: PressRelease, on: datetime) -> str:
    return gettext("“%(release)s” was already published on %(day)s.") % {
        "release": release,
        "day": day_in_words(on),
    }


def _check_may_go_out(release: PressRelease) -> None:
    if release.withdrawn:
        raise PressReleaseStateError(
            gettext("“%(release)s” was withdrawn: %(reason)s")
            % {"release": release, "reason": release.withdrawn_reason}
        )
    unsent = [c for c in release.communications.all() if c.sent_on is None]
    if unsent:
        raise CommunicationNotSent(
            ngettext(
                "“%(release)s” links %(count)d communication not sent yet (%(unsent)s); a press release never "
                "goes out before its communications.",
                "“%(release)s” links %(count)d communications not sent yet (%(unsent)s); a press release never "
                "goes out before its communications.",
                len(unsent),
            )
            % {"release": release, "count": len(unsent), "unsent": ", ".join(map(str, unsent))}
        )
    shown = leftovers(release)
    if shown:
        parts = ", ".join(sorted({leftover.part for leftover in shown}))
        raise WithheldNameShown(
            gettext("“%(release)s” still shows a part of a withheld name (%(parts)s): rewrite it.")
            % {"release": release, "parts": parts}
        )


@transaction.atomic
def draft_press_release(
    *,
    title: str,
    body: str,
    language: str = Communication.Language.ENGLISH,
    communications: Iterable[Communication] = (),
    cases: Iterable[Case] = (),
    by: StaffUser,
) -> PressRelease:
    """Start a press release as a draft: not scheduled, not published."""
    release = PressRelease(title=title, body=body, language=language)
    release.slug = release.unique_slug(title)
    save_with_reason(release, Reason(gettext_noop("Drafted")), by)
    communications, cases = list(communications), list(cases)
    if communications or cases:
        link(release, communications=communications, cases=cases, by=by)
    return release


@transaction.atomic
def edit_press_release(
    release: PressRelease, *, by: StaffUser, reason: str | Reason = EDITED, **content
) -> bool:
    """Change the title, body or language; says whether anything changed (nothing is saved otherwise)."""
    unknown = set(content) - CONTENT_FIELDS
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    changed = {name: value for name, value in content.items() if getattr(release, name) != value}
    if not changed:
        return False
    for name, value in changed.items():
        setattr(release, name, value)
    if not release.is_draft and not release.withdrawn:
        _check_may_go_out(release)  # a release already out must not start showing a withheld name
    _refresh_slug(release)
    save_with_reason(release, reason, by)
    return True


@transaction.atomic
def link(
    release: PressRelease,
    *,
    communications: Iterable[Communication] | None = None,
    cases: Iterable[Case] | None = None,
    by: StaffUser,
) -> bool:
    """Link the release to exactly these communications and/or cases (None leaves a kind as it is); says whether
    the links changed. A release that is scheduled or out accepts only communications already sent."""
    changed = False
    if communications is not None:
        wanted = list(communications)
        if {c.pk for c in wanted} != set(release.communications.values_list("pk", flat=True)):
            release.communications.set(wanted)
            changed = True
    if cases is not None:
        wanted_cases = list(cases)
        if {c.pk for c in wanted_cases} != set(release.cases.values_list("pk", flat=True)):
            release.cases.set(wanted_cases)
            changed = True
    if not changed:
        return False
    if not release.is_draft and not release.withdrawn:
        _check_may_go_out(release)  # raising rolls the new links back
    _refresh_slug(release)
    # A communication not yet sent is named by its title, in its own language.
    linked = [
        str(communication)
        if communication.reference or communication.legacy_reference
        else Text(str(communication), communication.language)
        for communication in release.communications.all()
    ]
    named = listed(linked) if linked else Reason(gettext_noop("no communication"))
    save_with_reason(
        release,
        Reason(
            gettext_noop("Linked to {communications} and {count} case(s)"),
            communications=named,
            count=release.cases.count(),
        ),
        by,
    )
    return True


@transaction.atomic
def schedule_press_release(release: PressRelease, *, at: datetime, by: StaffUser) -> PressRelease:
    """Set the moment the release goes out; refused while a linked communication is unsent."""
    if at.tzinfo is None:
        raise PressReleaseStateError(
            gettext("The moment a release goes out needs its time zone (Geneva time).")
        )
    if release.published_at is not None:
        raise PressReleaseStateError(_already_published(release, release.published_at))
    _check_may_go_out(release)
    _refresh_slug(release)  # the last moment the address may change
    release.scheduled_for = at
    save_with_reason(
        release, Reason(gettext_noop("Scheduled for {at}"), at=When(at, at.isoformat(timespec="minutes"))), by
    )
    return release


@transaction.atomic
def publish_press_release(release: PressRelease, *, by: StaffUser) -> PressRelease:
    """Send the release out now; refused while a linked communication is unsent."""
    if release.published_at is not None:
        raise PressReleaseStateError(_already_published(release, release.published_at))
    _check_may_go_out(release)
    _refresh_slug(release)
    release.published_at = office_now()
    save_with_reason(release, Reason(gettext_noop("Published")), by)
    return release


@transaction.atomic
def withdraw_press_release(release: PressRelease, *, reason: str, by: StaffUser) -> PressRelease:
    """Take the release off the public site for good, for a reason that the history keeps."""
    if not reason.strip():
        raise PressReleaseStateError(gettext("Withdrawing a press release needs a reason."))
    if release.withdrawn and release.withdrawn_reason == reason.strip():
        return release
    release.withdrawn = True
    release.withdrawn_reason = reason.strip()
    save_with_reason(release, Reason(gettext_noop("Withdrawn: {reason}"), reason=reason.strip()), by)
    return release
