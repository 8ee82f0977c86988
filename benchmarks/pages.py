"""The public pages through a real server (gunicorn, 2 workers, SQLite or `DATABASE_URL`), beside a static file
served by the same server: the communication page, its letter page and the list page, p50 and p95 latency and
the rate of one client with keep-alive. Goal: each page at least half the static file's rate.

The corpus is `defenders generate-corpus` imported into a fresh database (`DEFENDERS_BENCH_COMMUNICATIONS`,
200,000 by default, 500 with --quick); the pages asked for are a fixed sample of public communications.
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .harness import Figure, percentile, timings_ms
from .import_export import _defenders, _environment, _fresh_database, _python, _run

STATIC_FILE = "/static/defenders/site.css"
REQUESTS = 200


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sample_slugs(count: int) -> None:
    """Print the slugs of `count` public communications spread over the database, as JSON."""
    from defenders.communications.models import Communication

    public = Communication.objects.public().order_by("pk")
    total = public.count()
    step = max(total // count, 1)
    slugs = [public.values_list("slug", flat=True)[index] for index in range(0, total, step)][:count]
    letters = list(public.exclude(full_text="").values_list("slug", flat=True)[:count])
    print(json.dumps({"pages": slugs, "letters": letters}))


def _wait_until_up(port: int) -> None:
    for _ in range(600):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", STATIC_FILE)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def _measure(port: int, paths: list[str]) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    position = iter(range(10**9))

    def one() -> None:
        path = paths[next(position) % len(paths)]
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")

    # The cache warm, as the goal asks: every page asked three times first (each worker keeps its own local memory).
    return timings_ms(one, REQUESTS, warmup=max(20, 3 * len(paths)))


def run(quick: bool) -> list[Figure]:
    count = 500 if quick else int(os.environ.get("DEFENDERS_BENCH_COMMUNICATIONS", "200000"))
    with tempfile.TemporaryDirectory(prefix="defenders-pages-") as temporary:
        root = Path(temporary)
        data_dir, corpus = root / "data", root / "corpus.jsonl"
        _run(
            _defenders(
                "generate-corpus", "--communications", str(count), "--seed", "1", "--out", str(corpus)
            ),
            root,
        )
        _fresh_database(data_dir)
        _run(_defenders("import", str(corpus)), data_dir)
        _run(_defenders("collectstatic", "--no-input", "-v0"), data_dir)
        sample = subprocess.run(
            _python("from benchmarks.pages import sample_slugs; sample_slugs(50)"),
            env=_environment(data_dir),
            capture_output=True,
            text=True,
            check=True,
        )
        slugs = json.loads(sample.stdout.strip().splitlines()[-1])
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "defenders.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            env=_environment(data_dir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_until_up(port)
            static = _measure(port, [STATIC_FILE])
            pages = {
                "detail": [f"/communications/{slug}/" for slug in slugs["pages"]],
                "letter": [f"/communications/{slug}/letter/" for slug in slugs["letters"]],
                "list": ["/communications/", "/communications/?page=2", "/communications/?page=400"],
            }
            measured = {name: _measure(port, paths) for name, paths in pages.items()}
        finally:
            server.terminate()
            server.wait(timeout=30)
    static_rate = 1000 * len(static) / sum(static)
    figures: list[Figure] = []
    for name, timings in measured.items():
        rate = 1000 * len(timings) / sum(timings)
        figures.append(
            Figure(
                f"pages.{name}.rate.{count}",
                rate,
                "per_s",
                "static file rate",
                static_rate,
                goal=">= 0.5x static file",
                met=rate >= 0.5 * static_rate,
            )
        )
        figures.append(
            Figure(f"pages.{name}.p95.{count}", percentile(timings, 0.95), "ms", "static file p95",
                   percentile(static, 0.95))
        )  # fmt: skip
        figures.append(
            Figure(f"pages.{name}.p50.{count}", percentile(timings, 0.5), "ms", "static file p50",
                   percentile(static, 0.5))
        )  # fmt: skip
    return figures
