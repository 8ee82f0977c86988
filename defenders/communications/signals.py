"""Keep `Communication.exposes_withheld_name` in step with everything it reads: the communication's texts, its
replies, its cases, the consents of the persons in them and their names."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from defenders.cases.models import CasePerson, Person

from .exposure import refresh_exposure
from .models import Communication, PublicVersion, Reply


@receiver(post_save, sender=Communication)
def communication_saved(sender, instance: Communication, **kwargs) -> None:
    refresh_exposure([instance])


@receiver([post_save, post_delete], sender=Reply)
@receiver([post_save, post_delete], sender=PublicVersion)
def reply_changed(sender, instance: Reply | PublicVersion, **kwargs) -> None:
    communication = Communication.objects.filter(pk=instance.communication_id).first()
    if communication is not None:
        refresh_exposure([communication])


@receiver(m2m_changed, sender=Communication.cases.through)
def cases_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # case.communications.add(...): the instance is the case
        refresh_exposure(instance.communications.all())
    else:
        refresh_exposure([instance])


@receiver([post_save, post_delete], sender=CasePerson)
def consent_changed(sender, instance: CasePerson, **kwargs) -> None:
    refresh_exposure(Communication.objects.filter(cases__pk=instance.case_id).distinct())


@receiver(post_save, sender=Person)
def person_renamed(sender, instance: Person, **kwargs) -> None:
    refresh_exposure(Communication.objects.filter(cases__caseperson__person=instance).distinct())
