"""Browser tests: Playwright drives Debian's Chromium, with JavaScript off, against pytest-django's live server.

The live server serves the static files as production does: collected under their hashed names, with gzip copies,
by WhiteNoise. Every page a test opens may load only from this server: a request to any other origin is refused
and fails the test."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Page, Route, expect

from conftest import OFFICER_PASSWORD

# Playwright's sync API runs an event loop in the test's thread; Django refuses ORM calls there unless told.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
MANIFEST_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Sources may browse with JavaScript off (Tor Browser's safest level): every step must work without it.
    return {**browser_context_args, "java_script_enabled": False}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """collectstatic into a folder of the session, with the compressed manifest storage of production."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES={**settings.STORAGES, "staticfiles": MANIFEST_STORAGE}):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def served_by_the_application(application: Any) -> Any:
    """In place of Django's test handler of static files: WhiteNoise's middleware serves them, as in production."""
    return application


@pytest.fixture(scope="session")
def static_served_by_whitenoise(collected_static: Path) -> Iterator[None]:
    from django.contrib.staticfiles import handlers

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(handlers, "StaticFilesHandler", served_by_the_application)
        yield


@pytest.fixture(scope="session")
def live_server(static_served_by_whitenoise: None, live_server: Any) -> Any:
    """pytest-django's live server, started once the static files are collected (WhiteNoise indexes them then),
    WhiteNoise serving them: hashed names, gzip, long cache headers."""
    return live_server


class OtherOrigins:
    """Every request a page made to another origin; each is aborted before it leaves the browser."""

    def __init__(self, server: str) -> None:
        self.server = server
        self.asked: list[str] = []

    def route(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in {"data", "blob"} or urlsplit(url).netloc == self.server:
            route.continue_()
        else:
            self.asked.append(url)
            route.abort("blockedbyclient")

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.route("**/*", self.route)
        return context


@pytest.fixture
def other_origins(live_server: Any) -> Iterator[OtherOrigins]:
    """Fails the test if any page asked another origin for anything (third parties, CDNs, fonts)."""
    watcher = OtherOrigins(urlsplit(live_server.url).netloc)
    yield watcher
    assert not watcher.asked, f"the pages asked other origins for: {watcher.asked}"


@pytest.fixture
def context(context: BrowserContext, other_origins: OtherOrigins) -> BrowserContext:
    """pytest-playwright's context (and so its `page`), watched for requests to other origins."""
    return other_origins.watch(context)


def one_time_code(device: TOTPDevice) -> str:
    """What the person's authenticator app shows now (on the office's clock, travelled or not)."""
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def second_factor(user: Any) -> TOTPDevice:
    """The person's confirmed authenticator (made on first use)."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="phone", defaults={"confirmed": True})
    return device


def log_in(page: Page, user: Any, password: str = OFFICER_PASSWORD, *, base: str | None = None) -> None:
    """Log in with password and the app's current code, on the staff login page the browser is on (or opens at
    `base`, the live server's address)."""
    device = second_factor(user)
    if base is not None:
        page.goto(f"{base}/staff/login/")
    # By the fields' ids, not their labels: the same helper logs in on a page in any language.
    expect(page.locator("#id_username")).to_be_visible()
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(password)
    page.locator("#id_code").fill(one_time_code(device))
    page.locator("main form button[type=submit]").click()


@pytest.fixture
def workspace_case(mandates: Any, officer: Any) -> tuple[Any, Any]:
    """A case with two dated events and a person, and a draft urgent appeal on it, for the workspace's pages."""
    from datetime import date

    from defenders.addressees.models import Addressee
    from defenders.cases.models import Case, CasePerson, Event, Person
    from defenders.drafting.actions import start_draft
    from defenders.mandates.models import Mandate

    case = Case.objects.create(
        title="Detention of two environmental defenders", country=Addressee.state("TUR"), officer=officer
    )
    CasePerson.objects.create(
        case=case,
        person=Person.objects.create(name="Leyla Demirtas"),
        consents_to_naming_to_addressee=True,
        consents_to_naming_in_public=False,
    )
    Event.objects.create(
        case=case,
        kind=Event.Kind.ARREST,
        occurred_on=date(2023, 5, 14),
        place="Istanbul",
        summary="Arrested.",
    )
    Event.objects.create(
        case=case,
        kind=Event.Kind.SENTENCE,
        occurred_on=date(2024, 3, 1),
        date_precision=Event.Precision.MONTH,
        summary="Sentenced to six years in prison.",
    )
    draft = start_draft(
        case,
        type="UA",
        addressee=Addressee.state("TUR"),
        lead_mandate=Mandate.objects.get(short_name="SR HRDs"),
        by=officer,
    )
    return case, draft
