"""System checks of the open data settings: a rate that cannot be read, and a rate limit each worker counts on
its own (the default local-memory cache)."""

import re
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks

RATE = re.compile(r"[1-9][0-9]*/[1-9]?[0-9]*[smhd]")
TAG = "open_data"
RATE_SETTINGS = ("DEFENDERS_API_RATE", "DEFENDERS_EXPORT_RATE")
UNSHARED_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def rates_are_readable(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"{name} is “{getattr(settings, name)}”, which is not a rate.",
            hint="Give requests per period, e.g. 120/m, 1000/h or 20/5m (s, m, h, d).",
            id="defenders.E030",
        )
        for name in RATE_SETTINGS
        if not RATE.fullmatch(getattr(settings, name))
    ]


def rate_limit_is_shared(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    backend = settings.CACHES[settings.RATELIMIT_USE_CACHE]["BACKEND"]
    if backend not in UNSHARED_CACHES:
        return []
    return [
        checks.Warning(
            "The open data rate limit is counted in a local-memory cache: each server worker counts on its own, "
            "so a client gets the limit once per worker.",
            hint="Set DEFENDERS_CACHE_URL to a Redis server (redis://host:6379/0) shared by every worker.",
            id="defenders.W030",
        )
    ]


def register() -> None:
    checks.register(rates_are_readable, TAG)
    checks.register(rate_limit_is_shared, TAG, deploy=True)
