"""The checks at start (defenders/checks.py): each reports a bad setting with its id, and says how to fix it."""

import io
import re
import secrets
from pathlib import Path

import pytest
from django.core import checks as django_checks
from django.core.management import call_command
from django.db import OperationalError
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.module_loading import import_string

from defenders import checks
from defenders.environment import Problem


def ids(messages: list[django_checks.CheckMessage]) -> list[str]:
    return [str(message.id) for message in messages]


def test_a_mistyped_flag_is_an_error_naming_the_variable_and_the_words_it_takes(settings):
    settings.DEFENDERS_ENVIRONMENT_PROBLEMS = [
        Problem("DEFENDERS_HTTPS", "ture", "one of 1/true/yes/on or 0/false/no/off")
    ]
    [message] = checks.environment_is_readable()
    assert message.id == "defenders.E001" and message.level == django_checks.ERROR
    assert "DEFENDERS_HTTPS='ture'" in message.msg
    assert "1/true/yes/on" in str(message.hint)


def test_a_readable_environment_reports_nothing(settings):
    settings.DEFENDERS_ENVIRONMENT_PROBLEMS = []
    assert checks.environment_is_readable() == []


def test_an_unknown_kdf_cost_is_an_error_listing_the_known_ones(settings):
    settings.DEFENDERS_KDF_COST = "sensitive"
    [message] = checks.kdf_cost_is_known()
    assert message.id == "defenders.E002" and message.level == django_checks.ERROR
    assert "interactive, moderate" in str(message.hint)


def test_key_dir_inside_the_data_dir_is_a_warning(settings, tmp_path):
    settings.DEFENDERS_DATA_DIR = tmp_path / "data"
    settings.DEFENDERS_KEY_DIR = tmp_path / "data" / "keys"
    [message] = checks.key_dir_is_outside_data_dir()
    assert message.id == "defenders.W001" and message.level == django_checks.WARNING
    assert "DEFENDERS_KEY_DIR" in str(message.hint)


def test_key_dir_beside_the_data_dir_reports_nothing(settings, tmp_path):
    settings.DEFENDERS_DATA_DIR = tmp_path / "data"
    settings.DEFENDERS_KEY_DIR = tmp_path / "data-keys"  # a shared prefix is not containment
    assert checks.key_dir_is_outside_data_dir() == []


def test_the_interactive_kdf_cost_is_a_warning_in_production(settings):
    settings.DEFENDERS_KDF_COST = "interactive"
    [message] = checks.kdf_cost_is_for_production()
    assert message.id == "defenders.W002" and message.level == django_checks.WARNING


@pytest.mark.parametrize("cost", ["moderate", "sensitive"])  # the unknown one is E002's to report
def test_the_production_kdf_check_is_silent_on_moderate_and_unknown_costs(settings, cost):
    settings.DEFENDERS_KDF_COST = cost
    assert checks.kdf_cost_is_for_production() == []


def test_intake_without_a_recovery_key_is_an_error(settings, db):
    settings.DEFENDERS_INTAKE = True
    [message] = checks.recovery_key_exists()
    assert message.id == "defenders.E003" and message.level == django_checks.ERROR
    assert "defenders keys create-recovery" in str(message.hint)


def test_intake_with_a_recovery_key_reports_nothing(settings, recovery_key):
    settings.DEFENDERS_INTAKE = True
    assert checks.recovery_key_exists() == []


def test_intake_off_needs_no_recovery_key(settings, db):
    settings.DEFENDERS_INTAKE = False
    assert checks.recovery_key_exists() == []


def test_an_unmigrated_database_is_an_error_that_says_to_migrate(settings, monkeypatch):
    from defenders.intake.models import OfficeKey

    def no_such_table():
        raise OperationalError("no such table: intake_officekey")

    monkeypatch.setattr(OfficeKey.objects, "current", no_such_table)
    settings.DEFENDERS_INTAKE = True
    [message] = checks.recovery_key_exists()
    assert message.id == "defenders.E004" and message.level == django_checks.ERROR
    assert "no such table" in message.msg and "defenders migrate" in str(message.hint)


def test_every_check_is_registered_and_the_deploy_ones_only_for_deploy(settings, db, tmp_path):
    settings.DEFENDERS_DATA_DIR, settings.DEFENDERS_KEY_DIR = tmp_path, tmp_path / "keys"
    settings.DEFENDERS_ENVIRONMENT_PROBLEMS = [Problem("DEFENDERS_DEBUG", "maybe", "one of ...")]
    settings.DEFENDERS_KDF_COST = "interactive"
    everyday = ids(django_checks.run_checks(tags=[checks.TAG]))
    deploy = ids(django_checks.run_checks(tags=[checks.TAG], include_deployment_checks=True))
    assert everyday == ["defenders.E001"]
    assert sorted(deploy) == ["defenders.E001", "defenders.E003", "defenders.W001", "defenders.W002"]


README = Path(__file__).resolve().parents[1] / "README.md"


def documented_check_ids() -> set[str]:
    """The check ids the README's Configuration section explains."""
    text = README.read_text(encoding="utf-8")
    configuration = text[text.index("## Configuration\n") :]
    configuration = configuration[: configuration.index("\n## ", 1)]
    return set(re.findall(r"`((?:defenders|security|axes)\.[EW]\d{3})`", configuration))


@pytest.fixture
def production(settings, tmp_path, recovery_key, monkeypatch):
    """Settings as `DEFENDERS_HTTPS=on` and a careful operator leave them: the README's production settings."""
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)  # set for the browser tests only
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["defenders.example.org"]
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = False
    settings.SECURE_HSTS_PRELOAD = False
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.DEFENDERS_DATA_DIR = tmp_path / "data"
    settings.DEFENDERS_KEY_DIR = tmp_path / "keys"
    settings.DEFENDERS_KDF_COST = "moderate"
    settings.DEFENDERS_INTAKE = True
    settings.DEFENDERS_ENVIRONMENT_PROBLEMS = []
    # A rate limit shared by every worker (DEFENDERS_CACHE_URL); no test here reaches the server.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    return settings


def test_deploy_checks_under_production_settings_report_only_what_the_readme_explains(production):
    messages = django_checks.run_checks(include_deployment_checks=True)
    reported = ids([message for message in messages if not message.is_silenced()])
    assert set(reported) <= documented_check_ids()
    assert reported == []  # today: nothing at all


def test_check_deploy_under_production_settings_identifies_no_issues(production):
    output = io.StringIO()
    call_command("check", deploy=True, stdout=output, stderr=output)
    assert "System check identified no issues" in output.getvalue()


def test_every_silenced_check_and_every_defenders_check_is_explained_in_the_readme(settings):
    # Every id the checks module can report, read from its source, so that a new check must be documented.
    source = Path(checks.__file__).read_text(encoding="utf-8")
    registered = set(re.findall(r'id="(defenders\.[EW]\d{3})"', source))
    assert len(registered) >= 8
    assert set(settings.SILENCED_SYSTEM_CHECKS) | registered <= documented_check_ids()


def test_csrf_is_still_checked_by_a_subclass_of_djangos_middleware_as_silencing_security_w003_assumes(
    settings,
):
    middleware = [import_string(path) for path in settings.MIDDLEWARE]
    assert any(issubclass(cls, CsrfViewMiddleware) for cls in middleware)


def test_with_intake_off_the_source_pages_are_gone_and_the_rest_stays(settings, client, db):
    import importlib

    from django.urls import clear_url_caches

    import defenders.urls

    settings.DEFENDERS_INTAKE = False
    importlib.reload(defenders.urls)
    clear_url_caches()
    try:
        assert client.get("/submit/confidential/").status_code == 404
        assert client.get("/communications/").status_code == 200
    finally:
        settings.DEFENDERS_INTAKE = True
        importlib.reload(defenders.urls)
        clear_url_caches()
    assert client.get("/submit/confidential/").status_code == 200


def test_intake_without_mat2_is_an_error_that_says_how_to_install_it(settings, monkeypatch, tmp_path):
    settings.DEFENDERS_INTAKE = True
    monkeypatch.setenv("PATH", str(tmp_path))
    [message] = checks.mat2_is_installed()
    assert message.id == "defenders.E005" and message.level == django_checks.ERROR
    assert "apt-get install mat2" in str(message.hint)
    assert "defenders.E005" in ids(django_checks.run_checks(tags=[checks.TAG]))


def test_intake_off_needs_no_mat2(settings, monkeypatch, tmp_path):
    settings.DEFENDERS_INTAKE = False
    monkeypatch.setenv("PATH", str(tmp_path))
    assert checks.mat2_is_installed() == []
