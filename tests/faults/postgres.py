"""A throwaway PostgreSQL 15 cluster on loopback, owned by the test that starts it: stopped and started at
will (the fault under test), always stopped and removed at the end."""

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_SECONDS = 60


def suite_runs_on_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def skip_unless_a_cluster_can_be_made() -> None:
    """The cluster is made with initdb as the `postgres` user (initdb refuses root), as CI's is."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"no PostgreSQL 15 server binaries in {PG_BIN}")
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("making a throwaway cluster needs root (runuser -u postgres)")


@dataclass
class Cluster:
    directory: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def url_for(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.directory / "data"),
                *args,
            ],
            check=True,
            capture_output=True,
            timeout=PG_SECONDS,
        )

    def start(self) -> None:
        options = f"-k {self.directory} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg_ctl("-l", str(self.directory / "log"), "-w", "-o", options, "start")

    def stop(self, mode: str = "immediate") -> None:
        """`immediate`: as if the server died (no checkpoint, connections cut)."""
        self._pg_ctl("-m", mode, "-w", "stop")

    def create_database(self, name: str) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(PG_BIN.parent / "bin" / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                name,
            ],
            check=True,
            capture_output=True,
            timeout=PG_SECONDS,
        )


@contextlib.contextmanager
def throwaway_cluster(port: int) -> Iterator[Cluster]:
    skip_unless_a_cluster_can_be_made()
    directory = Path(tempfile.mkdtemp(prefix="defenders-pg-"))
    shutil.chown(directory, "postgres")
    cluster = Cluster(directory, port)
    try:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(PG_BIN / "initdb"),
                "-D",
                str(directory / "data"),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            timeout=PG_SECONDS,
        )
        cluster.start()
        yield cluster
    finally:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            cluster.stop("fast")
        shutil.rmtree(directory, ignore_errors=True)
