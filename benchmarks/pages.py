"""The public pages through `defenders serve` (threaded gunicorn workers, as in production), beside a static file
served by the same server: the communication page, its letter page and the list's first pages (kept in the public
cache, asked for first so that it is warm), and a deep list page (never kept), p50 and p95 latency and the rate of
one client on a kept-alive connection. Goal: each kept page at least half the static file's rate.

The site is the served benchmarks' (benchmarks/_site.py: 20,000 communications with --quick, 200,000 otherwise,
`DEFENDERS_BENCH_COMMUNICATIONS`); the letters of the sampled communications are written into it first.
"""

import http.client
import json
from pathlib import Path

from ._site import _python, prepared_site, serving
from .harness import Figure, percentile, timings_ms

STATIC_FILE = "/static/defenders/site.css"
REQUESTS = 400
LETTER = "Excellency, I have the honour to address you in my capacity as Special Rapporteur. " * 40


def write_letters(slugs: list[str]) -> None:
    """Give the sampled communications a full letter (the site's bulk corpus has none), as an import would."""
    from defenders.communications.models import Communication

    Communication.objects.filter(slug__in=slugs).update(full_text=LETTER)


def _measure(port: int, paths: list[str], warm: bool = True) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    position = iter(range(10**9))

    def one() -> None:
        path = paths[next(position) % len(paths)]
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")

    # The cache warm, as the goal asks: every page asked three times first, on the connection (and so the worker,
    # whose local-memory cache is its own) that is then timed.
    try:
        return timings_ms(one, REQUESTS, warmup=max(20, 3 * len(paths)) if warm else 0)
    finally:
        connection.close()


def _figures(name: str, timings: list[float], static: list[float], count: int, goal: bool) -> list[Figure]:
    rate, static_rate = 1000 * len(timings) / sum(timings), 1000 * len(static) / sum(static)
    return [
        Figure(f"pages.{name}.rate.{count}", rate, "per_s", "static file rate", static_rate,
               goal=">= 0.5x static file" if goal else "", met=rate >= 0.5 * static_rate if goal else None),
        Figure(f"pages.{name}.p95.{count}", percentile(timings, 0.95), "ms", "static file p95",
               percentile(static, 0.95)),
        Figure(f"pages.{name}.p50.{count}", percentile(timings, 0.5), "ms", "static file p50",
               percentile(static, 0.5)),
    ]  # fmt: skip


def run(quick: bool) -> list[Figure]:
    site = prepared_site(quick)
    slugs = [page.strip("/").rsplit("/", 1)[-1] for page in site.pages]
    _python(
        site.environment(), f"from benchmarks.pages import write_letters; write_letters({json.dumps(slugs)})"
    )
    kept = {
        "detail": site.pages,
        "letter": [f"{page}letter/" for page in site.pages],
        "list": ["/communications/", "/communications/?page=2", "/communications/?page=3"],
    }
    with serving(site) as server:
        static = _measure(server.port, [STATIC_FILE])
        measured = {name: _measure(server.port, paths) for name, paths in kept.items()}
        deep = _measure(server.port, ["/communications/?page=400"], warm=False)
    print("load average during the run:", Path("/proc/loadavg").read_text().strip())
    count = site.communications
    figures: list[Figure] = []
    for name, timings in measured.items():
        figures += _figures(name, timings, static, count, goal=True)
    return figures + _figures("list_page_400", deep, static, count, goal=False)
