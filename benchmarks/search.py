"""Search over HTTP for typical queries, each beside the same top-20 query run directly on the engine through a
bare cursor (no ORM, no web layer): the engine's plain ranked query (every match scored: FTS5's bm25, PostgreSQL's
ts_rank), or for a search without text the date-ordered query. Also the public list unfiltered, its first and its
last offered page. For each query:
- `search.<engine>.<kind>.http.p50/.p95`: warm, the same search asked again by a reader without cookies (whom the
  page cache answers, as it answers most readers);
- `.http_search_cache.p50/.p95`: the same search asked again by a reader with a cookie (the page is rendered;
  the search's cached counts, facets and page ids answer);
- `.http_cold.p95`: the first request of each of several distinct searches of the kind (rare names, common
  words, phrases, addressees, text with a type and a mandate; for the lists the page with the cache emptied),
  beside the bare engine's first run of the same searches;
- `.page_statement.p95`: the page's own top-20 statement (bounded ranking), for the record.

    python3 -m uv run python -m benchmarks search                 # SQLite, 200,000 communications
    python3 -m uv run python -m benchmarks --quick search         # 20,000 (or DEFENDERS_BENCH_COMMUNICATIONS)
    python3 -m uv run python -m benchmarks --engine postgresql search

The corpus is defenders.interchange.corpus.generate_records, written with bulk inserts into a fresh database,
then indexed with the same code as `defenders reindex`; it is built once for its size and the code it depends
on and kept (benchmarks/_site.py kept_copy: a SQLite file, or a PostgreSQL template), and each run searches a
copy. (SEARCH_BENCH_COMMUNICATIONS and SEARCH_BENCH_DATABASE_URL, the older names, still work.)"""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import date
from functools import partial
from itertools import islice
from pathlib import Path

from . import _engines
from ._site import ROOT, build_corpus, corpus_size, kept_copy
from .harness import Figure, percentile, timings_ms

GOAL_MS = 50.0
BATCH = 2000
SEED = 17
DATABASE_FILE = "bench.sqlite3"
# What the kept corpus is made of, beside the migrations: a change to any of them builds it anew.
CORPUS_CODE = (
    ROOT / "defenders" / "interchange" / "corpus.py",
    ROOT / "defenders" / "interchange" / "corpus_text.py",
    ROOT / "defenders" / "search" / "documents.py",
)


def build(count: int) -> None:
    """In its own process, on DATABASE_URL: the schema, the mandates and the indexed corpus."""
    build_corpus(_load, count)


def _build_into(count: int, folder: Path) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "defenders.settings"}
    if _engines.current() == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{folder / DATABASE_FILE}"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", f"from benchmarks.search import build; build({count})"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    print(f"   built and indexed {count} communications in {time.perf_counter() - started:.0f} s", flush=True)


def _database(count: int) -> str:
    """Point Django at a copy of the kept corpus (built first if there is none) before it loads settings; the
    engine's name."""
    if os.environ.get("SEARCH_BENCH_DATABASE_URL", "").startswith("postgres"):
        os.environ.setdefault(_engines.ENGINE_VARIABLE, "postgresql")
        os.environ.setdefault(_engines.SERVER_VARIABLE, os.environ["SEARCH_BENCH_DATABASE_URL"])
    engine = _engines.current()
    folder = Path(tempfile.mkdtemp(prefix="bench-search-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    url = kept_copy(
        f"search-{count}-seed{SEED}",
        folder,
        lambda into: _build_into(count, into),
        build,
        _build_into,
        _load,
        *CORPUS_CODE,
    )
    os.environ["DATABASE_URL"] = url or f"sqlite:///{folder / DATABASE_FILE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defenders.settings")
    import django

    django.setup()
    return engine


def _load(count: int) -> None:
    """Write the corpus with bulk inserts (no save(), no signals), then index it as `defenders reindex` does."""
    from django.db import transaction
    from django.utils.text import slugify

    from defenders.addressees.models import Addressee
    from defenders.cases.models import Theme
    from defenders.communications import references
    from defenders.communications.models import Communication, CommunicationMandate, Reply
    from defenders.interchange.corpus import generate_records
    from defenders.mandates.models import Mandate
    from defenders.search.documents import reindex_all

    mandates = {mandate.short_name: mandate for mandate in Mandate.objects.all()}
    addressees: dict[tuple[str, str, str], Addressee] = {}
    themes: dict[str, Theme] = {}
    records = generate_records(count, seed=SEED)
    while batch := list(islice(records, BATCH)):
        with transaction.atomic():
            communications, links, replies, filed = [], [], [], []
            for record in batch:
                line = record["addressee"]
                key = (line["kind"], line["code"], line["name"])
                if key not in addressees:
                    addressees[key] = Addressee.find_or_create(
                        kind=line["kind"], code=line["code"], name=line["name"]
                    )
                parsed = references.parse_reference(record["reference"]) if record["reference"] else None
                uid = uuid.UUID(record["id"])
                communication = Communication(
                    uid=uid,
                    type=record["type"],
                    reference=record["reference"],
                    legacy_reference=record["legacy_reference"],
                    reference_code=parsed.code if parsed else "",
                    reference_number=parsed.number if parsed else None,
                    reference_year=parsed.year if parsed else None,
                    slug=references.slug_for(
                        reference=record["reference"],
                        legacy_reference=record["legacy_reference"],
                        addressee_code=addressees[key].code,
                        uid_hex=uid.hex,
                    ),
                    addressee=addressees[key],
                    sent_on=date.fromisoformat(record["sent_on"]) if record["sent_on"] else None,
                    language=record["language"],
                    title=record["title"],
                    topic=record["topic"],
                    full_text=record["full_text"],
                    withheld=record["withheld"],
                    withheld_reason=record["withheld_reason"],
                    **record["summary"],
                )
                communications.append(communication)
                for order, line in enumerate(record["mandates"]):
                    links.append((communication, mandates[line["short_name"]], order, line["lead"]))
                for reply in record["replies"]:
                    replies.append((communication, reply))
                for name in record["themes"]:
                    if name not in themes:
                        themes[name] = (
                            Theme.objects.filter(name=name).first()
                            or Theme.objects.filter(slug=slugify(name)).first()
                            or Theme.objects.create(name=name, slug=slugify(name))
                        )
                    filed.append((communication, themes[name]))
            Communication.objects.bulk_create(communications)
            CommunicationMandate.objects.bulk_create(
                CommunicationMandate(communication=c, mandate=m, order=o, is_lead=lead)
                for c, m, o, lead in links
            )
            Reply.objects.bulk_create(
                Reply(
                    communication=c,
                    received_on=date.fromisoformat(r["received_on"]),
                    kind=r["kind"],
                    language=r["language"],
                    translation_pending=r["translation_pending"],
                    summary=r["summary"],
                )
                for c, r in replies
            )
            Communication.themes.through.objects.bulk_create(
                Communication.themes.through(communication=c, theme=t) for c, t in filed
            )
    reindex_all()


def _queries() -> dict[str, dict[str, str]]:
    """Typical searches: the rare name is one that a single generated letter carries."""
    from defenders.communications.models import Communication

    first = Communication.objects.public().order_by("pk").values_list("title", flat=True).first() or "x"
    rare = first.split()[-1]
    return {
        "common_word": {"q": "detention"},
        "rare_name": {"q": rare},
        "phrase": {"q": '"freedom of expression"'},
        "facet_only": {"addressee": "RUS"},
        "text_two_facets": {"q": "arrested", "type": "UA", "mandate": "SR HRDs"},
        "list": {},
        "list_last_page": {"page": "50"},
    }


# Words that many generated letters carry, in their allegations and concerns.
COMMON_WORDS = (
    "arrested",
    "charged",
    "court",
    "lawyer",
    "prosecutor",
    "imprisonment",
    "concern",
    "pattern",
    "family",
    "interrogation",
    "warrant",
    "location",
    "officers",
    "integrity",
    "silence",
    "legitimate",
    "sentence",
    "threatened",
    "clothes",
    "extended",
)
PHRASES = (
    '"arbitrary detention"',
    '"judicial harassment"',
    '"freedom of peaceful assembly"',
    '"freedom of association"',
    '"counter terrorism"',
    '"enforced disappearance"',
    '"torture and ill-treatment"',
    '"environmental defenders"',
    '"land rights"',
    '"women human rights defenders"',
    '"business and human rights"',
    '"indigenous peoples"',
    '"travel bans"',
    '"smear campaigns"',
    '"civic space"',
    '"plain clothes"',
    '"pre-trial detention"',
    '"unknown location"',
    '"legal assistance"',
    '"human rights council"',
)


def _distinct_queries(count: int) -> dict[str, list[dict[str, str]]]:
    """For each kind, `count` searches of that kind that no other search of the run asks (so the first request
    of each finds nothing of its own in any cache): rare names from the letters' titles, common words, phrases,
    addressees, text with a type and a mandate."""
    from django.db.models import Count

    from defenders.communications.models import Communication
    from defenders.interchange.corpus_text import FAMILY_NAMES

    # Family names that the generated letters' titles carry (each in about one letter in 160).
    titles = " ".join(Communication.objects.public().order_by("-pk").values_list("title", flat=True)[:2000])
    names = [name for name in FAMILY_NAMES if name in titles][1:]
    codes = [
        row["addressee__code"]
        for row in Communication.objects.public()
        .values("addressee__code")
        .annotate(letters=Count("pk"))
        .order_by("-letters")[: count + 1]
        if row["addressee__code"] != "RUS"
    ]
    mandates = ("SR FoE", "SR FoAA", "WGAD", "SR Torture", "SR IJL")
    return {
        "common_word": [{"q": word} for word in COMMON_WORDS[:count]],
        "rare_name": [{"q": name} for name in names[:count]],
        "phrase": [{"q": phrase} for phrase in PHRASES[:count]],
        "facet_only": [{"addressee": code} for code in codes[:count]],
        "text_two_facets": [
            {"q": word, "type": ("AL", "UA")[index % 2], "mandate": mandates[index % len(mandates)]}
            for index, word in enumerate(COMMON_WORDS[:count])
        ],
    }


def _plain_engine_sql(params) -> tuple[str, list]:
    """The engine's plain top-20 for the search: every text match scored and sorted (no candidate bound), the
    same filters and publication condition; for a search without text, the date order."""
    from django.db import connection

    from defenders.clock import office_now
    from defenders.search.engines import current_engine
    from defenders.search.results import _page_ids_sql, _Where

    query = params.text_query()
    if query is None or not params.ranked:
        return _page_ids_sql(params, 20, office_now())
    where = _Where(params, office_now(), text_ids=None)
    offset = (params.page - 1) * 20
    if connection.vendor == "postgresql":
        tsquery, text_params = current_engine()._tsquery(query)  # type: ignore[attr-defined]
        sql = (
            f"SELECT d.communication_id FROM search_searchdocument d WHERE d.document @@ {tsquery} AND "  # noqa: S608
            f"{where.sql()} ORDER BY ts_rank(d.document, {tsquery}) DESC, d.communication_id DESC "
            "LIMIT 20 OFFSET %s"
        )
        return sql, [*text_params, *where.params(), *text_params, offset]
    sql = (
        "SELECT f.rowid FROM search_fts f JOIN search_searchdocument d ON d.communication_id = f.rowid "  # noqa: S608
        f"WHERE search_fts MATCH %s AND {where.sql()} ORDER BY bm25(search_fts, 8.0, 1.0), f.rowid DESC "
        "LIMIT 20 OFFSET %s"
    )
    return sql, [query.fts5(), *where.params(), offset]


def _run_sql(statement: tuple[str, list]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(*statement)
        cursor.fetchall()


def _plain_engine(params) -> None:
    _run_sql(_plain_engine_sql(params))


def _page_statement(params) -> None:
    from defenders.clock import office_now
    from defenders.search.results import _page_ids_sql

    _run_sql(_page_ids_sql(params, 20, office_now()))


def _served(client, params) -> None:
    response = client.get("/communications/?" + params.as_query())
    assert response.status_code == 200, (params, response.status_code)


def _figure(
    name: str, timings: list[float], share: float, baseline_name: str, baseline: list[float], goal: bool
):
    label = f"p{round(share * 100)}"
    value, base = percentile(timings, share), percentile(baseline, share)
    return Figure(
        f"{name}.{label}",
        value,
        "ms",
        f"{baseline_name} {label}",
        base,
        goal="p95 <= 50 ms and <= 2x bare engine" if goal else "",
        met=(value <= GOAL_MS and value <= 2 * base) if goal else None,
    )


def run(quick: bool) -> list[Figure]:
    count = int(os.environ.get("SEARCH_BENCH_COMMUNICATIONS") or corpus_size(quick))
    repeat = 15 if quick else 40
    distinct = 8 if quick else 20
    started = time.perf_counter()
    engine = _database(count)
    print(
        f"   {count} communications on {engine}, ready in {time.perf_counter() - started:.0f} s", flush=True
    )

    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from defenders.search import SearchParams, search

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # The pages name their static files; without collectstatic's manifest, under their own names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A reader without cookies is answered from the page cache once the page was asked for; one with a cookie
    # (signed in, or with a message waiting) from the search's own caches of counts, facets and page ids.
    reader, signed_in = Client(), Client()
    signed_in.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    figures = []
    cold_sets = _distinct_queries(distinct)
    for name, query in _queries().items():
        params = SearchParams.from_query(query)
        matched = search(params, with_facets=False).count
        cache.clear()
        bare = timings_ms(partial(_plain_engine, params), repeat)
        own = timings_ms(partial(_page_statement, params), repeat)
        warm = timings_ms(partial(_served, reader, params), repeat)
        searched = timings_ms(partial(_served, signed_in, params), repeat)
        print(f"   {name}: {matched} matches")
        prefix = f"search.{engine}.{name}"
        for share in (0.5, 0.95):
            figures.append(_figure(f"{prefix}.http", warm, share, "plain engine top 20", bare, share == 0.95))
        for share in (0.5, 0.95):
            figures.append(
                _figure(f"{prefix}.http_search_cache", searched, share, "plain engine top 20", bare, False)
            )
        figures.append(_figure(f"{prefix}.page_statement", own, 0.95, "plain engine top 20", bare, False))
        # Cold: the first request of each of several distinct searches of this kind (for the lists, the same
        # page with the cache emptied before each), beside the bare engine's first run of the same searches.
        if name in cold_sets:
            asked = [SearchParams.from_query(each) for each in cold_sets[name]]
        else:
            asked = [params] * distinct
        cold_bare, cold = [], []
        for each in asked:
            cache.clear()
            cold_bare += timings_ms(partial(_plain_engine, each), 1, warmup=0)
            cold += timings_ms(partial(_served, reader, each), 1, warmup=0)
        matches = [search(each, with_facets=False).count for each in asked[:5]]
        print(f"   {name} cold: {len(asked)} searches, matches of the first five {matches}")
        figures.append(
            _figure(f"{prefix}.http_cold", cold, 0.95, "plain engine top 20 cold", cold_bare, True)
        )
    if engine == "postgresql":
        from django.db import connections

        connections.close_all()
    # Its own size, which SEARCH_BENCH_COMMUNICATIONS may set apart from the other modules'.
    return [replace(figure, communications=count) for figure in figures]
