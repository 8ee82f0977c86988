"""Keep the search index in step with everything its rows read: a communication's texts, its replies (summaries
and reply status), its cases and the consents and names of the persons in them (redaction), and bulk imports.
The index is a table of the same database, written in the same transaction as the change: a rolled-back write
leaves the index as it was, and a committed one is searchable at once."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from defenders.cases.models import CasePerson, Person
from defenders.communications.models import Communication, Reply
from defenders.core.events import communications_imported

from .documents import index_communications


def _reindex(ids: Iterable[int]) -> None:
    index_communications(list(ids))


@receiver(post_save, sender=Communication)
def communication_saved(sender, instance: Communication, **kwargs) -> None:
    _reindex([instance.pk])


@receiver(post_save, sender=Reply)
def reply_saved(sender, instance: Reply, **kwargs) -> None:
    _reindex([instance.communication_id])


@receiver(post_delete, sender=Reply)
def reply_deleted(sender, instance: Reply, origin=None, **kwargs) -> None:
    # When the communication itself is being deleted, its replies go first: indexing it again then would write a
    # row for a communication about to disappear (a dangling row the database refuses at commit).
    if isinstance(origin, Communication) or (isinstance(origin, QuerySet) and origin.model is Communication):
        return
    _reindex([instance.communication_id])


@receiver(m2m_changed, sender=Communication.cases.through)
def cases_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # case.communications.add(...): the instance is the case
        _reindex(instance.communications.values_list("pk", flat=True))
    else:
        _reindex([instance.pk])


@receiver([post_save, post_delete], sender=CasePerson)
def consent_changed(sender, instance: CasePerson, **kwargs) -> None:
    _reindex(Communication.objects.filter(cases__pk=instance.case_id).values_list("pk", flat=True))


@receiver(post_save, sender=Person)
def person_renamed(sender, instance: Person, **kwargs) -> None:
    _reindex(Communication.objects.filter(cases__caseperson__person=instance).values_list("pk", flat=True))


@receiver(communications_imported)
def communications_were_imported(sender, ids: Iterable[int], indexed: bool = False, **kwargs) -> None:
    if not indexed:  # `defenders import` indexes with its batches (interchange/bulk.py)
        index_communications(ids)
