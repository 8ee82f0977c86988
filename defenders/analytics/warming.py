"""Compute the most asked public figures (the scorecard's and the map's) into the public cache in the task worker
as soon as the public data changes, so that the first reader after a change does not wait for them."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django_tasks import task

from defenders.core.events import communications_imported
from defenders.publication import signals as public_data
from defenders.publication.models import PublicDataVersion

from . import figures

# The version of the public data this process last queued a warming for: the saves of one transaction queue one.
_queued_for: tuple | None = None


def cache_is_shared() -> bool:
    """Figures computed in the worker reach the app servers only through a shared cache (Redis): each process has
    its own local-memory cache."""
    return not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


@task()
def warm_public_figures() -> int:
    """The scorecard's and the map's figures (every year and type) in each language of the site; how many."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            figures.years_sent(figures.Scope.PUBLIC)
            figures.by_addressee(figures.Scope.PUBLIC, figures.Selection())
    return len(settings.LANGUAGES)


def _queue_once() -> None:
    global _queued_for
    version = PublicDataVersion.objects.values_list("number", "token").first()
    if version != _queued_for:
        _queued_for = version
        warm_public_figures.enqueue()


def public_data_changed(sender, action: str = "post_", **kwargs) -> None:
    # Once committed (a rolled-back change warms nothing), and after the facts are refreshed (connected later).
    if action.startswith("post_") and cache_is_shared():
        transaction.on_commit(_queue_once)


def connect() -> None:
    """The same changes that raise the version of the public data (publication/signals.py)."""
    for model in public_data.CHANGED_ROWS:
        uid = f"warm-figures-{model._meta.label}"
        post_save.connect(public_data_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(public_data_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for through in public_data.CHANGED_LINKS:
        m2m_changed.connect(
            public_data_changed, sender=through, dispatch_uid=f"warm-figures-{through._meta.label}"
        )
    communications_imported.connect(public_data_changed, dispatch_uid="warm-figures-import")
