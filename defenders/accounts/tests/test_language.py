"""A staff member's language: chosen on their account page, else the one they last read the workspace in; the
staff pages follow the choice from the next login on."""

import pytest
from django import forms
from django.conf import settings
from django.utils import translation

from defenders.accounts.language import language_of, set_preferred_language
from defenders.accounts.models import StaffMember
from defenders.core.staff_language import PREFERRED_LANGUAGE_SESSION_KEY

pytestmark = pytest.mark.django_db


def test_an_account_nobody_set_a_language_for_is_written_to_in_english(officer):
    assert language_of(officer) == "en"


def test_the_language_a_staff_page_was_last_read_in_is_the_default(client, officer):
    client.force_login(officer)
    client.get("/staff/", HTTP_ACCEPT_LANGUAGE="ru")
    assert StaffMember.objects.get(user=officer).last_used_language == "ru"
    assert language_of(officer) == "ru"
    client.get("/staff/", HTTP_ACCEPT_LANGUAGE="es")
    assert language_of(officer) == "es"


def test_the_language_last_used_is_written_once_per_change(client, officer, django_assert_max_num_queries):
    client.force_login(officer)
    client.get("/staff/", HTTP_ACCEPT_LANGUAGE="fr")
    client.get("/staff/", HTTP_ACCEPT_LANGUAGE="fr")
    with django_assert_max_num_queries(100) as captured:
        client.get("/staff/", HTTP_ACCEPT_LANGUAGE="fr")
    assert not [
        query
        for query in captured.captured_queries
        if "accounts_staffmember" in query["sql"].lower()
        and query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def test_a_chosen_language_wins_over_the_one_last_used(client, officer):
    set_preferred_language(officer, "ar")
    client.force_login(officer)
    client.get("/staff/", HTTP_ACCEPT_LANGUAGE="fr")
    assert language_of(officer) == "ar"


def test_the_staff_member_chooses_their_language_on_their_account_page(client, officer):
    client.force_login(officer)
    page = client.get("/staff/account/")
    assert page.status_code == 200
    assert 'name="language"' in page.content.decode()
    saved = client.post("/staff/account/", {"language": "zh-hans"}, follow=True)
    assert StaffMember.objects.get(user=officer).language == "zh-hans"
    assert client.session[PREFERRED_LANGUAGE_SESSION_KEY] == "zh-hans"
    html = saved.content.decode()
    assert '<html lang="zh-hans"' in html
    # The browser asks for French: the account's choice is the page's language.
    assert '<html lang="zh-hans"' in client.get("/staff/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_an_empty_choice_goes_back_to_the_language_last_used(client, officer):
    set_preferred_language(officer, "ar")
    client.force_login(officer)
    client.post("/staff/account/", {"language": ""})
    assert StaffMember.objects.get(user=officer).language == ""
    assert '<html lang="fr"' in client.get("/staff/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_the_account_page_refuses_a_language_the_site_does_not_speak(client, officer):
    client.force_login(officer)
    assert client.post("/staff/account/", {"language": "de"}).status_code == 400
    with pytest.raises(ValueError):
        set_preferred_language(officer, "de")


def test_the_chosen_language_is_the_staff_pages_from_the_login_on(client, officer):
    set_preferred_language(officer, "ru")
    client.force_login(officer)  # sends user_logged_in, as the login page's login() does
    assert client.session[PREFERRED_LANGUAGE_SESSION_KEY] == "ru"
    assert '<html lang="ru"' in client.get("/staff/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_every_site_language_can_be_chosen():
    from defenders.accounts.forms import LanguageForm

    field = LanguageForm().fields["language"]
    assert isinstance(field, forms.ChoiceField)
    offered = [code for code, _name in field.choices]  # type: ignore[misc,union-attr]
    assert offered == ["", *[code for code, _name in settings.LANGUAGES]]


def test_a_chosen_language_leaves_a_history_row_and_a_language_read_leaves_none(client, officer):
    from defenders.core.history import reason_text

    client.force_login(officer)
    client.get("/staff/", HTTP_ACCEPT_LANGUAGE="ru")
    client.get("/staff/", HTTP_ACCEPT_LANGUAGE="es")
    member = StaffMember.objects.get(user=officer)
    rows_before = member.history.count()

    client.post("/staff/account/", {"language": "fr"})
    client.post("/staff/account/", {"language": ""})

    rows = list(member.history.order_by("history_date"))[rows_before:]
    assert [row.language for row in rows] == ["fr", ""]
    assert {row.history_user_id for row in rows} == {officer.pk}
    with translation.override("en"):
        assert reason_text(rows[0].history_change_reason) == "Language chosen: fr"
        assert reason_text(rows[1].history_change_reason) == "Language: the one last used"
    with translation.override("ru"):
        assert reason_text(rows[0].history_change_reason) == "Выбран язык: fr"
    client.get("/staff/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert member.history.count() == rows_before + 2
