import io
import logging
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import checks as django_checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from defenders import checks
from defenders.intake import keyring
from defenders.intake.errors import IntakeNotReady
from defenders.intake.models import Submission
from defenders.intake.tests.helpers import codename_from, confidential_form


def test_pepper_is_created_once_and_every_racing_writer_reads_it_whole(isolated_data_dir):
    def create_then_read(_) -> tuple[bool, bytes]:
        return keyring.write_new_pepper(), keyring.pepper()

    for attempt in range(20):
        (isolated_data_dir / "keys" / "codename-pepper").unlink(missing_ok=True)
        with ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(create_then_read, range(16)))
        assert [made for made, _ in results].count(True) == 1, attempt
        peppers = [pepper for _, pepper in results]
        assert len(set(peppers)) == 1, attempt
        assert len(peppers[0]) == 32
    assert oct((isolated_data_dir / "keys" / "codename-pepper").stat().st_mode & 0o777) == "0o600"


def csrf_token(client: Client) -> str:
    page = client.get("/contact/").content.decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match is not None
    return match.group(1)


CONTACT = {"name": "Ana", "email": "ana@example.org", "subject": "Hello", "message": "A question"}


def test_form_post_with_origin_null_and_no_referrer_is_accepted_with_the_session_token(recovery_key):
    client = Client(enforce_csrf_checks=True)
    token = csrf_token(client)
    response = client.post(
        "/contact/", {**CONTACT, "csrfmiddlewaretoken": token}, HTTP_ORIGIN="null", secure=True
    )
    assert response.status_code == 200


def test_form_post_without_the_token_is_refused_even_from_origin_null(recovery_key):
    client = Client(enforce_csrf_checks=True)
    csrf_token(client)
    response = client.post("/contact/", CONTACT, HTTP_ORIGIN="null")
    assert response.status_code == 403
    assert "Please send the form again" in response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "words"), [("/fr", "Rien n’a été conservé"), ("/es", "No se ha guardado nada")]
)
def test_a_refused_form_says_so_in_the_language_of_its_page(recovery_key, prefix, words):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"{prefix}/contact/", CONTACT, HTTP_ORIGIN="null")
    assert response.status_code == 403
    assert words in response.content.decode()


def test_form_post_from_another_origin_is_refused_even_with_the_token(recovery_key):
    client = Client(enforce_csrf_checks=True)
    token = csrf_token(client)
    response = client.post(
        "/contact/", {**CONTACT, "csrfmiddlewaretoken": token}, HTTP_ORIGIN="https://attacker.example"
    )
    assert response.status_code == 403


def test_a_missing_pepper_is_refused_not_created(isolated_data_dir):
    with pytest.raises(IntakeNotReady, match="defenders keys init"):
        keyring.pepper()
    assert not (isolated_data_dir / "keys" / "codename-pepper").exists()


def test_a_missing_pepper_makes_intake_refuse_with_a_line_for_the_operator(client, recovery_key, caplog):
    codename = codename_from(client.post("/submit/confidential/", confidential_form()))
    (keyring.key_dir() / "codename-pepper").unlink()
    with caplog.at_level(logging.ERROR):
        sent = client.post("/submit/confidential/", confidential_form())
        returning = client.post("/submit/follow-up/", {"codename": codename})
    assert sent.status_code == returning.status_code == 503
    assert Submission.objects.count() == 1
    assert not (keyring.key_dir() / "codename-pepper").exists()
    assert "codename pepper" in caplog.text and codename not in caplog.text


def test_the_pepper_is_made_by_keys_init_or_create_recovery_and_kept_after(db, isolated_data_dir):
    call_command("keys", "init", stdout=io.StringIO())
    first = keyring.pepper()
    call_command("keys", "init", stdout=io.StringIO())
    call_command("keys", "create-recovery", stdout=io.StringIO())
    assert keyring.pepper() == first
    (keyring.key_dir() / "codename-pepper").unlink()
    call_command("keys", "init", stdout=io.StringIO())  # an operator's explicit step: a new pepper
    assert keyring.pepper() != first


def test_create_recovery_makes_the_pepper_when_there_is_none(db, isolated_data_dir):
    call_command("keys", "create-recovery", stdout=io.StringIO())
    assert len(keyring.pepper()) == 32


def test_a_missing_pepper_with_codename_submissions_is_an_error(client, recovery_key, settings):
    assert checks.pepper_exists() == []  # a pepper and no submission
    client.post("/submit/confidential/", confidential_form())
    assert checks.pepper_exists() == []
    (keyring.key_dir() / "codename-pepper").unlink()
    [message] = checks.pepper_exists()
    assert message.id == "defenders.E006" and message.level == django_checks.ERROR
    assert "DEFENDERS_KEY_DIR" in str(message.hint)


def test_a_missing_pepper_without_codename_submissions_is_not_an_error(db, isolated_data_dir):
    assert checks.pepper_exists() == []


def test_keys_init_will_not_replace_a_lost_pepper_silently(client, recovery_key):
    client.post("/submit/confidential/", confidential_form())
    (keyring.key_dir() / "codename-pepper").unlink()
    with pytest.raises(CommandError, match="restore it from its backup"):
        call_command("keys", "init", stdout=io.StringIO())
    assert not keyring.pepper_exists()
    call_command("keys", "init", "--replace-lost-pepper", stdout=io.StringIO())
    assert keyring.pepper_exists()
