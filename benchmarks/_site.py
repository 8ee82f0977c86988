"""A site for the served benchmarks (intake, mixed load, memory): a data directory filled with a synthetic corpus,
an office recovery key, and `defenders serve` started on it, as in production.

The corpus is written in bulk (no history rows, no search index: the served pages do not read them), because
`defenders import` at 20,000 takes minutes; its size is `DEFENDERS_BENCH_COMMUNICATIONS` (20,000 with --quick,
200,000 otherwise). The engine is benchmarks/_engines.py's. A filled site is kept under
benchmarks/results/prepared/, keyed on its size, seed, the schema's migrations and the filling code (on PostgreSQL
with its database kept on the server as a template), and copied for the next module or run that asks for the same
(`kept_copy`, which any module may use for its own database; `--fresh` or `DEFENDERS_BENCH_FRESH=1` fills anew).
"""

import atexit
import contextlib
import hashlib
import http.client
import inspect
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from types import ModuleType

from . import _engines

ROOT = Path(__file__).resolve().parents[1]
QUICK_COMMUNICATIONS = 20_000
FULL_COMMUNICATIONS = 200_000
SECRET = "a-benchmark-secret-key-that-is-long-enough-for-django-1234567890"  # noqa: S105 (a throwaway site)
CSRF_PATTERN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CODENAME_PATTERN = re.compile(r'id="codename" lang="en">([^<]+)<')
SEED = 13
PAGES = 40
# Filled sites kept between modules and runs (ignored by git with the rest of benchmarks/results/).
PREPARED = ROOT / "benchmarks" / "results" / "prepared"
KEEP_PREPARED = 2  # of each label and engine, the copies of older code beyond this many are removed
_prepared: dict[int, "Site"] = {}


@dataclass(frozen=True)
class Site:
    data_dir: Path
    communications: int
    pages: list[str]  # public communication pages spread over the corpus
    database_url: str | None = (
        None  # PostgreSQL: this process's copy; SQLite: None (the data directory's own)
    )

    def environment(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DEFENDERS_")}
        if self.database_url is not None:
            env["DATABASE_URL"] = self.database_url
        env.update(
            DEFENDERS_DATA_DIR=str(self.data_dir),
            DEFENDERS_SECRET_KEY=SECRET,
            DEFENDERS_SCRATCH_DIR=str(self.data_dir / "scratch"),
            DJANGO_SETTINGS_MODULE="defenders.settings",
        )
        env.update(extra)
        return env


def corpus_size(quick: bool) -> int:
    default = QUICK_COMMUNICATIONS if quick else FULL_COMMUNICATIONS
    return int(os.environ.get("DEFENDERS_BENCH_COMMUNICATIONS", default))


def _run(site_env: dict[str, str], arguments: list[str], what: str) -> str:
    done = subprocess.run(
        [sys.executable, *arguments], env=site_env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def _defenders(site_env: dict[str, str], *args: str) -> str:
    return _run(site_env, ["-m", "defenders.cli", *args], f"defenders {' '.join(args)}")


def _python(site_env: dict[str, str], code: str) -> str:
    return _run(site_env, ["-c", f"import django; django.setup(); {code}"], code)


def schema_state(*code: Callable | ModuleType | Path) -> str:
    """A digest of what a prepared database depends on: every migration of the project, the locked third-party
    versions (their migrations), and the code that fills it (functions, or files read as they are)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "defenders").glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    lock = ROOT / "uv.lock"
    if lock.exists():
        digest.update(lock.read_bytes())
    for function in code:
        if isinstance(function, Path):
            digest.update(function.read_bytes())
        else:
            digest.update(inspect.getsource(function).encode())
    return digest.hexdigest()[:16]


def keeping() -> bool:
    """Unless DEFENDERS_BENCH_FRESH asks for a fresh fill."""
    return os.environ.get("DEFENDERS_BENCH_FRESH", "") in ("", "0")


def kept_copy(
    label: str,
    folder: Path,
    build: Callable[[Path], object],
    *code: Callable | ModuleType | Path,
    database: bool = True,
) -> str | None:
    """Fill the empty `folder` with a copy of what `build(folder)` made before under the same label (say the size
    and seed of a corpus) and schema_state(*code); or build it now and keep a copy for the next module or run.
    For any benchmark whose database takes long to make: on SQLite a data directory with its database; on
    PostgreSQL the folder's files, and the database that `build` filled (DATABASE_URL names it while it runs)
    kept on the server as a template. The URL of this process's own copy of that database on PostgreSQL, None
    on SQLite or for files alone (`database=False`, whatever the engine)."""
    engine = _engines.current() if database else "sqlite"
    state = schema_state(*code)
    kept = PREPARED / (f"{label}-{state}" if engine == "sqlite" else f"{label}-{engine}-{state}")
    template = _engines.template_name(kept.name) if engine == "postgresql" else ""
    if keeping() and (kept / ".complete").exists() and (not template or _engines.exists(template)):
        shutil.copytree(
            kept, folder, symlinks=True, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".complete")
        )
        os.utime(kept)  # recently used: kept longest
        return _engines.scratch(template)[1] if template else None
    if not template:
        build(folder)
        if keeping():
            _keep(folder, kept)
        return None
    building, url = _engines.scratch()
    with _variable("DATABASE_URL", url):
        build(folder)
    if not keeping():
        return url
    _engines.keep_as_template(building, template)
    _keep(folder, kept)
    return _engines.scratch(template)[1]


@contextlib.contextmanager
def _variable(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def _keep(folder: Path, kept: Path) -> None:
    """Store a copy (written aside, then renamed: a run stopped midway leaves nothing half-made), and drop the
    least recently used copies of the same label and engine beyond KEEP_PREPARED (with their templates)."""
    PREPARED.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=f".{kept.name}-", dir=PREPARED))
    shutil.copytree(folder, aside, symlinks=True, dirs_exist_ok=True)
    (aside / ".complete").touch()
    try:
        aside.rename(kept)
    except OSError:  # another run kept the same meanwhile
        shutil.rmtree(aside, ignore_errors=True)
    family = kept.name.rsplit("-", 1)[0]  # the name without the code's state
    others = sorted(
        (
            path
            for path in PREPARED.iterdir()
            if path.is_dir() and path != kept and path.name.rsplit("-", 1)[0] == family
        ),
        key=lambda path: path.stat().st_mtime,
    )
    for stale in others[: max(len(others) - (KEEP_PREPARED - 1), 0)]:
        if family.endswith("-postgresql"):
            _engines.drop(_engines.template_name(stale.name))
        shutil.rmtree(stale, ignore_errors=True)


def _fill_site(folder: Path, count: int) -> None:
    """A migrated data directory with the mandates, a recovery key and `count` communications, and the sample of
    pages (pages.json) beside it."""
    env = Site(folder / "data", count, []).environment()
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        _python(env, "from benchmarks.import_export import empty_postgres; empty_postgres()")
    _defenders(env, "migrate", "-v0")
    _defenders(env, "loaddata", "mandates", "-v0")
    _defenders(env, "keys", "create-recovery")
    _python(env, f"from benchmarks._site import fill; fill({count}, seed={SEED})")
    slugs = json.loads(
        _python(env, f"from benchmarks._site import sample; sample({PAGES})").strip().splitlines()[-1]
    )
    pages = [f"/communications/{slug}/" for slug in slugs]
    (folder / "pages.json").write_text(json.dumps(pages), encoding="utf-8")


def build_corpus(fill: Callable[[int], None], count: int) -> None:
    """In a corpus builder's own process, on its DATABASE_URL (or DEFENDERS_DATA_DIR's SQLite): the schema, the
    mandates and `fill(count)`; on PostgreSQL analysed, so that the copies of it keep the statistics."""
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection, connections

    call_command("migrate", verbosity=0)
    call_command("loaddata", "mandates", verbosity=0)
    fill(count)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # no run waits for autovacuum
    connections.close_all()  # SQLite: the write-ahead log folded in; PostgreSQL: the template free to copy


def prepared_site(quick: bool) -> Site:
    """The run's site: a copy of the one kept for this size, seed and schema when there is one, otherwise filled
    (and kept for the next time); removed when the process ends."""
    count = corpus_size(quick)
    if count in _prepared:
        return _prepared[count]
    folder = Path(tempfile.mkdtemp(prefix="defenders-bench-site-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    url = kept_copy(
        f"site-{count}-seed{SEED}", folder, lambda into: _fill_site(into, count), _fill_site, fill, sample
    )
    pages = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
    site = Site(folder / "data", count, pages, url)
    _prepared[count] = site
    return site


def fill(count: int, seed: int = 13) -> None:
    """Synthetic public communications since 2010, with a summary, one to three mandates, half of them answered."""
    import random
    from datetime import date, timedelta

    import pycountry

    from defenders.addressees.models import Addressee
    from defenders.communications.models import Communication, CommunicationMandate, Reply
    from defenders.mandates.models import Mandate

    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    addressees = [Addressee.state(country.alpha_3) for country in pycountry.countries]
    mandates = list(Mandate.objects.all())
    start, days = date(2010, 1, 1), (date.today() - date(2010, 1, 1)).days - 90
    words = [
        "defender",
        "arrested",
        "detained",
        "lawyer",
        "journalist",
        "protest",
        "release",
        "trial",
        "land",
    ]
    for offset in range(0, count, 5000):
        letters = [
            Communication(
                type=rng.choices(("AL", "UA", "OL"), (6, 3, 1))[0],
                addressee=rng.choice(addressees),
                sent_on=start + timedelta(days=rng.randrange(days)),
                title=f"Benchmark communication {index}",
                slug=f"benchmark-{index}",
                topic=" ".join(rng.choices(words, k=8)),
                allegations=" ".join(rng.choices(words, k=400)),
                concerns=" ".join(rng.choices(words, k=150)),
            )
            for index in range(offset, min(offset + 5000, count))
        ]
        Communication.objects.bulk_create(letters)
        created = Communication.objects.filter(slug__in=[letter.slug for letter in letters])
        links, replies = [], []
        for pk, sent_on in created.values_list("pk", "sent_on"):
            for order, mandate in enumerate(rng.sample(mandates, rng.randint(1, 3))):
                links.append(
                    CommunicationMandate(
                        communication_id=pk, mandate=mandate, order=order, is_lead=order == 0
                    )
                )
            if rng.random() < 0.5:
                received = min(sent_on + timedelta(days=rng.randint(1, 200)), date.today())  # type: ignore[operator]
                replies.append(Reply(communication_id=pk, received_on=received, summary="A reply."))  # type: ignore[misc]
        CommunicationMandate.objects.bulk_create(links)
        Reply.objects.bulk_create(replies)


def sample(count: int) -> None:
    """Print the slugs of `count` public communications spread over the corpus, as JSON."""
    from defenders.communications.models import Communication

    slugs = list(Communication.objects.public().order_by("pk").values_list("slug", flat=True))
    step = max(len(slugs) // count, 1)
    print(json.dumps(slugs[::step][:count]))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []


@contextlib.contextmanager
def serving(site: Site, *, workers: int | None = None, threads: int | None = None) -> Iterator[Server]:
    """`defenders serve` on the site (production defaults unless told), stopped with SIGTERM on the way out."""
    arguments = ["serve", "--bind", f"127.0.0.1:{free_port()}"]
    if workers is not None:
        arguments += ["--workers", str(workers)]
    if threads is not None:
        arguments += ["--threads", str(threads)]
    port = int(arguments[2].rsplit(":", 1)[1])
    process = subprocess.Popen(
        [sys.executable, "-m", "defenders.cli", *arguments],
        env=site.environment(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = Server(process, port)
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                raise RuntimeError("defenders serve stopped at start")
            try:
                get(port, "/static/defenders/site.css")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def get(port: int, path: str, connection: http.client.HTTPConnection | None = None) -> int:
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        if own:
            connection.close()


def confidential_submission(port: int) -> tuple[float, bool]:
    """A source fetches the confidential form and sends it: the send's seconds, and whether a codename came back."""
    from defenders.intake.tests.helpers import confidential_form

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    url = f"http://127.0.0.1:{port}/submit/confidential/"
    with opener.open(url, timeout=120) as answer:
        token = CSRF_PATTERN.search(answer.read().decode())
    if token is None:
        return 0.0, False
    body = urllib.parse.urlencode({**confidential_form(), "csrfmiddlewaretoken": token.group(1)}).encode()
    started = time.perf_counter()
    try:
        with opener.open(url, body, timeout=120) as answer:
            page = answer.read().decode()
    except urllib.error.HTTPError:
        return time.perf_counter() - started, False
    return time.perf_counter() - started, CODENAME_PATTERN.search(page) is not None


def resident_mb(pid: int) -> tuple[float, float]:
    """A process's resident memory now and at its peak (VmRSS, VmHWM), in MB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
