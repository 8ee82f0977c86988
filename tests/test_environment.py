"""Reading DEFENDERS_* variables: a value is understood exactly, or kept at its default and recorded."""

import subprocess
import sys
from pathlib import Path

import pytest

from defenders.environment import Environment


@pytest.mark.parametrize("value", ["1", "true", "YES", " On "])
def test_flag_reads_the_words_for_on(value):
    assert Environment({"DEFENDERS_HTTPS": value}).flag("DEFENDERS_HTTPS", False) is True


@pytest.mark.parametrize("value", ["0", "False", "no", "OFF"])
def test_flag_reads_the_words_for_off(value):
    assert Environment({"DEFENDERS_INTAKE": value}).flag("DEFENDERS_INTAKE", True) is False


@pytest.mark.parametrize("variables", [{}, {"DEFENDERS_HTTPS": ""}, {"DEFENDERS_HTTPS": "  "}])
def test_flag_unset_or_blank_is_the_default_without_a_problem(variables):
    environment = Environment(variables)
    assert environment.flag("DEFENDERS_HTTPS", True) is True
    assert environment.problems == []


def test_a_mistyped_flag_keeps_the_default_and_is_recorded():
    environment = Environment({"DEFENDERS_HTTPS": "ture"})
    assert environment.flag("DEFENDERS_HTTPS", False) is False
    [problem] = environment.problems
    assert (problem.variable, problem.value) == ("DEFENDERS_HTTPS", "ture")
    assert "1/true/yes/on" in problem.expected


def test_integer_reads_a_whole_number():
    assert Environment({"DEFENDERS_RETENTION_DAYS": " 30 "}).integer("DEFENDERS_RETENTION_DAYS", 365) == 30


@pytest.mark.parametrize("value", ["20MB", "1.5", "-3", "0"])
def test_an_unreadable_or_too_small_integer_keeps_the_default_and_is_recorded(value):
    environment = Environment({"DEFENDERS_MAX_FILE_BYTES": value})
    assert environment.integer("DEFENDERS_MAX_FILE_BYTES", 1024, minimum=1) == 1024
    [problem] = environment.problems
    assert problem.value == value and problem.expected == "a whole number of at least 1"


def test_path_is_absolute_and_names_are_split_on_commas():
    environment = Environment({"DEFENDERS_KEY_DIR": "keys", "DEFENDERS_ALLOWED_HOSTS": " a.org, ,b.org "})
    assert environment.path("DEFENDERS_KEY_DIR", Path("/elsewhere")) == Path("keys").resolve()
    assert environment.names("DEFENDERS_ALLOWED_HOSTS", ["localhost"]) == ["a.org", "b.org"]


def test_text_keeps_a_secret_as_given_and_blank_means_default():
    assert Environment({"DEFENDERS_SECRET_KEY": " s3cret "}).text("DEFENDERS_SECRET_KEY", "dev") == " s3cret "
    assert Environment({"DEFENDERS_SECRET_KEY": ""}).text("DEFENDERS_SECRET_KEY", "dev") == "dev"


def test_settings_built_from_a_bad_environment_list_every_problem(tmp_path):
    """Settings import does not crash on a non-numeric limit: the value is listed for check defenders.E001."""
    probe = (
        "from django.conf import settings; "
        "print(settings.DEFENDERS_MAX_FILE_BYTES, sorted(p.variable for p in settings.DEFENDERS_ENVIRONMENT_PROBLEMS))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=Path(__file__).resolve().parents[1],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "defenders.settings",
            "DEFENDERS_DATA_DIR": str(tmp_path),
            "DEFENDERS_HTTPS": "ture",
            "DEFENDERS_MAX_FILE_BYTES": "twenty megabytes",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == [
        str(20 * 1024 * 1024),
        "['DEFENDERS_HTTPS',",
        "'DEFENDERS_MAX_FILE_BYTES']",
    ]
