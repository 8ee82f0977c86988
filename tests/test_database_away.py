"""With the database away, every page answers a quick static 503 (Retry-After, no traceback); a source is told
that nothing was received and never sees a receipt. The 500 page needs neither the database nor the session."""

import contextlib
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client, RequestFactory

from defenders.core.unavailable import server_error
from defenders.intake.models import Submission
from defenders.intake.tests.helpers import CODENAME_PATTERN, confidential_form
from tests.serving import says_not_received


@contextlib.contextmanager
def database_away():
    """Every query fails as it does when PostgreSQL is stopped: the connection is refused."""
    refused = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    with mock.patch.object(connections["default"], "ensure_connection", side_effect=refused):
        yield


@pytest.fixture
def source():
    client = Client()
    client.raise_request_exception = False  # answer as in production, where nobody re-raises
    return client


def assert_database_away_page(response, language="en"):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert f'lang="{language}"' in body.split(">", 2)[1]
    assert says_not_received(body, "/fr/" if language == "fr" else "/")
    assert "Traceback" not in body and "OperationalError" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language"), [("/", "en"), ("/communications/", "en"), ("/fr/communications/", "fr")]
)
def test_public_pages_answer_503_while_the_database_is_away(source, path, language):
    with database_away():
        assert_database_away_page(source.get(path), language)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/submit/confidential/", "/submit/", "/contact/", "/submit/follow-up/"])
def test_form_pages_which_open_a_session_answer_503_not_a_bare_500(source, path):
    with database_away():
        assert_database_away_page(source.get(path))


@pytest.mark.django_db
def test_a_source_whose_database_went_away_before_sending_is_told_not_received(source, recovery_key):
    form = source.get("/submit/confidential/").content.decode()
    token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    with database_away():
        response = source.post("/submit/confidential/", {**confidential_form(), "csrfmiddlewaretoken": token})
    assert response.status_code == 503
    assert "not received" in response.content.decode()
    assert not CODENAME_PATTERN.search(response.content.decode())
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_pages_come_back_by_themselves_when_the_database_returns(source):
    with database_away():
        assert source.get("/").status_code == 503
    assert source.get("/").status_code == 200
    assert source.get("/submit/confidential/").status_code == 200


def test_the_500_page_is_static_and_needs_no_request_context():
    request = RequestFactory().get("/")
    with mock.patch("django.template.context_processors.request", side_effect=AssertionError("rendered")):
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_500_handler_answers_503_for_a_database_error_outside_the_view():
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_the_site_names_the_static_error_handler():
    from defenders import urls

    assert urls.handler500 == "defenders.core.unavailable.server_error"
