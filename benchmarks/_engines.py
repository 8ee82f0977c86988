"""The database engine a benchmark runs on, and PostgreSQL's side of it: the server, the filled databases kept on
it as templates (copied with CREATE DATABASE ... TEMPLATE), and a cluster of its own for `--engine postgresql`.
"""

import atexit
import contextlib
import hashlib
import itertools
import os
import re
import shutil
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

ENGINES = ("sqlite", "postgresql")
ENGINE_VARIABLE = "DEFENDERS_BENCH_ENGINE"  # set by the runner for each module's process
SERVER_VARIABLE = "DEFENDERS_BENCH_POSTGRES_URL"  # any database of the server; the benchmarks make their own
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
TEMPLATE_PREFIX = "bench_tpl_"
COPY_PREFIX = "bench_copy_"  # then the pid of the process that made it: a dead process's copies are dropped
IDENTIFIER_LIMIT = 63  # PostgreSQL's NAMEDATALEN - 1
_numbers = itertools.count()


def current() -> str:
    """The engine of this process's benchmarks: the runner's choice, or PostgreSQL when DATABASE_URL names it."""
    engine = os.environ.get(ENGINE_VARIABLE, "")
    if engine:
        if engine not in ENGINES:
            raise RuntimeError(f"{ENGINE_VARIABLE}={engine!r}: not one of {', '.join(ENGINES)}")
        return engine
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def server_url() -> str:
    url = os.environ.get(SERVER_VARIABLE) or os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise RuntimeError(f"PostgreSQL benchmarks need {SERVER_VARIABLE} (or DATABASE_URL) set to a server")
    return url


def database_url(name: str) -> str:
    """The server's URL with another database."""
    parts = urllib.parse.urlsplit(server_url())
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def template_name(key: str) -> str:
    """A database name for a kept folder's name (identifier characters only, within PostgreSQL's 63)."""
    name = TEMPLATE_PREFIX + re.sub(r"[^a-z0-9_]", "_", key.lower())
    if len(name) > IDENTIFIER_LIMIT:
        name = f"{name[: IDENTIFIER_LIMIT - 13]}_{hashlib.sha256(key.encode()).hexdigest()[:12]}"
    return name


@contextlib.contextmanager
def _admin() -> Iterator:
    import psycopg

    with psycopg.connect(server_url(), autocommit=True) as connection:
        yield connection


def _sql(statement: str, *names: str):
    from psycopg import sql

    return sql.SQL(statement).format(*(sql.Identifier(name) for name in names))


def databases(prefix: str) -> list[str]:
    with _admin() as admin:
        rows = admin.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [prefix])
        return sorted(row[0] for row in rows.fetchall())


def exists(name: str) -> bool:
    return name in databases(name)


def drop(name: str) -> None:
    with _admin() as admin:
        admin.execute(_sql("DROP DATABASE IF EXISTS {} WITH (FORCE)", name))


def scratch(template: str | None = None) -> tuple[str, str]:
    """A new database of this process (empty, or a copy of `template`): its name and URL. Dropped when the
    process ends (or, if it was killed, by the runner's drop_orphans)."""
    name = f"{COPY_PREFIX}{os.getpid()}_{next(_numbers)}"
    with _admin() as admin:
        admin.execute(_sql("DROP DATABASE IF EXISTS {} WITH (FORCE)", name))
        if template is None:
            admin.execute(_sql("CREATE DATABASE {}", name))
        else:
            # A file copy of the template: seconds where filling it took minutes (FILE_COPY: not through the
            # write-ahead log, which PostgreSQL 15's default would fill with the whole database).
            strategy = " STRATEGY FILE_COPY" if admin.info.server_version >= 150000 else ""
            admin.execute(_sql("CREATE DATABASE {} TEMPLATE {}" + strategy, name, template))
    atexit.register(_drop_quietly, name)
    return name, database_url(name)


def _drop_quietly(name: str) -> None:
    with contextlib.suppress(Exception):  # the server may be gone already: drop_orphans finishes the work
        drop(name)


def keep_as_template(name: str, template: str) -> None:
    """Keep a filled database under the template's name: renamed only once filled, so that a run stopped midway
    leaves no template half made."""
    with _admin() as admin:
        admin.execute(_sql("DROP DATABASE IF EXISTS {} WITH (FORCE)", template))
        admin.execute(_sql("ALTER DATABASE {} RENAME TO {}", name, template))


def drop_orphans() -> list[str]:
    """Drop the copies made by processes that have ended (a module's own databases); the names dropped."""
    dropped = []
    for name in databases(COPY_PREFIX):
        pid = name.removeprefix(COPY_PREFIX).split("_", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            drop(name)
            dropped.append(name)
    return dropped


def _as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


@contextlib.contextmanager
def cluster(folder: Path, port: int) -> Iterator[str]:
    """A PostgreSQL cluster of Debian's binaries in `folder` (made the first time and kept, with its templates,
    for the next run), started on `port` for the block and stopped after it; its URL."""
    data = folder / "data"
    if not (data / "PG_VERSION").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync",
            ),
            check=True,
            capture_output=True,
        )  # fmt: skip
    options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1"  # fsync on, as in production
    subprocess.run(
        _as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-o", options, "start"
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"),
            check=False,
            capture_output=True,
        )
