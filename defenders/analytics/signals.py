"""Refresh the facts the figures count (analytics/facts.py) in the transaction of every write they read: a
communication saved (sent, withheld, released, readdressed, signed), a reply or a signature saved or removed, the
stored answer of exposure.py changed, and bulk imports."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from defenders.communications.exposure import exposure_changed
from defenders.communications.models import Communication, CommunicationMandate, Reply
from defenders.core.events import communications_imported
from defenders.publication.cache import raise_public_version

from . import facts


def communication_saved(sender, instance: Communication, **kwargs) -> None:
    facts.refresh([instance.pk])


def part_changed(sender, instance: Reply | CommunicationMandate, origin=None, **kwargs) -> None:
    # A communication being deleted takes its replies and signatures first: refreshing it then would write a row for a
    # communication about to disappear (its facts go with it, by the cascade).
    if isinstance(origin, Communication) or (isinstance(origin, QuerySet) and origin.model is Communication):
        return
    facts.refresh([instance.communication_id])


def exposure_answer_changed(sender, ids: Iterable[int], **kwargs) -> None:
    facts.refresh(ids)


def communications_were_imported(sender, ids: Iterable[int], **kwargs) -> None:
    # Sent once the import committed: the refresh is a transaction of its own, and raises the version of the
    # public data again in it, so that no figure counted from the facts before the refresh stays cached.
    with transaction.atomic():
        facts.refresh(ids)
        raise_public_version()


def connect() -> None:
    post_save.connect(communication_saved, sender=Communication, dispatch_uid="facts-communication")
    post_save.connect(part_changed, sender=Reply, dispatch_uid="facts-reply-saved")
    post_delete.connect(part_changed, sender=Reply, dispatch_uid="facts-reply-deleted")
    # Signatures are written in bulk by set_signatories, which then saves the communication; the admin saves them.
    post_save.connect(part_changed, sender=CommunicationMandate, dispatch_uid="facts-signature-saved")
    post_delete.connect(part_changed, sender=CommunicationMandate, dispatch_uid="facts-signature-deleted")
    exposure_changed.connect(exposure_answer_changed, dispatch_uid="facts-exposure")
    communications_imported.connect(communications_were_imported, dispatch_uid="facts-import")
