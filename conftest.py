"""Fixtures shared by every app's tests: mandates, addressees and a factory of communications."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from defenders.addressees.models import Addressee
from defenders.cases.models import Case, CasePerson, Person
from defenders.communications.models import Communication
from defenders.mandates.models import Mandate


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a file, as production does: WAL and busy timeouts apply, and threads of a live
    server each get a real connection (the shared in-memory database locks whole tables instead)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def static_files_need_no_collecting():
    """Tests render pages without running collectstatic, so their static links need no manifest of hashed names;
    the browser tests collect the files and serve them as production does (tests/e2e/conftest.py)."""
    from django.conf import settings
    from django.test import override_settings

    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
        yield


@pytest.fixture(scope="session", autouse=True)
def passwords_hashed_cheaply():
    """Test accounts' passwords are hashed with MD5 (Argon2 costs about 0.2 s of CPU per account made or login).
    Argon2 stays second, so a hash made by production settings still verifies; the staff keys sealed under a
    password keep their own KDF (DEFENDERS_KDF_COST), which this does not touch."""
    from django.conf import settings
    from django.test import override_settings

    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture
def mandates(db):
    call_command("loaddata", "mandates", verbosity=0)


@pytest.fixture
def make_communication(mandates):
    """Build a sent (or draft) communication to a State, signed by the HRD mandate and optionally others.

    It is written through the same actions as every other writer: drafted, signed, recorded as sent, withheld."""
    from defenders.communications import actions

    def make(
        *,
        code: str = "RUS",
        type: str = "AL",
        sent_on: date | None = date(2023, 10, 25),
        signers: tuple[str, ...] = ("SR HRDs", "WGAD"),
        title: str = "judicial harassment of a defender",
        reference: str = "",
        withheld: bool = False,
        withheld_reason: str = "",
        **content,
    ) -> Communication:
        communication = actions.create_communication(
            by=None, addressee=Addressee.state(code), type=type, title=title, **content
        )
        actions.set_signatories(
            communication, [Mandate.objects.get(short_name=name) for name in signers], by=None
        )
        if sent_on is not None:
            actions.record_sent(communication, sent_on=sent_on, reference=reference, by=None)
        if withheld:
            actions.withhold_communication(communication, reason=withheld_reason, by=None)
        return communication

    return make


@pytest.fixture
def concerning():
    """Attach a person to a communication through a case, with or without consent to public naming."""

    def attach(communication: Communication, name: str, *, named_in_public: bool) -> Person:
        case = Case.objects.create(title=f"Case of {name}", country=communication.addressee)
        person = Person.objects.create(name=name)
        CasePerson.objects.create(case=case, person=person, consents_to_naming_in_public=named_in_public)
        communication.cases.add(case)
        return person

    return attach


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: public pages and figures kept by one test never answer another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def isolated_data_dir(settings, tmp_path):
    """Every test writes keys, files and scratch uploads under its own directory, at the test-speed KDF cost."""
    settings.DEFENDERS_KEY_DIR = tmp_path / "keys"
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.DEFENDERS_SCRATCH_DIR = tmp_path / "scratch"
    settings.DEFENDERS_KDF_COST = "interactive"
    from django.core.cache import cache

    cache.clear()  # nothing should rely on the cache between tests (codename throttling is in the database)
    return tmp_path


@pytest.fixture
def recovery_key(db):
    """The office recovery key: its private half, as the office keeps it offline."""
    from defenders.intake.actions.staff_keys import create_pepper, create_recovery_key
    from defenders.vault import recovery

    create_pepper()  # as `defenders keys create-recovery` does: the pepper is never made on the fly
    private, _ = create_recovery_key()
    return recovery.private_key_from_b64(private)


OFFICER_PASSWORD = "correct horse battery staple 42"  # noqa: S105 (a test account)


@pytest.fixture
def officer(db):
    """A staff member allowed to read submissions, enabled as a recipient, with a key sealed under their password."""
    from django.contrib.auth import get_user_model

    from defenders.accounts.roles import CASE_OFFICER, assign_role
    from defenders.intake.actions.staff_keys import enable_recipient, set_up_staff_key

    user = get_user_model().objects.create_user(
        "amina.officer", password=OFFICER_PASSWORD, is_staff=True, email="amina.officer@example.org"
    )
    assign_role(user, CASE_OFFICER)
    user = get_user_model().objects.get(pk=user.pk)  # afresh: permissions are cached on the instance
    enable_recipient(user, by=None)
    set_up_staff_key(user, OFFICER_PASSWORD)
    return get_user_model().objects.get(pk=user.pk)


def _staff_in_role(username: str, role: str, mandate_short_name: str | None = None):
    from django.contrib.auth import get_user_model

    from defenders.accounts.roles import assign_role
    from defenders.mandates.models import Mandate

    user = get_user_model().objects.create_user(
        username, password=f"{username} has a long password", is_staff=True, email=f"{username}@example.org"
    )
    mandate = Mandate.objects.get(short_name=mandate_short_name) if mandate_short_name else None
    assign_role(user, role, mandate=mandate)
    return get_user_model().objects.get(pk=user.pk)  # afresh: permissions are cached on the instance


@pytest.fixture
def mandate_holder(mandates):
    """The Special Rapporteur on human rights defenders: sees what the office sees, signs for SR HRDs."""
    from defenders.accounts.roles import MANDATE_HOLDER

    return _staff_in_role("mary.rapporteur", MANDATE_HOLDER, "SR HRDs")


@pytest.fixture
def co_signer(mandates):
    """A person of the freedom of expression mandate: sees only the drafts shared with SR FoE."""
    from defenders.accounts.roles import CO_SIGNER

    return _staff_in_role("irene.cosigner", CO_SIGNER, "SR FoE")


@pytest.fixture
def second_co_signer(mandates):
    """A person of the Working Group on Arbitrary Detention, the second co-signer of a joint letter."""
    from defenders.accounts.roles import CO_SIGNER

    return _staff_in_role("wgad.cosigner", CO_SIGNER, "WGAD")


@pytest.fixture
def analyst(db):
    """Figures only."""
    from defenders.accounts.roles import ANALYST

    return _staff_in_role("ana.analyst", ANALYST)


@pytest.fixture
def officer_private_key(officer):
    """The officer's private key, unlocked with their password as the inbox does."""
    from defenders.intake.models import StaffKey
    from defenders.vault import kdf, staff_keys

    key = StaffKey.objects.get(user=officer)
    return staff_keys.unlock_staff_key(
        OFFICER_PASSWORD, bytes(key.salt), bytes(key.wrapped_private_key), cost=kdf.INTERACTIVE
    )


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """`client.force_login` skips the password; for staff it skips the one-time code too, as a verified login
    would leave the session. The login itself is tested in defenders/accounts/tests."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if user.is_staff:
            device = TOTPDevice.objects.filter(
                user=user, confirmed=True
            ).first() or TOTPDevice.objects.create(user=user, name="test device", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def each_test_starts_in_the_default_language():
    """A test that renders in French must not leave French active for the next one (translations are per thread)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def each_test_starts_with_an_empty_cache():
    """The cache counts the open data rate limit: a test's requests never count against the next test's."""
    from django.core.cache import cache

    cache.clear()


# Fixtures through which a test reaches the suite's database (pytest-django's, and the fault tests' own server).
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_setup", "live_server", "database_url"})
# A test module that names one of these hands the suite's database to something else (a subprocess, a server).
NAMES_THE_DATABASE = ("DATABASE_URL", "postgres", "connection.vendor")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "same_on_every_database: runs the same whatever the suite's database (its own site or none); the "
        "PostgreSQL pass of .ci/run leaves it to the SQLite pass",
    )


def same_on_every_database(item) -> bool:
    """Whether a test never reaches the suite's database: no database fixture or marker, and a module that does
    not name the database to hand it on; or marked so."""
    if item.get_closest_marker("same_on_every_database"):
        return True
    if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return False
    module = getattr(item, "module", None)
    path = getattr(module, "__file__", None)
    if path is None:
        return False
    source = Path(path).read_text(encoding="utf-8")
    return not any(name in source for name in NAMES_THE_DATABASE)


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL pass of .ci/run (DEFENDERS_TESTS_SKIP_SAME_ON_EVERY_DATABASE) leaves out the tests that
    would run exactly as on SQLite. Against a primary and its replica (DATABASE_REPLICA_URL, .ci/run's replica
    pass), database tests may read the replica too: public reads outside a transaction go there
    (defenders/core/db_router.py)."""
    if os.environ.get("DEFENDERS_TESTS_SKIP_SAME_ON_EVERY_DATABASE") and os.environ.get("DATABASE_URL"):
        kept: list[pytest.Item] = []
        left: list[pytest.Item] = []
        for item in items:
            (left if same_on_every_database(item) else kept).append(item)
        config.hook.pytest_deselected(items=left)
        items[:] = kept
    if not os.environ.get("DATABASE_REPLICA_URL"):
        return
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and "databases" not in marker.kwargs:
            widened = pytest.mark.django_db(*marker.args, **{**marker.kwargs, "databases": "__all__"})
            item.add_marker(widened, append=False)
