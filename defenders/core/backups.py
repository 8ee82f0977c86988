"""Backups: the database and the sealed files, as they are, in one tar with a manifest of SHA-256 sums. The key
directory (the codename pepper) is never in it: kept apart, a stolen backup cannot even check a codename.

Archive layout: `manifest.json` (format, engine, members with sha256 and size), then `database.sqlite3` (SQLite's
online backup API) or `database.pgdump` (pg_dump's custom format), then `files/...` (MEDIA_ROOT as stored)."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection

from defenders.clock import office_today

FORMAT = "defenders-backup/1"
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be written, checked or restored; the message says why, for the operator."""


@dataclass
class Summary:
    engine: str
    files: int
    size: int


def engine() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _postgres_environment() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump and pg_restore; the password goes through the environment only."""
    database = connection.settings_dict
    options = ["--dbname", database["NAME"], "--no-password"]
    if database.get("HOST"):
        options += ["--host", database["HOST"]]
    if database.get("PORT"):
        options += ["--port", str(database["PORT"])]
    if database.get("USER"):
        options += ["--username", database["USER"]]
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return options, env


def _postgres_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(f"{name} is not installed: install Debian's postgresql-client matching the server.")
    return tool


def _dump_database(target: Path) -> None:
    if engine() == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # a consistent copy while the site keeps serving
        finally:
            destination.close()
        return
    options, env = _postgres_environment()
    done = subprocess.run(
        [
            _postgres_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target),
            *options,
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")


def _stored_files() -> list[tuple[Path, str]]:
    """Every file under MEDIA_ROOT, but never one under the key directory or the scratch directory."""
    root = Path(settings.MEDIA_ROOT)
    excluded = [Path(settings.DEFENDERS_KEY_DIR).resolve(), Path(settings.DEFENDERS_SCRATCH_DIR).resolve()]
    found = []
    for path in sorted(root.rglob("*")) if root.is_dir() else []:
        resolved = path.resolve()
        if not path.is_file() or path.is_symlink() or any(resolved.is_relative_to(e) for e in excluded):
            continue
        found.append((path, f"files/{path.relative_to(root).as_posix()}"))
    return found


def write_backup(archive: Path) -> Summary:
    """Write the archive under a temporary name, then move it into place (never a half archive at FILE)."""
    archive = archive.resolve()
    with tempfile.TemporaryDirectory(dir=archive.parent, prefix=".defenders-backup-") as staging:
        database_member = DATABASE_MEMBERS[engine()]
        database_copy = Path(staging) / database_member
        _dump_database(database_copy)
        members = [(database_copy, database_member), *_stored_files()]
        manifest: dict = {
            "format": FORMAT,
            "created_on": office_today().isoformat(),
            "engine": engine(),
            "members": {
                name: {"sha256": _sha256(path), "size": path.stat().st_size} for path, name in members
            },
        }
        manifest_path = Path(staging) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
        partial = Path(staging) / "archive.tar"
        with tarfile.open(partial, "w") as tar:
            tar.add(manifest_path, MANIFEST)
            for path, name in members:
                tar.add(path, name)
        partial.chmod(0o600)
        with partial.open("rb") as stream:
            os.fsync(stream.fileno())
        partial.replace(archive)
    return Summary(manifest["engine"], len(members) - 1, archive.stat().st_size)


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and (name == MANIFEST or len(path.parts) >= 1)


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise BackupError("The manifest is not a file.")
            manifest = json.loads(member.read())
    except (tarfile.TarError, KeyError, json.JSONDecodeError, OSError) as error:
        raise BackupError(f"Not a readable backup ({type(error).__name__}: {error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}; this version reads {FORMAT}.")
    return manifest


def verify_backup(archive: Path) -> list[str]:
    """Every problem found: a member missing, extra, unsafe, of the wrong size or with the wrong SHA-256."""
    manifest = read_manifest(archive)
    expected: dict[str, dict] = manifest["members"]
    problems = []
    seen = set()
    with tarfile.open(archive, "r") as tar:
        for member in tar:
            if member.name == MANIFEST:
                continue
            if not member.isfile() or not _safe_name(member.name):
                problems.append(f"{member.name}: not a plain file with a safe name")
                continue
            seen.add(member.name)
            if member.name not in expected:
                problems.append(f"{member.name}: not in the manifest")
                continue
            stream = tar.extractfile(member)
            assert stream is not None
            digest = hashlib.sha256()
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
            if (
                digest.hexdigest() != expected[member.name]["sha256"]
                or member.size != expected[member.name]["size"]
            ):
                problems.append(f"{member.name}: its SHA-256 or size differs from the manifest")
    problems += [f"{name}: in the manifest but missing" for name in sorted(set(expected) - seen)]
    if DATABASE_MEMBERS.get(manifest.get("engine", ""), "") not in expected:
        problems.append("the database is missing")
    return problems


def _is_empty_directory(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and not any(path.iterdir())


def _data_dir_problems() -> list[str]:
    """Restore writes only into an empty data directory (the key directory may already be in it)."""
    data_dir = Path(settings.DEFENDERS_DATA_DIR).resolve()
    keep = {Path(settings.DEFENDERS_KEY_DIR).resolve(), Path(settings.DEFENDERS_SCRATCH_DIR).resolve()}
    # Empty directories (the command line makes the data and files directories at start) hold nothing to lose.
    problems = [
        f"{entry} is there already"
        for entry in (sorted(data_dir.iterdir()) if data_dir.is_dir() else [])
        if entry.resolve() not in keep and not _is_empty_directory(entry)
    ]
    if engine() == "sqlite":
        database = Path(connection.settings_dict["NAME"])
        if database.exists() and database.stat().st_size and f"{database} is there already" not in problems:
            problems.append(f"{database} is there already")
    elif connection.introspection.table_names():
        problems.append(f"the database {connection.settings_dict['NAME']} has tables already")
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(media.iterdir()) and f"{media.resolve()} is there already" not in problems:
        problems.append(f"{media} is not empty")
    return problems


def restore_backup(archive: Path) -> Summary:
    """Check the archive, refuse a data directory or database that is not empty, then bring everything back."""
    problems = verify_backup(archive)
    if problems:
        raise BackupError("The backup does not match its manifest:\n  " + "\n  ".join(problems))
    manifest = read_manifest(archive)
    if manifest["engine"] != engine():
        raise BackupError(f"This backup is of a {manifest['engine']} database; this site runs on {engine()}.")
    problems = _data_dir_problems()
    if problems:
        raise BackupError("Restore needs an empty data directory and database:\n  " + "\n  ".join(problems))
    media = Path(settings.MEDIA_ROOT)
    count = 0
    with tarfile.open(archive, "r") as tar, tempfile.TemporaryDirectory() as staging:
        for member in tar:
            if member.name == MANIFEST:
                continue
            stream = tar.extractfile(member)
            assert stream is not None
            if member.name.startswith("files/"):
                target = media / PurePosixPath(member.name).relative_to("files")
                count += 1
            else:
                target = Path(staging) / member.name
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with target.open("wb") as output:
                shutil.copyfileobj(stream, output, CHUNK)
            target.chmod(0o600)
        database_copy = Path(staging) / DATABASE_MEMBERS[manifest["engine"]]
        _load_database(database_copy)
    return Summary(manifest["engine"], count, archive.stat().st_size)


def _load_database(database_copy: Path) -> None:
    if engine() == "sqlite":
        connection.close()
        target = Path(connection.settings_dict["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        source = sqlite3.connect(database_copy)
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            source.close()
            destination.close()
        return
    options, env = _postgres_environment()
    done = subprocess.run(
        [
            _postgres_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            *options,
            str(database_copy),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
