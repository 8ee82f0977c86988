"""`defenders reindex`: rebuild the search index from every communication."""

import time

from django.core.management.base import BaseCommand

from defenders.search.documents import reindex_all


class Command(BaseCommand):
    help = "Rebuild the full-text search index of the communications."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = reindex_all()
        self.stdout.write(f"Indexed {count} communications in {time.perf_counter() - started:.1f} s.")
