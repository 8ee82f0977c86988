"""Readers of the public database while sources submit: 16 clients reading public pages through `defenders serve`,
alone and then with confidential submissions arriving about 1.3 a second (each holds argon2 derivations at
the production cost), for the worker model `defenders serve` picks (threaded workers) and for the model it
replaced (2 workers of one thread each: a request per worker, as gunicorn's sync workers).

Goal: public pages' p95 with submissions within 2x of its value without. Also each web worker's resident
memory once the server has finished the submissions (now and at its peak) beside a bare Django process, and
apart from it the peak of the processes where argon2 runs (each holds a derivation's 256 MiB while it works).
"""

import http.client
import os
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ._site import Server, Site, _python, confidential_submission, prepared_site, resident_mb, serving
from .harness import Figure, percentile

CLIENTS = 16
SUBMISSIONS_PER_SECOND = 1.3
REPLACED_MODEL = {"workers": 2, "threads": 1}


def _readers(server: Server, site: Site, seconds: float, stop: threading.Event) -> list[float]:
    """CLIENTS readers, each on its own kept-alive connection, for `seconds`: every page's milliseconds."""
    timings: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    paths = [*site.pages, "/communications/", "/"]

    def reader(n: int) -> None:
        rng = random.Random(n)  # noqa: S311 - which page to read, not a secret
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        mine = []
        while time.monotonic() < deadline and not stop.is_set():
            started = time.perf_counter()
            connection.request("GET", rng.choice(paths))
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"a public page answered {response.status}")
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            timings.extend(mine)

    with ThreadPoolExecutor(CLIENTS) as pool:
        for future in [pool.submit(reader, n) for n in range(CLIENTS)]:
            future.result()
    return timings


def _submitters(server: Server, seconds: float) -> tuple[int, int]:
    """Sources arriving at SUBMISSIONS_PER_SECOND (open loop: each on time, however slow the last): sent, answered."""
    results: list[bool] = []
    lock = threading.Lock()

    def source() -> None:
        _, received = confidential_submission(server.port)
        with lock:
            results.append(received)

    threads = []
    started = time.monotonic()
    for n in range(int(seconds * SUBMISSIONS_PER_SECOND)):
        time.sleep(max(0.0, started + n / SUBMISSIONS_PER_SECOND - time.monotonic()))
        thread = threading.Thread(target=source)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(timeout=300)
    return len(threads), sum(results)


@dataclass(frozen=True)
class Measured:
    alone_p95: float  # ms
    mixed_p95: float  # ms
    mixed_rate: float  # public pages a second, with submissions
    sent: int
    received: int
    memory: list[tuple[float, float]]  # each web worker's resident MB, now and at its peak
    argon2_peaks: list[float]  # each argon2 pool process's peak resident MB


def _submissions_stored(site: Site) -> int:
    return int(
        _python(
            site.environment(),
            "from defenders.intake.models import Submission as S; print(S.objects.count())",
        )
    )


def _wait_until_submissions_stop_arriving(site: Site) -> None:
    """Until the stored submissions' count holds still twice running: the server has finished what it queued
    (a source whose answer timed out may still be in a worker)."""
    counts = [_submissions_stored(site)]
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not (len(counts) >= 3 and counts[-1] == counts[-2] == counts[-3]):
        time.sleep(2)
        counts.append(_submissions_stored(site))


def _argon2_processes(worker: int) -> list[int]:
    """A web worker's children that run argon2 (started with multiprocessing's spawn, by whichever of its threads
    asked first; not its resource tracker)."""
    pids = [
        int(pid)
        for children in Path(f"/proc/{worker}/task").glob("*/children")
        for pid in children.read_text().split()
    ]
    return [pid for pid in pids if b"multiprocessing.spawn" in Path(f"/proc/{pid}/cmdline").read_bytes()]


def measure(site: Site, seconds: float, **shape: int) -> Measured:
    """Public p95 alone, then with submissions, on one server of the given shape (production's by default)."""
    with serving(site, **shape) as server:
        _readers(server, site, 3, threading.Event())  # warm every worker and its connections
        alone = _readers(server, site, seconds, threading.Event())
        outcome: list[tuple[int, int]] = []

        def submit() -> None:
            outcome.append(_submitters(server, seconds))

        submitting = threading.Thread(target=submit)
        submitting.start()
        mixed = _readers(server, site, seconds, threading.Event())
        submitting.join()
        _wait_until_submissions_stop_arriving(site)
        workers = server.worker_pids()
        memory = [resident_mb(pid) for pid in workers]
        argon2_peaks = [resident_mb(pid)[1] for worker in workers for pid in _argon2_processes(worker)]
    ((sent, received),) = outcome
    return Measured(
        percentile(alone, 0.95),
        percentile(mixed, 0.95),
        len(mixed) / seconds,
        sent,
        received,
        memory,
        argon2_peaks,
    )


def bare_django_mb() -> float:
    """Peak resident memory of a process that only sets Django up with the project's settings."""
    process = subprocess.Popen(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "defenders.settings"},
    )
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss / 1024


def run(quick: bool) -> list[Figure]:
    site = prepared_site(quick)
    seconds = 15.0 if quick else 40.0
    chosen = measure(site, seconds)
    replaced = measure(site, seconds, **REPLACED_MODEL)
    n = site.communications
    figures = [
        Figure(
            f"mixed.public.p95.alone.{n}", chosen.alone_p95, "ms", "replaced model, alone", replaced.alone_p95
        ),
        Figure(
            f"mixed.public.p95.with_submissions.{n}",
            chosen.mixed_p95,
            "ms",
            "same server, no submissions",
            chosen.alone_p95,
            goal="<= 2x without submissions",
            met=chosen.mixed_p95 <= 2 * chosen.alone_p95,
        ),
        Figure(
            f"mixed.replaced.public.p95.with_submissions.{n}",
            replaced.mixed_p95,
            "ms",
            "same server, no submissions",
            replaced.alone_p95,
        ),
        Figure(
            f"mixed.public.rate.with_submissions.{n}",
            chosen.mixed_rate,
            "per_s",
            "replaced model",
            replaced.mixed_rate,
        ),
        Figure(
            f"mixed.submissions.received.{n}",
            chosen.received,
            "count",
            "submissions sent",
            chosen.sent,
            goal="every one",
            met=chosen.received == chosen.sent,
        ),
    ]
    bare = bare_django_mb()
    for index, (now, peak) in enumerate(chosen.memory):
        figures.append(
            Figure(f"memory.web_worker.{index}.rss.{n}", now, "MB", "bare Django process", bare,
                   goal="< 250 MB", met=now < 250)
        )  # fmt: skip
        figures.append(Figure(f"memory.web_worker.{index}.peak.{n}", peak, "MB", "bare Django process", bare))
    for index, peak in enumerate(chosen.argon2_peaks):
        figures.append(
            Figure(f"memory.argon2_process.{index}.peak.{n}", peak, "MB", "bare Django process", bare)
        )
    return figures
