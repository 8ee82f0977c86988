"""A PostgreSQL 15 primary and its streaming replica (pg_basebackup -R) on loopback, from Debian's binaries, for
the read-replica tests and CI: `python -m tests.postgres_pair start` prints the two URLs and its folder; `stop DIR`
ends both. Commits on the primary wait until the replica has applied them (synchronous_commit = remote_apply), so
that a test reading the replica right after a write sees it, as a lag-free production replica would.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
STANDBY_NAME = "replica1"


def available() -> str | None:
    """Why a pair cannot be started here, or None when it can."""
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_basebackup").exists():
        return f"no PostgreSQL binaries in {PG_BIN}"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser (initdb refuses root)"
    return None


def _as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


def _run(*command: str) -> str:
    done = subprocess.run(_as_postgres(*command), capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Pair:
    folder: Path
    primary_port: int
    replica_port: int

    @property
    def primary_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.primary_port}/postgres"

    @property
    def replica_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.replica_port}/postgres"

    def psql(self, port: int, sql: str) -> str:
        return _run(str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-Atc", sql)

    def _start(self, name: str, port: int, *settings: str) -> None:
        options = f"-k {self.folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off " + " ".join(
            f"-c {setting}" for setting in settings
        )
        data, log = self.folder / name, self.folder / f"{name}.log"
        _run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o", options, "start")

    def stop_waiting_for_replica(self) -> None:
        """Commits on the primary no longer wait for the replica (which may then fall behind, or go away)."""
        self.psql(self.primary_port, "ALTER SYSTEM SET synchronous_standby_names = ''")
        self.psql(self.primary_port, "SELECT pg_reload_conf()")

    def stop_replica(self) -> None:
        """As if its host went away: the primary stops waiting for it first, then it stops at once."""
        self.stop_waiting_for_replica()
        _run(str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "replica"), "-m", "immediate", "stop")

    def stop(self) -> None:
        """Stop both (whatever is still running) and remove the folder."""
        for name in ("replica", "primary"):
            if (self.folder / name / "postmaster.pid").exists():
                subprocess.run(
                    _as_postgres(
                        str(PG_BIN / "pg_ctl"), "-D", str(self.folder / name), "-m", "immediate", "stop"
                    ),
                    capture_output=True,
                    timeout=60,
                    check=False,
                )
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Pair:
    """A new pair in its own folder under the system's temporary directory (which the postgres user can reach,
    unlike a folder inside root's own temporary ones)."""
    folder = Path(tempfile.mkdtemp(prefix="defenders-pg-pair-", dir="/tmp"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    pair = Pair(folder, free_port(), free_port())
    _run(
        str(PG_BIN / "initdb"), "-D", str(folder / "primary"), "-A", "trust", "-U", "postgres", "-E", "UTF8",
        "--locale=C.UTF-8", "--no-sync",
    )  # fmt: skip
    pair._start(
        "primary",
        pair.primary_port,
        "wal_level=replica",
        "max_wal_senders=4",
        "synchronous_commit=remote_apply",
    )
    # In the configuration file, not on the command line (which would win over it), so that
    # stop_waiting_for_replica() can clear it.
    pair.psql(pair.primary_port, f"ALTER SYSTEM SET synchronous_standby_names = '{STANDBY_NAME}'")
    pair.psql(pair.primary_port, "SELECT pg_reload_conf()")
    conninfo = f"host=127.0.0.1 port={pair.primary_port} user=postgres application_name={STANDBY_NAME}"
    _run(str(PG_BIN / "pg_basebackup"), "-D", str(folder / "replica"), "-R", "-X", "stream", "-d", conninfo)
    pair._start("replica", pair.replica_port, "hot_standby=on")
    return pair


def main() -> None:
    """`start` prints shell assignments (DATABASE_URL, DATABASE_REPLICA_URL, PG_PAIR_DIR); `stop DIR`."""
    if sys.argv[1] == "start":
        pair = start()
        (pair.folder / "ports").write_text(f"{pair.primary_port} {pair.replica_port}\n", encoding="utf-8")
        print(f"DATABASE_URL={pair.primary_url}")
        print(f"DATABASE_REPLICA_URL={pair.replica_url}")
        print(f"PG_PAIR_DIR={pair.folder}")
    else:
        folder = Path(sys.argv[2])
        primary_port, replica_port = (int(n) for n in (folder / "ports").read_text().split())
        Pair(folder, primary_port, replica_port).stop()


if __name__ == "__main__":
    main()
