"""The pages a person meets when something fails (403, 404, 500, 503) are in the language of the address."""

import pytest
from django.db import OperationalError
from django.template import loader
from django.test import RequestFactory
from django.utils import translation

from defenders.core import unavailable
from tests.english_left import english_words_left

LANGUAGES = ["ar", "zh-hans", "fr", "ru", "es"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_static_failure_pages_speak_the_active_language(language, template):
    with translation.override(language):
        html = loader.get_template(template).render()
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    assert english_words_left(html) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_database_away_page_keeps_its_retry_header_in_every_language(language):
    with translation.override(language):
        try:
            raise OperationalError("connection refused")
        except OperationalError:
            response = unavailable.server_error(RequestFactory().get("/"))
    assert response.status_code == 503 and response["Retry-After"]
    assert english_words_left(response.content.decode()) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_forbidden_page_speaks_the_active_language(language, rf):
    with translation.override(language):
        html = loader.get_template("403.html").render({}, rf.get("/"))
    assert english_words_left(html) == []
    assert "not allowed" not in html


def test_the_database_away_page_says_it_in_all_six_languages_each_marked():
    with translation.override("fr"):
        html = unavailable.database_away_response().content.decode()
    assert html.count("<section lang=") == 5 and '<section lang="fr"' not in html
    assert '<section lang="ar" dir="rtl">' in html and "الموقع غير متاح للحظات" in html
    assert '<section lang="ru" dir="ltr">' in html and '<section lang="zh-hans" dir="ltr">' in html
    assert "momentanément" in html  # the page's own language, above the others
