"""`defenders backup` and `restore` from the operator's command line: the archive checks against its manifest,
leaves the key directory out, and brings every submission and file back, still opened by the recovery key and
found by codename with the pepper kept apart. On PostgreSQL runs, against a throwaway cluster of the test's own."""

import contextlib
import hashlib
import tarfile

from tests.faults.postgres import suite_runs_on_postgresql, throwaway_cluster
from tests.faults.support import store
from tests.serving import create_recovery_key, free_port, run_cli, serve_environment

SEEDED = 3


@contextlib.contextmanager
def two_databases():
    """(origin, restored) DATABASE_URL values, or (None, None) for SQLite files in each data directory."""
    if not suite_runs_on_postgresql():
        yield None, None
        return
    with throwaway_cluster(free_port()) as cluster:
        cluster.create_database("origin")
        cluster.create_database("restored")
        yield cluster.url_for("origin"), cluster.url_for("restored")


def environment(directory, keys, database_url):
    extra = {"DATABASE_URL": database_url} if database_url else {}
    return serve_environment(directory, DEFENDERS_KEY_DIR=str(keys), **extra)


def test_backup_verifies_and_restores_every_submission_into_an_empty_data_directory(tmp_path):
    keys = tmp_path / "keys"  # kept apart, as the README says: not in the backup, put back from its own copy
    archive = tmp_path / "defenders.backup.tar"
    with two_databases() as (origin_url, restored_url):
        origin = environment(tmp_path / "origin", keys, origin_url)
        recovery_key = create_recovery_key(origin)
        seeded = store(origin, {"do": "seed", "count": SEEDED})["receipts"]
        codenames = [receipt["codename"] for receipt in seeded]

        made = run_cli(origin, "backup", str(archive))
        assert made.returncode == 0, made.stderr
        checked = run_cli(origin, "backup", "--verify", str(archive))
        assert checked.returncode == 0, checked.stderr
        with tarfile.open(archive) as tar:
            names = tar.getnames()
        assert names[0] == "manifest.json"
        assert sum(name.startswith("files/") for name in names) == SEEDED
        assert not any("keys" in name or "pepper" in name for name in names)
        assert (keys / "codename-pepper").read_bytes() not in archive.read_bytes()

        restored = environment(tmp_path / "restored", keys, restored_url)
        brought_back = run_cli(restored, "restore", str(archive))
        assert brought_back.returncode == 0, brought_back.stderr
        before = store(origin, {"do": "inspect", "recovery_key": recovery_key, "codenames": codenames})
        after = store(restored, {"do": "inspect", "recovery_key": recovery_key, "codenames": codenames})
        assert (
            (after["submissions"], after["file_rows"])
            == (before["submissions"], before["file_rows"])
            == (
                SEEDED,
                SEEDED,
            )
        )
        for receipt in seeded:
            found = after["found"][receipt["codename"]]
            assert [item["marker"] for item in found] == [receipt["marker"]]
            assert found[0]["files"] == [hashlib.sha256(bytes.fromhex(receipt["file"])).hexdigest()]

        again = run_cli(restored, "restore", str(archive))
        assert again.returncode != 0 and "empty" in again.stderr


def test_a_changed_archive_fails_verification(tmp_path):
    env = serve_environment(tmp_path / "data", DEFENDERS_KEY_DIR=str(tmp_path / "keys"))
    create_recovery_key(env)
    store(env, {"do": "seed", "count": 1})
    archive = tmp_path / "backup.tar"
    assert run_cli(env, "backup", str(archive)).returncode == 0
    with tarfile.open(archive) as tar:
        sealed = next(member for member in tar if member.name.startswith("files/"))
    data = bytearray(archive.read_bytes())
    data[sealed.offset_data + 10] ^= 0xFF  # one flipped bit inside a sealed file
    archive.write_bytes(bytes(data))
    checked = run_cli(env, "backup", "--verify", str(archive))
    assert checked.returncode != 0
    assert f"{sealed.name}: its SHA-256 or size differs" in checked.stderr
    refused = run_cli(serve_environment(tmp_path / "empty"), "restore", str(archive))
    assert refused.returncode != 0 and "does not match its manifest" in refused.stderr
