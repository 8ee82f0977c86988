"""System checks that explain a bad setting at start: each says what is wrong and, in its hint, how to fix it.

`defenders check` runs those registered without `deploy=True`; `defenders check --deploy` and `defenders serve` run them all, and
`serve` refuses to start on any error. The README's "Checks at start" lists every id.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.db import OperationalError, ProgrammingError

from defenders.intake import keyring
from defenders.intake.metadata import mat2_path
from defenders.intake.models import OfficeKey, Submission
from defenders.vault.kdf import KDF_COSTS

TAG = "defenders"

KDF_COST_NAMES = frozenset(KDF_COSTS)
PRODUCTION_KDF_COST = "moderate"


def register() -> None:
    checks.register(environment_is_readable, TAG)
    checks.register(kdf_cost_is_known, TAG)
    checks.register(mat2_is_installed, TAG)
    checks.register(key_dir_is_outside_data_dir, TAG, deploy=True)
    checks.register(kdf_cost_is_for_production, TAG, deploy=True)
    checks.register(recovery_key_exists, TAG, deploy=True)
    checks.register(pepper_exists, TAG, deploy=True)


def environment_is_readable(
    app_configs: Sequence[AppConfig] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    # An error, not a warning: DEFENDERS_HTTPS=ture read as off would serve without secure cookies or HSTS.
    return [
        checks.Error(
            f"{problem.variable}={problem.value!r} cannot be read; the default was kept instead.",
            hint=f"Set {problem.variable} to {problem.expected}, or unset it for the default.",
            id="defenders.E001",
        )
        for problem in settings.DEFENDERS_ENVIRONMENT_PROBLEMS
    ]


def kdf_cost_is_known(
    app_configs: Sequence[AppConfig] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    if settings.DEFENDERS_KDF_COST in KDF_COST_NAMES:
        return []
    return [
        checks.Error(
            f"DEFENDERS_KDF_COST is {settings.DEFENDERS_KDF_COST!r}: no key could be derived from a codename or a password.",
            hint=f"Set DEFENDERS_KDF_COST to one of {', '.join(sorted(KDF_COST_NAMES))} "
            f"({PRODUCTION_KDF_COST!r} in production), or unset it.",
            id="defenders.E002",
        )
    ]


def key_dir_is_outside_data_dir(
    app_configs: Sequence[AppConfig] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    key_dir, data_dir = (
        Path(settings.DEFENDERS_KEY_DIR).resolve(),
        Path(settings.DEFENDERS_DATA_DIR).resolve(),
    )
    if not key_dir.is_relative_to(data_dir):
        return []
    return [
        checks.Warning(
            f"The key directory {key_dir} is inside the data directory {data_dir}: the codename pepper goes into "
            "the same backups as the database and the sealed files.",
            hint="Set DEFENDERS_KEY_DIR to a directory outside DEFENDERS_DATA_DIR, backed up separately "
            "(and move the existing codename-pepper file there).",
            id="defenders.W001",
        )
    ]


def kdf_cost_is_for_production(
    app_configs: Sequence[AppConfig] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    # An unknown name is defenders.E002's to report.
    if (
        settings.DEFENDERS_KDF_COST == PRODUCTION_KDF_COST
        or settings.DEFENDERS_KDF_COST not in KDF_COST_NAMES
    ):
        return []
    return [
        checks.Warning(
            f"DEFENDERS_KDF_COST is {settings.DEFENDERS_KDF_COST!r}: codenames and staff passwords are cheaper to guess "
            "from a stolen database than at the production cost.",
            hint=f"Unset DEFENDERS_KDF_COST (or set it to {PRODUCTION_KDF_COST!r}) in production.",
            id="defenders.W002",
        )
    ]


def recovery_key_exists(
    app_configs: Sequence[AppConfig] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    if not settings.DEFENDERS_INTAKE:
        return []

    try:
        office_key = OfficeKey.objects.current()
    except (OperationalError, ProgrammingError) as error:  # not migrated yet (no such table), or unreachable
        return [
            checks.Error(
                f"The office recovery key could not be looked up in the database ({error}).",
                hint="Run `defenders migrate`, then `defenders keys create-recovery`; if migrate fails too, "
                "check DATABASE_URL.",
                id="defenders.E004",
            )
        ]
    if office_key is not None:
        return []
    return [
        checks.Error(
            "Intake is on but the office has no recovery key: submissions would be refused.",
            hint="Run `defenders keys create-recovery` and keep its private half offline, "
            "or set DEFENDERS_INTAKE=off.",
            id="defenders.E003",
        )
    ]


def mat2_is_installed(
    app_configs: Sequence[AppConfig] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    if not settings.DEFENDERS_INTAKE or mat2_path() is not None:
        return []
    return [
        checks.Error(
            "Intake is on but mat2 is not installed: every file a source asks to clean of its hidden "
            "information (author, location, device) would be refused.",
            hint="Install Debian's mat2 (`apt-get install mat2`, or run scripts/bootstrap), "
            "or set DEFENDERS_INTAKE=off.",
            id="defenders.E005",
        )
    ]


def pepper_exists(
    app_configs: Sequence[AppConfig] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    if keyring.pepper_exists():
        return []
    try:
        with_codenames = Submission.objects.filter(codename_lookup__isnull=False).exists()
    except (OperationalError, ProgrammingError):  # not migrated or unreachable: defenders.E004 says so
        return []
    if not with_codenames:
        return []
    return [
        checks.Error(
            f"The codename pepper is missing from {settings.DEFENDERS_KEY_DIR}, but submissions with codenames "
            "exist: every returning source would be refused.",
            hint="Set DEFENDERS_KEY_DIR to the directory that holds codename-pepper, or restore the file from "
            "its offline backup. Only if it is truly lost: `defenders keys init --replace-lost-pepper`.",
            id="defenders.E006",
        )
    ]
