"""The operator command line, run as a real process the way an operator runs it."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from defenders.demo.fictional import FICTIONAL_COMMUNICATIONS
from defenders.demo.workspace_cases import WORKSPACE_CASES

ROOT = Path(__file__).resolve().parents[1]
TEST_ONLY = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run(*args: str, env: dict[str, str] | None = None, data_dir: Path) -> subprocess.CompletedProcess:
    # An operator's environment: none of the test run's own settings, nor the async escape hatch that the browser
    # tests set (a deploy check refuses it, async.E001).
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("DEFENDERS_") and k not in TEST_ONLY
    }
    environment.update({"DEFENDERS_DATA_DIR": str(data_dir), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "defenders.cli", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_serve_refuses_to_start_without_a_secret_key(tmp_path):
    result = run("serve", data_dir=tmp_path)
    assert result.returncode != 0
    assert "DEFENDERS_SECRET_KEY is not set" in result.stderr


SECRET = {"DEFENDERS_SECRET_KEY": "a-test-secret-key-that-is-long-enough-for-django-1234567890"}


def test_serve_refuses_to_start_without_a_recovery_key_and_says_how_to_make_one(tmp_path):
    # The key directory set inside the data directory, so that a warning is shown with the error too.
    result = run("serve", env={**SECRET, "DEFENDERS_KEY_DIR": str(tmp_path / "keys")}, data_dir=tmp_path)
    assert result.returncode != 0
    assert "(defenders.E003) Intake is on but the office has no recovery key" in result.stderr
    assert "HINT: Run `defenders keys create-recovery`" in result.stderr
    assert "(defenders.W001)" in result.stderr  # warnings are shown with the refusal


def test_serve_refuses_a_mistyped_https_flag_rather_than_serving_without_tls_settings(tmp_path):
    result = run("serve", env={**SECRET, "DEFENDERS_HTTPS": "ture"}, data_dir=tmp_path)
    assert result.returncode != 0
    assert "(defenders.E001) DEFENDERS_HTTPS='ture' cannot be read" in result.stderr


def test_serve_refuses_an_unreadable_worker_count(tmp_path):
    result = run("serve", env={**SECRET, "DEFENDERS_WORKERS": "two"}, data_dir=tmp_path)
    assert result.returncode != 0
    assert "DEFENDERS_WORKERS='two' is not a whole number of at least 1" in result.stderr


def test_demo_loads_into_the_data_dir_and_export_import_round_trip(tmp_path):
    loaded = run("demo", "--no-serve", data_dir=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert (tmp_path / "defenders.sqlite3").exists()
    exported = run("export", "--out", str(tmp_path / "all.jsonl"), data_dir=tmp_path)
    assert exported.returncode == 0, exported.stderr
    # The Khamroev letter, the fictional ones, and the workspace's letters (drafts included).
    letters = 1 + len(FICTIONAL_COMMUNICATIONS) + len(WORKSPACE_CASES)
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == letters
    again = run("import", str(tmp_path / "all.jsonl"), data_dir=tmp_path)
    assert again.returncode == 0
    assert f"0 created, 0 updated, {letters} unchanged" in again.stdout


def test_import_of_a_bad_file_exits_non_zero_with_the_line(tmp_path):
    assert run("migrate", data_dir=tmp_path).returncode == 0
    (tmp_path / "bad.jsonl").write_text('{"type": "AL"}\n', encoding="utf-8")
    result = run("import", str(tmp_path / "bad.jsonl"), data_dir=tmp_path)
    assert result.returncode != 0
    assert "line 1: addressee" in result.stderr


@pytest.mark.parametrize("args", [[], ["--help"]])
def test_usage_lists_the_operator_commands(tmp_path, args):
    result = run(*args, data_dir=tmp_path)
    assert "demo [--port N]" in result.stdout and "import FILE" in result.stdout


def test_check_deploy_with_production_environment_identifies_no_issues(tmp_path):
    production = {
        "DEFENDERS_SECRET_KEY": secrets.token_urlsafe(50),
        "DEFENDERS_HTTPS": "on",
        "DEFENDERS_ALLOWED_HOSTS": "defenders.example.org",
        "DEFENDERS_KEY_DIR": str(tmp_path / "keys"),
        # A shared cache, so that every worker counts the open data rate limit together (check W030).
        "DEFENDERS_CACHE_URL": "redis://127.0.0.1:6379/0",
    }
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    assert run("migrate", env=production, data_dir=data_dir).returncode == 0
    assert run("keys", "create-recovery", env=production, data_dir=data_dir).returncode == 0
    result = run("check", "--deploy", env=production, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_database_and_the_directories_are_private_whatever_the_umask(tmp_path):
    data_dir = tmp_path / "data"
    previous = os.umask(0o022)  # a common default, which would leave the database readable by every account
    try:
        assert run("migrate", data_dir=data_dir).returncode == 0
        assert run("keys", "init", data_dir=data_dir).returncode == 0
    finally:
        os.umask(previous)
    assert (data_dir / "defenders.sqlite3").stat().st_mode & 0o077 == 0
    for directory in (data_dir, data_dir / "files", tmp_path / "data-keys"):
        assert directory.stat().st_mode & 0o777 == 0o700, directory


def test_the_key_directory_defaults_to_beside_the_data_directory_not_inside_it(tmp_path):
    data_dir = tmp_path / "data"
    assert run("migrate", data_dir=data_dir).returncode == 0
    assert run("keys", "init", data_dir=data_dir).returncode == 0
    assert (tmp_path / "data-keys" / "codename-pepper").is_file()
    assert not (data_dir / "keys").exists()


def test_every_operator_verb_names_a_command():
    from django.core.management import get_commands

    from defenders.cli import ALIASES, USAGE

    assert set(ALIASES.values()) <= set(get_commands())
    assert all(f"  {verb} " in USAGE for verb in ALIASES)
