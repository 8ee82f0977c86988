"""Raise the version of the public data (publication/cache.py) with every change to what a public page or figure
reads: communications and their signatories, follow-ups, themes, cases and copies; replies; press releases; the
persons concerned, their names and consents; events; addressees, mandates, themes and reporting periods; imports.

Receivers rather than calls in each action: the admin, the importers and the demo write through the same models,
and a writer that forgets to say it changed public data must not leave a withheld name on a cached page."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from defenders.addressees.models import Addressee
from defenders.analytics.models import ReportingPeriod
from defenders.cases.models import Case, CasePerson, Event, Person, Theme
from defenders.communications.models import Communication, CommunicationMandate, Reply
from defenders.core.events import communications_imported
from defenders.mandates.models import Mandate
from defenders.press.models import PressRelease

from .cache import raise_public_version

CHANGED_ROWS = (
    Communication,
    CommunicationMandate,
    Reply,
    PressRelease,
    Case,
    CasePerson,
    Person,
    Event,
    Theme,
    Addressee,
    Mandate,
    ReportingPeriod,
)
CHANGED_LINKS = (
    Communication.copied.through,
    Communication.themes.through,
    Communication.cases.through,
    Communication.follows_up.through,
    PressRelease.communications.through,
    PressRelease.cases.through,
    Case.themes.through,
    Event.persons.through,
)


def row_changed(sender, **kwargs) -> None:
    raise_public_version()


def links_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        raise_public_version()


def imported(sender, **kwargs) -> None:
    # Sent once the import committed: a transaction of its own.
    with transaction.atomic():
        raise_public_version()


def connect() -> None:
    for model in CHANGED_ROWS:
        uid = f"public-version-{model._meta.label}"
        post_save.connect(row_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(row_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for through in CHANGED_LINKS:
        m2m_changed.connect(
            links_changed, sender=through, dispatch_uid=f"public-version-{through._meta.label}"
        )
    communications_imported.connect(imported, dispatch_uid="public-version-import")
