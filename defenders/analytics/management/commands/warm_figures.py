"""`defenders warm_figures`: compute the scorecard's and the map's public figures into the shared cache. Run by a
timer just after the office's midnight, the moment at which letters become public and the cached figures expire."""

import time

from django.core.management.base import BaseCommand

from defenders.analytics import warming


class Command(BaseCommand):
    help = (
        "Compute the public scorecard's and map's figures in every language into the shared cache (run just after "
        "the office's midnight, so that the first reader of the day does not wait for them)."
    )

    def handle(self, *args, **options) -> None:
        if not warming.cache_is_shared():
            # Each process has its own local-memory cache: figures computed here would reach no reader.
            self.stdout.write(
                "The cache is each process's own memory (no DEFENDERS_CACHE_URL): nothing to warm."
            )
            return
        started = time.perf_counter()
        languages = warming.warm_public_figures.call()
        self.stdout.write(
            f"Figures warmed in {languages} languages in {time.perf_counter() - started:.1f} s."
        )
