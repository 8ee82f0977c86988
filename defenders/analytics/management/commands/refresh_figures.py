"""`defenders refresh_figures`: rebuild the facts every figure counts from the communications and their replies."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from defenders.analytics.facts import rebuild
from defenders.publication.cache import raise_public_version


class Command(BaseCommand):
    help = (
        "Rebuild the figures' facts from every communication and reply (after a restore into a database written "
        "without them, or a change to the publication rule)."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            count = rebuild()
            raise_public_version()
        self.stdout.write(
            f"Facts of {count} sent communications rebuilt in {time.perf_counter() - started:.1f} s."
        )
