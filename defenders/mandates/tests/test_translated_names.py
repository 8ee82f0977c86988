"""Mandates, themes and States are shown in the reader's language (the UN's titles, CLDR's country names, the
catalogue's themes), falling back to English; the API keeps the codes, short names and English names."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import translation

from defenders.addressees.countries import local_short_name
from defenders.addressees.models import Addressee
from defenders.clock import OFFICE_TIME_ZONE
from defenders.mandates.models import Mandate

pytestmark = pytest.mark.django_db
AFTER_PUBLICATION = datetime(2024, 1, 17, 10, tzinfo=OFFICE_TIME_ZONE)
FRENCH_HRD_TITLE = "Rapporteur spécial sur la situation des défenseurs des droits de l’homme"


def test_every_mandate_of_the_fixture_has_its_title_in_the_five_other_languages(mandates):
    for mandate in Mandate.objects.all():
        assert set(mandate.name_translations) == {"ar", "zh-hans", "fr", "ru", "es"}, mandate.short_name
        assert all(title.strip() for title in mandate.name_translations.values())


def test_a_mandate_is_named_in_the_readers_language_and_falls_back_to_english(mandates):
    hrds = Mandate.objects.get(short_name="SR HRDs")
    with translation.override("fr"):
        assert (hrds.local_name, hrds.name_language) == (FRENCH_HRD_TITLE, "fr")
    with translation.override("ru"):
        assert hrds.local_name == "Специальный докладчик по вопросу о положении правозащитников"
    hrds.name_translations = {}
    with translation.override("fr"):
        assert (hrds.local_name, hrds.name_language) == (hrds.name, "en")


def test_a_state_is_named_as_the_un_names_it_in_each_language():
    assert local_short_name("KOR", "fr") == "République de Corée"
    assert local_short_name("RUS", "ru") == "Россия"
    assert local_short_name("BRA", "zh_Hans") == "巴西"  # CLDR's, where the UN's list has nothing to add
    assert local_short_name("PSE", "ar") == "دولة فلسطين"
    assert local_short_name("RUS", "en") is None  # English keeps the recorded UN short name
    assert local_short_name("XXX", "fr") is None


def test_an_addressee_shows_its_local_name_but_keeps_its_recorded_one():
    russia = Addressee.state("RUS")
    with translation.override("es"):
        assert russia.local_short_name == "Rusia"
    assert (russia.short_name, russia.code) == ("Russia", "RUS")
    company = Addressee.find_or_create(kind="company", name="Acme Mining")
    with translation.override("es"):
        assert company.local_short_name == "Acme Mining"


def test_the_public_page_names_state_and_mandates_in_french_and_the_api_in_english(
    client, make_communication
):
    letter = make_communication(code="RUS", sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")
    with time_machine.travel(AFTER_PUBLICATION, tick=False):
        page = client.get(f"/fr{letter.get_absolute_url()}").content.decode()
        listed = client.get("/fr/communications/").content.decode()
        api = client.get(f"/api/v1/communications/{letter.slug}").json()
    assert f'<li lang="fr">{FRENCH_HRD_TITLE}</li>' in page.replace("&#x27;", "'")
    assert "<td>Russie</td>" in listed
    assert "RUS" in str(api) and "Russia" in str(api) and "SR HRDs" in str(api)
    assert "Russie" not in str(api) and "Rapporteur spécial" not in str(api)
