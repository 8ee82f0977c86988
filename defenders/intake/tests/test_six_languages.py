"""Every source page, empty, with errors and after success, speaks each of the five other UN languages with no
English left; errors come in the page's language; the switcher keeps the page; Arabic reads right to left."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from defenders.intake import source_forms, throttle
from defenders.intake.models import Submission, WrappedSubmissionKey
from defenders.intake.tests.helpers import codename_from, confidential_form
from tests.english_left import english_words_left

pytestmark = pytest.mark.django_db

# Address prefix -> the code the page declares in <html lang>.
LANGUAGES = {"ar": "ar", "zh": "zh-hans", "fr": "fr", "ru": "ru", "es": "es"}
PREFIXES = list(LANGUAGES)
EMPTY_PAGES = ["submit/confidential/", "submit/", "meeting/", "contact/", "submit/follow-up/"]
MEETING = {
    "name": "Ana Defensora",
    "country": "Peru",
    "email": "ana@example.org",
    "meet_with": "team",
    "topic": "Mandat",
    "format": "online",
    "preferred_dates": "next week",
    "time_zone": "UTC-5",
    "language": "es",
}
INFORMATION = {"country": "Chad", "subject": "Closure of an NGO", "information": "Details", "language": "fr"}
CONTACT = {"name": "Ana", "email": "ana@example.org", "subject": "A question", "message": "Mandat?"}
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
# Django's own words for a missing field, as the English page says them: never on another language's page.
ENGLISH_ERRORS = ("This field is required.", "Enter a valid email address.", "There is a problem")
# What a source types comes back on a page with errors: written in the page's language, as a source would.
TYPED = {
    "ar": ("اعتُقلت في مكتبها.", "محتجزة بمعزل عن العالم الخارجي."),
    "zh": ("她在办公室被捕。", "她被单独关押。"),
    "fr": ("Elle a été arrêtée à son bureau.", "Elle est détenue au secret."),
    "ru": ("Её задержали в офисе.", "Её содержат без связи с внешним миром."),
    "es": ("Fue detenida en su oficina.", "Está incomunicada."),
}


def typed_in(prefix: str, **overrides: str) -> dict:
    account, risk = TYPED[prefix]
    return confidential_form(**{"incidents-0-account": account, "risk_now": risk, **overrides})


def assert_in_language(response, prefix: str, status: int) -> str:
    html = response.content.decode()
    assert response.status_code == status, html[:500]
    direction = "rtl" if prefix == "ar" else "ltr"
    assert f'<html lang="{LANGUAGES[prefix]}" dir="{direction}">' in html
    assert english_words_left(html) == []
    for english in ENGLISH_ERRORS:
        assert english not in html
    return html


@pytest.mark.parametrize("path", EMPTY_PAGES)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_source_page_is_in_the_language_of_its_address(client, recovery_key, prefix, path):
    assert_in_language(client.get(f"/{prefix}/{path}"), prefix, 200)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_confidential_form_with_errors_is_explained_in_the_pages_language(client, recovery_key, prefix):
    data = typed_in(
        prefix,
        **{
            "persons-0-name": "",
            "incidents-0-day": "31",
            "incidents-0-month": "2",
            "incidents-0-year": "2024",
        },
    )
    data.update(urgency="", preferred_contact="email", contact_details="")
    html = assert_in_language(client.post(f"/{prefix}/submit/confidential/", data), prefix, 400)
    assert 'class="error-summary"' in html
    assert 'href="#id_persons-0-name"' in html and 'href="#id_contact_details"' in html
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("submit/", {**INFORMATION, "country": "", "information": ""}),
        ("meeting/", {**MEETING, "email": "not an address", "topic": ""}),
        ("contact/", {**CONTACT, "email": "not an address", "name": ""}),
        ("submit/follow-up/", {"codename": "not a real codename at all"}),
    ],
)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_other_forms_with_errors_are_explained_in_the_pages_language(
    client, recovery_key, prefix, path, data
):
    html = assert_in_language(client.post(f"/{prefix}/{path}", data), prefix, 400)
    assert 'class="error-summary"' in html


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_receipt_is_in_the_pages_language_and_the_codename_is_marked_as_it_is(
    client, recovery_key, officer, prefix
):
    response = client.post(f"/{prefix}/submit/confidential/", confidential_form())
    html = assert_in_language(response, prefix, 200)
    assert f'id="codename" lang="en">{codename_from(response)}<' in html


@pytest.mark.parametrize(
    ("path", "data"), [("submit/", INFORMATION), ("meeting/", MEETING), ("contact/", CONTACT)]
)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_thanks_after_each_other_form_is_in_the_pages_language(
    client, recovery_key, officer, prefix, path, data
):
    assert_in_language(client.post(f"/{prefix}/{path}", data), prefix, 200)
    assert Submission.objects.count() == 1


@pytest.mark.parametrize("prefix", PREFIXES)
def test_following_up_with_a_codename_is_in_the_pages_language_at_every_step(
    client, recovery_key, officer, prefix
):
    codename = codename_from(client.post(f"/{prefix}/submit/confidential/", confidential_form()))
    client.cookies.clear()
    thread = client.post(f"/{prefix}/submit/follow-up/", {"codename": codename}, follow=True)
    assert_in_language(thread, prefix, 200)
    refused = client.post(f"/{prefix}/submit/follow-up/add/", {"message": ""}, follow=True)
    assert_in_language(refused, prefix, 400)
    added = client.post(
        f"/{prefix}/submit/follow-up/add/", {"message": "The trial is on Monday."}, follow=True
    )
    assert_in_language(added, prefix, 200)
    left = client.post(f"/{prefix}/submit/follow-up/leave/", follow=True)
    assert_in_language(left, prefix, 200)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_throttled_codename_is_told_in_the_pages_language(client, recovery_key, officer, prefix):
    for _ in range(throttle.MAX_FAILURES):
        cache.clear()
        client.post(
            f"/{prefix}/submit/follow-up/", {"codename": "alpha bravo charlie delta echo foxtrot golf"}
        )
    cache.clear()
    blocked = client.post(
        f"/{prefix}/submit/follow-up/", {"codename": "alpha bravo charlie delta echo foxtrot golf"}
    )
    assert_in_language(blocked, prefix, 429)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_file_too_large_is_refused_in_the_pages_language(client, recovery_key, settings, prefix):
    settings.DEFENDERS_MAX_FILE_BYTES = 100 * 1024
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (200 * 1024), content_type="application/pdf")
    response = client.post(f"/{prefix}/submit/confidential/", {**confidential_form(), "attachments": [big]})
    assert_in_language(response, prefix, 413)
    assert Submission.objects.count() == 0


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_submission_not_received_is_told_in_the_pages_language(client, recovery_key, monkeypatch, prefix):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(WrappedSubmissionKey.objects, "bulk_create", broken)
    assert_in_language(client.post(f"/{prefix}/submit/confidential/", confidential_form()), prefix, 503)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_damaged_form_and_an_expired_csrf_token_are_told_in_the_pages_language(recovery_key, prefix):
    client = Client()
    body = b'--boundary\r\nContent-Disposition: form-data; name="x"\r\n\r\nno end boundary'
    damaged = client.generic(
        "POST", f"/{prefix}/submit/confidential/", body, content_type="multipart/form-data; boundary=boundary"
    )
    assert_in_language(damaged, prefix, 400)
    strict = Client(enforce_csrf_checks=True)
    assert_in_language(strict.post(f"/{prefix}/contact/", CONTACT), prefix, 403)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_an_unknown_address_is_told_in_the_pages_language(client, prefix):
    assert_in_language(client.get(f"/{prefix}/submit/nowhere/"), prefix, 404)


def test_the_switcher_on_the_arabic_form_links_to_the_same_form_in_the_five_others(client, recovery_key):
    html = client.get("/ar/submit/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    assert switcher
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', switcher.group(0)))
    assert links == {
        "/zh/submit/": "zh-hans",
        "/submit/": "en",
        "/fr/submit/": "fr",
        "/ru/submit/": "ru",
        "/es/submit/": "es",
    }
    assert '<span aria-current="true" lang="ar">' in switcher.group(0)


def test_the_switcher_on_a_chinese_page_keeps_the_page_and_its_query(client, recovery_key):
    html = client.get("/zh/submit/follow-up/?expired=1").content.decode()
    assert 'href="/ar/submit/follow-up/?expired=1" hreflang="ar"' in html
    assert 'href="/ru/submit/follow-up/?expired=1" hreflang="ru"' in html
    assert '<span aria-current="true" lang="zh-hans">' in html


def test_the_french_confidential_form_lists_its_months_in_french(client, recovery_key):
    html = client.get("/fr/submit/confidential/").content.decode()
    for month in ("janvier", "février", "mars", "août", "décembre"):
        assert f">{month}</option>" in html
    assert "January" not in html and "December" not in html


@pytest.mark.parametrize(
    ("prefix", "january"), [("ar", "يناير"), ("zh", "一月"), ("ru", "Январь"), ("es", "enero")]
)
def test_every_language_lists_the_months_in_its_own_words(client, recovery_key, prefix, january):
    assert f">{january}</option>" in client.get(f"/{prefix}/submit/confidential/").content.decode()


def test_a_submission_can_be_in_any_of_the_six_languages_each_named_in_its_own():
    codes = [code for code, _ in source_forms.SUBMISSION_LANGUAGES]
    assert codes == [code for code, _ in settings.LANGUAGES]
    assert dict(source_forms.SUBMISSION_LANGUAGES) == {
        "ar": "العربية",
        "zh-hans": "中文",
        "en": "English",
        "fr": "Français",
        "ru": "Русский",
        "es": "Español",
    }
    field = Submission._meta.get_field("language")
    assert all(len(code) <= field.max_length for code in codes)  # type: ignore[operator]


def test_a_submission_in_chinese_is_stored_with_its_language(client, recovery_key, officer):
    response = client.post("/zh/submit/", {**INFORMATION, "language": "zh-hans"})
    assert response.status_code == 200
    assert Submission.objects.get().language == "zh-hans"
