import re
from concurrent.futures import ThreadPoolExecutor

from django.test import Client

from defenders.intake import keyring


def test_pepper_is_created_once_and_every_racing_reader_gets_it_whole(isolated_data_dir):
    for attempt in range(20):
        (isolated_data_dir / "keys" / "codename-pepper").unlink(missing_ok=True)
        with ThreadPoolExecutor(max_workers=16) as pool:
            peppers = list(pool.map(lambda _: keyring.pepper(), range(16)))
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


def test_form_post_from_another_origin_is_refused_even_with_the_token(recovery_key):
    client = Client(enforce_csrf_checks=True)
    token = csrf_token(client)
    response = client.post(
        "/contact/", {**CONTACT, "csrfmiddlewaretoken": token}, HTTP_ORIGIN="https://attacker.example"
    )
    assert response.status_code == 403
