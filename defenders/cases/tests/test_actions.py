"""The case actions: each write, its history row, its refusals, and that a refusal leaves nothing half done."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from defenders.addressees.models import Addressee
from defenders.cases import actions
from defenders.cases.models import (
    Case,
    CaseOrganisation,
    CasePerson,
    Event,
    LegalProvision,
    Organisation,
    Person,
    SentenceTerm,
    Theme,
)
from defenders.core.history import reason_text

pytestmark = pytest.mark.django_db


def _reasons(instance) -> list[str]:
    return [reason_text(row.history_change_reason) for row in instance.history.order_by("history_id")]


@pytest.fixture
def case(officer):
    return actions.create_case(by=officer, title="Leyla Defender: detention", country=Addressee.state("RUS"))


def test_create_case_opens_it_and_names_who_did(officer):
    case = actions.create_case(by=officer, title="A case", risk_level=Case.RiskLevel.HIGH, officer=officer)
    assert case.status == Case.Status.OPEN
    row = case.history.get()
    assert (row.history_user, reason_text(row.history_change_reason)) == (officer, "Opened")


def test_create_case_refuses_an_empty_title_and_keeps_nothing(officer):
    with pytest.raises(ValidationError):
        actions.create_case(by=officer, title="")
    assert not Case.objects.exists()


def test_create_case_refuses_an_implausible_follow_up_day(officer):
    with pytest.raises(ValidationError, match="Give a day between"):
        actions.create_case(by=officer, title="A case", follow_up_on=date(9999, 12, 31))
    assert not Case.objects.exists()


def test_update_case_records_old_and_new_values(case, officer):
    assert actions.update_case(case, by=officer, status=Case.Status.FOLLOW_UP, follow_up_on=date(2030, 1, 1))
    latest = case.history.latest()
    delta = latest.diff_against(latest.prev_record)
    assert {change.field for change in delta.changes} == {"status", "follow_up_on"}
    assert not actions.update_case(case, by=officer, status=Case.Status.FOLLOW_UP)


def test_update_case_refuses_fields_other_actions_own(case, officer):
    with pytest.raises(TypeError):
        actions.update_case(case, by=officer, uid=None)


def test_set_themes_refuses_a_retired_theme_but_keeps_one_already_there(case, officer):
    kept = actions.add_theme("Lawyers at risk", by=officer)
    actions.set_themes(case, [kept], by=officer)
    actions.set_theme_active(kept, False, by=officer)
    retired = actions.add_theme("Old theme", by=officer)
    actions.set_theme_active(retired, False, by=officer)
    assert not actions.set_themes(case, [kept], by=officer)
    with pytest.raises(ValidationError, match="Retired themes"):
        actions.set_themes(case, [kept, retired], by=officer)
    assert list(case.themes.all()) == [kept]


def test_themes_are_seeded_once_and_the_demo_slugs_are_kept():
    assert Theme.objects.filter(slug="judicial-harassment").count() == 1
    names = set(Theme.objects.values_list("name", flat=True))
    assert {"Arbitrary detention", "Reprisals for cooperation with the UN", "Lawyers"} <= names


def test_theme_rename_keeps_the_slug_and_refuses_a_duplicate(officer):
    theme = actions.add_theme("Digital  rights", by=officer)
    assert theme.name == "Digital rights"
    assert actions.rename_theme(theme, "Digital rights defenders", by=officer)
    theme.refresh_from_db()
    assert (theme.slug, theme.name) == ("digital-rights", "Digital rights defenders")
    with pytest.raises(ValidationError, match="already"):
        actions.rename_theme(theme, "lawyers", by=officer)
    with pytest.raises(ValidationError, match="already"):
        actions.add_theme("LAWYERS", by=officer)
    assert _reasons(theme) == ["Added to the vocabulary", "Renamed from “Digital rights”"]


def test_add_person_with_consents_and_refuse_the_same_person_twice(case, officer):
    details = actions.PersonDetails(name="Leyla Defender", consents_to_naming_to_addressee=True)
    link = actions.add_person(case, details, by=officer)
    assert (link.consents_to_naming_to_addressee, link.consents_to_naming_in_public) == (True, False)
    with pytest.raises(ValidationError, match="already"):
        actions.add_person(case, details, by=officer, person=link.person)
    assert CasePerson.objects.count() == 1
    assert "Added person Leyla Defender" in _reasons(case)


def test_add_person_refuses_a_bad_gender_and_keeps_no_person(case, officer):
    with pytest.raises(ValidationError):
        actions.add_person(case, actions.PersonDetails(name="X", gender="unknown-value"), by=officer)
    assert not Person.objects.exists()


def test_update_person_changes_consents_with_a_history_row(case, officer):
    link = actions.add_person(case, actions.PersonDetails(name="Leyla"), by=officer)
    assert actions.update_person(link, by=officer, consents_to_naming_in_public=True, professions="lawyer")
    link.refresh_from_db()
    assert link.consents_to_naming_in_public and link.person.professions == "lawyer"
    assert link.history.latest().history_user == officer
    assert not actions.update_person(link, by=officer, consents_to_naming_in_public=True)


def test_remove_person_deletes_a_name_no_other_case_keeps(case, officer):
    link = actions.add_person(case, actions.PersonDetails(name="Leyla"), by=officer)
    other = actions.create_case(by=officer, title="Other")
    shared = actions.add_person(case, actions.PersonDetails(name="Shared"), by=officer)
    actions.add_person(other, actions.PersonDetails(name="Shared"), by=officer, person=shared.person)
    actions.add_event(
        case,
        actions.EventDetails(
            kind="arrest", summary="Arrested.", occurred_on=date(2024, 1, 2), persons=[link.person]
        ),
        by=officer,
    )
    actions.remove_person(link, by=officer)
    actions.remove_person(shared, by=officer)
    assert list(Person.objects.values_list("name", flat=True)) == ["Shared"]
    assert not case.events.get().persons.exists()
    assert "Removed person Leyla" in _reasons(case)


def test_organisations_are_shared_by_name_and_kind(case, officer):
    link = actions.add_organisation(case, name="Memorial", relation="member", by=officer)
    other = actions.create_case(by=officer, title="Other")
    actions.add_organisation(other, name="Memorial", by=officer)
    assert Organisation.objects.count() == 1
    with pytest.raises(ValidationError, match="already"):
        actions.add_organisation(case, name="Memorial", by=officer)
    with pytest.raises(ValidationError, match="Unknown kind"):
        actions.add_organisation(case, name="X", kind="cult", by=officer)
    assert actions.update_organisation(
        link, name="FSB", kind="state_actor", relation="arrested him", by=officer
    )
    link.refresh_from_db()
    assert (link.organisation.name, link.relation) == ("FSB", "arrested him")
    actions.remove_organisation(link, by=officer)
    assert not CaseOrganisation.objects.filter(case=case).exists()
    assert "Removed organisation FSB" in _reasons(case)


def _sentence(**overrides) -> actions.EventDetails:
    values: dict[str, Any] = {
        "kind": Event.Kind.SENTENCE,
        "summary": "Sentenced.",
        "occurred_on": date(2024, 5, 17),
        "date_precision": Event.Precision.MONTH,
        "court": "Southern District Military Court",
        "provisions": [actions.Provision("Criminal Code", "205.5-2")],
        "terms": [actions.Term(3, 0, "prison"), actions.Term(11, 0, "maximum-security penal colony")],
    }
    return actions.EventDetails(**(values | overrides))


def test_add_event_with_provisions_and_terms_keeps_the_precision(case, officer):
    event = actions.add_event(case, _sentence(), by=officer)
    assert (event.occurred_on, event.date_display) == (date(2024, 5, 1), "May 2024")
    assert [str(p) for p in event.legal_provisions.all()] == ["Criminal Code, art. 205.5-2"]
    assert [str(t) for t in event.terms.all()] == [
        "3 years (prison)",
        "11 years (maximum-security penal colony)",
    ]
    assert event.history.get().history_user == officer


def test_update_event_replaces_provisions_and_terms(case, officer):
    event = actions.add_event(case, _sentence(), by=officer)
    actions.update_event(event, _sentence(terms=[actions.Term(0, 6, "")], provisions=[]), by=officer)
    assert [str(t) for t in event.terms.all()] == ["6 months"]
    assert not event.legal_provisions.exists()
    assert LegalProvision.objects.count() == 1  # the shared list keeps it for other events


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"summary": ""}, "blank"),
        ({"occurred_on": None}, "Give the date"),
        ({"occurred_on": date(1900, 1, 1)}, "Give a day between"),
        ({"kind": "not_a_kind"}, "not a valid choice"),
        ({"terms": [actions.Term(1, 12, "")]}, "sentence term"),
        ({"provisions": [actions.Provision("Criminal Code", "")]}, "both its code and its article"),
    ],
)
def test_add_event_refusals_leave_nothing(case, officer, overrides, message):
    with pytest.raises(ValidationError, match=message):
        actions.add_event(case, _sentence(**overrides), by=officer)
    assert not Event.objects.exists()
    assert not SentenceTerm.objects.exists()
    assert not LegalProvision.objects.exists()


def test_event_victims_must_be_persons_of_the_case(case, officer):
    stranger = Person.objects.create(name="Not on this case")
    with pytest.raises(ValidationError, match="persons concerned"):
        actions.add_event(case, _sentence(persons=[stranger]), by=officer)
    assert not Event.objects.exists()


def test_undated_event_keeps_no_day(case, officer):
    event = actions.add_event(case, _sentence(date_precision=Event.Precision.UNKNOWN), by=officer)
    assert event.occurred_on is None and event.date_display == "date unknown"


def test_delete_event_leaves_a_row_on_the_case(case, officer):
    event = actions.add_event(case, _sentence(), by=officer)
    actions.delete_event(event, by=officer)
    assert not Event.objects.exists()
    assert _reasons(case)[-1] == "Deleted event: Sentence (May 2024)"


def test_a_long_reason_is_kept_whole(case, officer):
    actions.add_person(case, actions.PersonDetails(name="N" * 200), by=officer)
    assert "N" * 200 in _reasons(case)[-1]
