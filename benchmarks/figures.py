"""The public scorecard (/statistics/addressees/) and the map (/statistics/map/) at 200,000 communications (20,000
with --quick, or DEFENDERS_BENCH_COMMUNICATIONS), cold, computed and warm, beside a bare GROUP BY of the same public
communications by addressee, measured in the same run.

The corpus is a quick synthetic insert (bulk writes, no history rows, then the import's signal with every id),
built once for its size and code and kept (benchmarks/_site.py kept_copy: a SQLite data directory, or a PostgreSQL
template on the engine's server); each run reads a copy. DEFENDERS_BENCH_DATA_DIR, on SQLite, names a data
directory filled in place instead (up to the count asked). Cold: a new database connection, the process's map shapes dropped and the public cache emptied,
as after a restart (the operating system's file cache stays warm), in a process that did what a gunicorn worker of
`defenders serve` does before its first reader (defenders/wsgi.py: the URL configuration imported, the middleware
loaded) and no more; computed: the public cache emptied before each round, on a warm connection (the database's
work); warm: the median of the next rounds, answered from the public cache.
"""

import atexit
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from . import _engines
from ._site import ROOT, build_corpus, kept_copy
from .harness import Figure, timings_ms

FULL, QUICK = 200_000, 20_000
WARM_ROUNDS = 5
WARM_GOAL_MS, COLD_GOAL_MS = 300, 2000


SEED = 11


def build(count: int) -> None:
    """In its own process, on DEFENDERS_DATA_DIR (and DATABASE_URL on PostgreSQL): the schema and the corpus."""
    build_corpus(_fill, count)


def _build_into(count: int, folder: Path) -> None:
    (folder / "data").mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DEFENDERS_DATA_DIR": str(folder / "data"),
        "DJANGO_SETTINGS_MODULE": "defenders.settings",
    }
    if _engines.current() == "sqlite":
        env.pop("DATABASE_URL", None)
    code = f"from benchmarks.figures import build; build({count})"
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)


def _setup(count: int) -> None:
    kept = os.environ.get("DEFENDERS_BENCH_DATA_DIR")
    if kept and _engines.current() == "sqlite":
        os.environ["DEFENDERS_DATA_DIR"] = kept  # filled in this process, up to the count asked (run)
    else:
        folder = Path(tempfile.mkdtemp(prefix="defenders-bench-figures-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        label = f"figures-{count}-seed{SEED}"
        url = kept_copy(label, folder, lambda into: _build_into(count, into), build, _build_into, _fill)
        os.environ["DEFENDERS_DATA_DIR"] = str(folder / "data")
        if url:
            os.environ["DATABASE_URL"] = url
        else:
            os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host name
    # What a gunicorn worker of `defenders serve` does as it starts, before its first reader.
    import defenders.wsgi  # noqa: F401

    call_command("migrate", verbosity=0)
    call_command("loaddata", "mandates", verbosity=0)
    # The pages name their static files by the manifest that `defenders serve` writes, as in production.
    if not (settings.STATIC_ROOT / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


def _fill(count: int, seed: int = SEED) -> None:
    """Synthetic communications over 2010 to last year, about half answered, each signed by one to three mandates."""
    import pycountry

    from defenders.addressees.models import Addressee
    from defenders.communications.models import Communication, CommunicationMandate, Reply
    from defenders.core.events import communications_imported
    from defenders.mandates.models import Mandate

    if Communication.objects.count() >= count:
        return
    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    states = [Addressee.state(country.alpha_3) for country in pycountry.countries]
    companies = [
        Addressee.find_or_create(kind=Addressee.Kind.COMPANY, name=f"Fictional company {n}")
        for n in range(20)
    ]
    addressees = states + companies
    weights = [rng.paretovariate(1.2) for _ in addressees]  # a few addressees get most letters, as in life
    mandates = list(Mandate.objects.all())
    start, days = date(2010, 1, 1), (date.today() - date(2010, 1, 1)).days
    batch, written = 5000, []
    for offset in range(0, count, batch):
        letters = []
        for index in range(offset, min(offset + batch, count)):
            letters.append(
                Communication(
                    type=rng.choices(("AL", "UA", "OL"), (6, 3, 1))[0],
                    addressee=rng.choices(addressees, weights)[0],
                    sent_on=start + timedelta(days=rng.randrange(days)),
                    title=f"Fictional communication {index} (benchmark)",
                    slug=f"benchmark-{index}",
                    withheld=rng.random() < 0.01,
                    withheld_reason="benchmark",
                )
            )
        Communication.objects.bulk_create(letters)
        created = Communication.objects.filter(slug__in=[letter.slug for letter in letters]).values_list(
            "pk", "sent_on"
        )
        links, replies = [], []
        for pk, sent_on in created:
            assert sent_on is not None
            for order, mandate in enumerate(rng.sample(mandates, rng.randint(1, 3))):
                links.append(
                    CommunicationMandate(
                        communication_id=pk, mandate=mandate, order=order, is_lead=order == 0
                    )
                )
            if rng.random() < 0.55:
                for _ in range(1 if rng.random() < 0.8 else 2):
                    replies.append(
                        Reply(
                            communication_id=pk,
                            received_on=min(sent_on + timedelta(days=rng.randint(1, 200)), date.today()),  # type: ignore[misc]
                            kind=rng.choice([kind for kind, _ in Reply.Kind.choices]),
                        )
                    )
        CommunicationMandate.objects.bulk_create(links)
        Reply.objects.bulk_create(replies)
        written += [pk for pk, _ in created]
    # As an import does after its bulk writes: the figures' facts of every communication written, in one signal.
    started = time.perf_counter()
    communications_imported.send(sender=None, ids=written)
    print(
        f"communications_imported (search index, figures' facts) for {len(written)} ids: {time.perf_counter() - started:.1f} s"
    )
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _cold_ms(path: str) -> float:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from defenders.analytics import worldmap

    cache.clear()
    connection.close()
    worldmap.shapes.cache_clear()
    client = Client()
    client.handler.load_middleware()  # as a starting worker's WSGI handler does (defenders/wsgi.py)
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def _computed_ms(client, path: str) -> None:
    from django.core.cache import cache

    cache.clear()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)


def run(quick: bool) -> list[Figure]:
    count = int(os.environ.get("DEFENDERS_BENCH_COMMUNICATIONS") or (QUICK if quick else FULL))
    started = time.perf_counter()
    _setup(count)
    from django.db.models import Count
    from django.test import Client

    from defenders.communications.models import Communication

    _fill(count, SEED)  # nothing to do on a kept copy
    print(
        f"corpus of {Communication.objects.count()} communications ready in {time.perf_counter() - started:.0f} s"
    )

    def bare() -> object:
        return list(Communication.objects.public().order_by().values("addressee").annotate(n=Count("pk")))

    from django.db import connection

    connection.close()
    started = time.perf_counter()
    bare()
    baseline_cold = (time.perf_counter() - started) * 1000
    baseline_warm = statistics.median(timings_ms(bare, WARM_ROUNDS))
    client = Client()
    found = []
    for name, path in (("scorecard", "/statistics/addressees/"), ("map", "/statistics/map/")):
        cold = _cold_ms(path)
        warm = statistics.median(timings_ms(partial(client.get, path), WARM_ROUNDS))
        computed = statistics.median(timings_ms(partial(_computed_ms, client, path), 3, warmup=0))
        found += [
            Figure(
                f"figures.{name}.computed",
                round(computed, 1),
                "ms",
                "bare GROUP BY addressee, warm",
                round(baseline_warm, 1),
                "(the public cache emptied: the database's work)",
            ),
            Figure(
                f"figures.{name}.cold",
                round(cold, 1),
                "ms",
                "bare GROUP BY addressee, cold",
                round(baseline_cold, 1),
                f"< {COLD_GOAL_MS} ms at {FULL:,}",
                cold < COLD_GOAL_MS if not quick else None,
            ),
            Figure(
                f"figures.{name}.warm",
                round(warm, 1),
                "ms",
                "bare GROUP BY addressee, warm",
                round(baseline_warm, 1),
                f"< {WARM_GOAL_MS} ms at {FULL:,}",
                warm < WARM_GOAL_MS if not quick else None,
            ),
        ]
    return found
