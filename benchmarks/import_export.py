"""`defenders import` and `defenders export` at scale, each beside the bare database doing the same rows.

Every step runs in its own process on a fresh database in a temporary data directory (on PostgreSQL, a database
of its own on the engine's server, benchmarks/_engines.py), so that peak memory is the step's alone:
- import rate of a synthetic corpus (`defenders generate-corpus`) beside a raw batched INSERT of the same rows
  (communications, signatories and replies, no validation, no history);
- export throughput beside a raw SELECT of the same table written as JSON, and the export's peak RSS for a
  tenth of the corpus and for all of it (flat memory means the same peak).
Size: `DEFENDERS_BENCH_COMMUNICATIONS` (200,000 by default; 20,000 with --quick). The generated corpus file is kept
for its size and code under benchmarks/results/prepared/ (generating it is not what is measured).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import _engines
from ._site import ROOT, corpus_size, kept_copy
from .harness import Figure

IMPORT_GOAL = 2000  # communications a second
CORPUS_SEED = 1
CORPUS_CODE = (
    ROOT / "defenders" / "interchange" / "corpus.py",
    ROOT / "defenders" / "interchange" / "corpus_text.py",
    ROOT / "defenders" / "interchange" / "management" / "commands" / "generate_corpus.py",
)
_databases: dict[Path, tuple[str, str]] = {}  # PostgreSQL: each data directory's database, name and URL


def _environment(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "DEFENDERS_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "defenders.settings"}
    if _engines.current() == "sqlite":
        env.pop("DATABASE_URL", None)  # the data directory's own
    if data_dir in _databases:
        env["DATABASE_URL"] = _databases[data_dir][1]
    return env


def _run(args: list[str], data_dir: Path) -> tuple[float, float, float]:
    """Run a process to its end; its wall-clock seconds, its peak resident memory in MB and its CPU seconds
    (user and system: on a machine shared with other work, the figure the others' load moves least)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=_environment(data_dir), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed with {process.returncode}")
    seconds, peak = time.perf_counter() - started, usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime
    # Each step as it ends, so that a long run that is stopped still tells what it measured.
    print(
        f"  {' '.join(args[2:5])}: {seconds:.1f} s, CPU {cpu:.1f} s, peak RSS {peak:.0f} MB, "
        f"load {os.getloadavg()[0]:.1f}",
        file=sys.stderr,
        flush=True,
    )
    return seconds, peak, cpu


def _defenders(*args: str) -> list[str]:
    return [sys.executable, "-m", "defenders.cli", *args]


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", f"import django; django.setup(); {code}"]


def _migrated(data_dir: Path) -> None:
    data_dir.mkdir(exist_ok=True)
    _run(_defenders("migrate", "-v0"), data_dir)
    _run(_defenders("loaddata", "mandates", "-v0"), data_dir)


def _fresh_database(data_dir: Path) -> None:
    """A data directory with a migrated database holding the mandates and nothing else: a copy of the one kept
    (migrating takes tens of seconds on a loaded machine, three times a run), not what is measured."""
    url = kept_copy("migrated", data_dir, _migrated, _migrated)
    if url:
        _databases[data_dir] = (url.rsplit("/", 1)[1], url)


def empty_postgres() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def raw_insert(path: str) -> None:
    """The baseline: the same rows, read from the same file, by batched INSERTs with nothing else."""
    import uuid

    from django.db import connection, transaction
    from django.utils import timezone

    from defenders.addressees.models import Addressee
    from defenders.communications.models import Communication
    from defenders.mandates.models import Mandate

    mandates = dict(Mandate.objects.values_list("short_name", "pk"))
    addressees: dict[tuple[str, str], int] = {}
    now = timezone.now()
    columns = (
        "uid, type, reference, legacy_reference, reference_code, reference_number, reference_year, slug, "
        'addressee_id, sent_on, language, title, topic, background, allegations, concerns, "update", full_text, '
        "withheld, withheld_reason, exposes_withheld_name, created_at, updated_at"
    )
    insert = f"INSERT INTO communications_communication ({columns}) VALUES ({', '.join(['%s'] * 23)})"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor, open(path, encoding="utf-8") as lines:
        batch: list[dict] = []

        def flush() -> None:
            rows = []
            for record in batch:
                kind, code, name = (record["addressee"][key] for key in ("kind", "code", "name"))
                key = (kind, code if kind == "state" else name)
                if key not in addressees:
                    addressees[key] = Addressee.find_or_create(kind=kind, code=code, name=name).pk
                _type, rest = record["reference"].split(" ", 1)
                number, year = rest.split(" ")[1].split("/")
                summary = record["summary"]
                rows.append(
                    (
                        uuid.UUID(record["id"]).hex if connection.vendor == "sqlite" else record["id"],
                        record["type"], record["reference"], "", code, int(number), int(year),
                        record["reference"].lower().replace(" ", "-").replace("/", "-"), addressees[key],
                        record["sent_on"], record["language"], record["title"], record["topic"],
                        summary["background"], summary["allegations"], summary["concerns"], summary["update"],
                        record["full_text"], record["withheld"], record["withheld_reason"], False, now, now,
                    )
                )  # fmt: skip
            cursor.executemany(insert, rows)
            ids = dict(
                Communication.objects.filter(uid__in=[record["id"] for record in batch]).values_list(
                    "uid", "pk"
                )
            )
            cursor.executemany(
                'INSERT INTO communications_communicationmandate (communication_id, mandate_id, "order", is_lead) '
                "VALUES (%s, %s, %s, %s)",
                [
                    (ids[uuid.UUID(record["id"])], mandates[m["short_name"]], order, m["lead"])
                    for record in batch
                    for order, m in enumerate(record["mandates"])
                ],
            )
            cursor.executemany(
                "INSERT INTO communications_reply (uid, communication_id, received_on, kind, language, "
                "translation_pending, summary, file) VALUES (%s, %s, %s, %s, %s, %s, %s, '')",
                [
                    (
                        uuid.UUID(reply["id"]).hex if connection.vendor == "sqlite" else reply["id"],
                        ids[uuid.UUID(record["id"])], reply["received_on"], reply["kind"], reply["language"],
                        reply["translation_pending"], reply["summary"],
                    )
                    for record in batch
                    for reply in record["replies"]
                ],
            )  # fmt: skip
            batch.clear()

        for line in lines:
            batch.append(json.loads(line))
            if len(batch) == 1000:
                flush()
        if batch:
            flush()


def raw_select(out: str) -> None:
    """The baseline of export: every row of the table, as JSON, to a file."""
    from django.db import connection

    with connection.cursor() as cursor, open(out, "w", encoding="utf-8") as stream:
        cursor.execute("SELECT * FROM communications_communication ORDER BY sent_on, created_at, id")
        while rows := cursor.fetchmany(500):
            for row in rows:
                stream.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")


def _generate(count: int, folder: Path) -> None:
    """The corpus file in `folder` (the command's data directory beside it: nothing else is kept)."""
    folder.mkdir(exist_ok=True)
    arguments = (
        "--communications",
        str(count),
        "--seed",
        str(CORPUS_SEED),
        "--out",
        str(folder / "corpus.jsonl"),
    )
    _run(_defenders("generate-corpus", *arguments), folder.parent)


def run(quick: bool) -> list[Figure]:
    count = corpus_size(quick)
    tenth = max(count // 10, 1)
    with tempfile.TemporaryDirectory(prefix="defenders-bench-") as temporary:
        root = Path(temporary)
        corpus, small = root / "corpus" / "corpus.jsonl", root / "small.jsonl"
        full_db, small_db, raw_db = root / "full", root / "small", root / "raw"
        label = f"corpus-{count}-seed{CORPUS_SEED}"
        kept_copy(
            label, corpus.parent, lambda into: _generate(count, into), _generate, *CORPUS_CODE, database=False
        )
        with corpus.open(encoding="utf-8") as source, small.open("w", encoding="utf-8") as target:
            for _ in range(tenth):
                target.write(source.readline())

        _fresh_database(raw_db)
        raw_seconds, _, raw_cpu = _run(
            _python(f"from benchmarks.import_export import raw_insert; raw_insert({str(corpus)!r})"), raw_db
        )
        if raw_db in _databases:
            _engines.drop(_databases[raw_db][0])  # PostgreSQL: its disk back before the import's
        _fresh_database(full_db)
        import_seconds, import_rss, import_cpu = _run(_defenders("import", str(corpus)), full_db)
        again_seconds, _, _ = _run(_defenders("import", str(corpus)), full_db)

        select_seconds, select_rss, _ = _run(
            _python(
                f"from benchmarks.import_export import raw_select; raw_select({str(root / 'raw.json')!r})"
            ),
            full_db,
        )
        export_seconds, export_rss, _ = _run(_defenders("export", "--out", str(root / "full.jsonl")), full_db)
        _fresh_database(small_db)
        _run(_defenders("import", str(small)), small_db)
        _, small_export_rss, _ = _run(
            _defenders("export", "--out", str(root / "small-export.jsonl")), small_db
        )

    import_rate, raw_rate = count / import_seconds, count / raw_seconds
    return [
        Figure(
            f"import.rate.{count}",
            import_rate,
            "per_s",
            "raw batched insert",
            raw_rate,
            goal=f">= {IMPORT_GOAL}/s",
            met=import_rate >= IMPORT_GOAL,
        ),
        # The same per CPU second of the process (on PostgreSQL the server's own work is not in it).
        Figure(
            f"import.cpu_rate.{count}", count / import_cpu, "per_s", "raw insert per CPU s", count / raw_cpu
        ),
        Figure(
            f"import.unchanged_rate.{count}", count / again_seconds, "per_s", "raw batched insert", raw_rate
        ),
        Figure(f"import.peak_rss.{count}", import_rss, "MB", "raw select peak RSS", select_rss),
        Figure(
            f"export.rate.{count}",
            count / export_seconds,
            "per_s",
            "raw select as JSON",
            count / select_seconds,
        ),
        Figure(
            f"export.peak_rss.{count}",
            export_rss,
            "MB",
            f"export.peak_rss.{tenth}",
            small_export_rss,
            goal="flat: <= 1.2x the peak at a tenth",
            met=export_rss <= 1.2 * small_export_rss,
        ),
    ]
