from datetime import date
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction

from defenders.communications.actions import (
    CommunicationStateError,
    record_reply,
    release_communication,
    send_communication,
    withhold_communication,
)
from defenders.communications.models import Communication, ReferenceCounter, SentLetter
from defenders.communications.references import parse_reference, slug_for
from defenders.core.history import reason_text


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user("officer", password="a long enough password")


def test_sending_assigns_the_next_number_shared_by_every_type_for_the_code_and_year(
    make_communication, officer
):
    first = send_communication(make_communication(sent_on=None), by=officer, on=date(2023, 3, 1))
    second = send_communication(make_communication(sent_on=None, type="UA"), by=officer, on=date(2023, 3, 2))
    other_country = send_communication(
        make_communication(sent_on=None, code="TUR"), by=officer, on=date(2023, 3, 2)
    )
    next_year = send_communication(
        make_communication(sent_on=None, type="OL"), by=officer, on=date(2024, 1, 2)
    )
    assert [first.reference, second.reference] == ["AL RUS 1/2023", "UA RUS 2/2023"]
    assert other_country.reference == "AL TUR 1/2023"
    assert next_year.reference == "OL RUS 1/2024"
    assert first.slug == "al-rus-1-2023"


def test_sending_records_who_sent_it_in_the_history(make_communication, officer):
    communication = send_communication(make_communication(sent_on=None), by=officer, on=date(2023, 3, 1))
    latest = communication.history.latest()
    assert latest.history_user == officer
    assert reason_text(latest.history_change_reason) == "Sent as AL RUS 1/2023"


def test_a_communication_cannot_be_sent_twice(make_communication, officer):
    communication = send_communication(make_communication(sent_on=None), by=officer, on=date(2023, 3, 1))
    with pytest.raises(CommunicationStateError):
        send_communication(communication, by=officer, on=date(2023, 3, 2))


def test_a_communication_without_a_lead_mandate_cannot_be_sent(make_communication, officer):
    with pytest.raises(CommunicationStateError):
        send_communication(make_communication(sent_on=None, signers=()), by=officer, on=date(2023, 3, 1))


def test_number_after_an_imported_reference_continues_the_series(make_communication, officer):
    make_communication(reference="AL RUS 15/2023")
    sent = send_communication(make_communication(sent_on=None), by=officer, on=date(2023, 11, 1))
    assert sent.reference == "AL RUS 16/2023"


def test_withholding_needs_a_reason_and_is_recorded(make_communication, officer):
    communication = make_communication()
    with pytest.raises(CommunicationStateError):
        withhold_communication(communication, reason="  ", by=officer)
    withhold_communication(communication, reason="The family is relocating", by=officer)
    assert communication.withheld
    assert (
        reason_text(communication.history.latest().history_change_reason)
        == "Withheld: The family is relocating"
    )
    release_communication(communication, by=officer)
    assert not communication.withheld and communication.withheld_reason == ""


def test_reply_cannot_predate_sending_or_belong_to_a_draft(make_communication, officer):
    with pytest.raises(CommunicationStateError):
        record_reply(make_communication(sent_on=None), received_on=date(2023, 1, 1), by=officer)
    with pytest.raises(CommunicationStateError):
        record_reply(make_communication(sent_on=date(2023, 5, 1)), received_on=date(2023, 4, 30), by=officer)
    reply = record_reply(
        make_communication(sent_on=date(2023, 5, 1)), received_on=date(2023, 6, 1), by=officer
    )
    assert reply.history.latest().history_user == officer


def test_references_parse_only_the_current_form():
    parsed = parse_reference("AL RUS 15/2023")
    assert parsed is not None and (parsed.type, parsed.code, parsed.number, parsed.year) == (
        "AL",
        "RUS",
        15,
        2023,
    )
    assert parse_reference("UA G/SO 214 (67-17) THA 5/2011") is None
    assert parse_reference("AL RUS 0/2023") is None
    assert (
        slug_for(reference="", legacy_reference="", addressee_code="OTH", uid_hex="ab" * 16)
        == "oth-abababababab"
    )


def test_an_imported_reference_above_the_counter_moves_it_up_and_one_below_does_not(
    make_communication, officer
):
    make_communication(reference="AL RUS 15/2023")
    make_communication(type="UA", reference="UA RUS 3/2023")
    assert ReferenceCounter.objects.get(code="RUS", year=2023).last_number == 15
    assert Communication.objects.next_reference_number("RUS", 2023) == 16
    sent = send_communication(make_communication(sent_on=None, type="OL"), by=officer, on=date(2023, 11, 1))
    assert sent.reference == "OL RUS 16/2023"
    assert ReferenceCounter.objects.get(code="RUS", year=2023).last_number == 16


def test_a_number_once_given_is_not_given_again_when_its_letter_is_gone(make_communication, officer):
    sent = send_communication(make_communication(sent_on=None), by=officer, on=date(2023, 3, 1))
    SentLetter.objects.filter(communication=sent).delete()  # a sent letter is protected: its frozen PDF first
    sent.delete()
    assert Communication.objects.next_reference_number("RUS", 2023) == 2
    again = send_communication(make_communication(sent_on=None), by=officer, on=date(2023, 3, 2))
    assert again.reference == "AL RUS 2/2023"


def test_sending_continues_after_a_stored_reference_the_counter_did_not_give(make_communication, officer):
    make_communication(reference="AL RUS 15/2023")
    ReferenceCounter.objects.all().delete()  # as if the reference predated the counters
    sent = send_communication(make_communication(sent_on=None), by=officer, on=date(2023, 11, 1))
    assert sent.reference == "AL RUS 16/2023"


def test_sending_inside_a_larger_transaction_leaves_it_usable(make_communication, officer):
    make_communication(reference="AL RUS 15/2023")
    with transaction.atomic():
        sent = send_communication(make_communication(sent_on=None), by=officer, on=date(2023, 11, 1))
        assert Communication.objects.filter(reference=sent.reference).exists()
    assert sent.reference == "AL RUS 16/2023"


def test_the_migration_starts_each_counter_after_the_highest_stored_number(make_communication):
    make_communication(reference="AL RUS 15/2023")
    make_communication(type="UA", reference="UA RUS 4/2023")
    make_communication(type="OL", reference="OL RUS 2/2022", sent_on=date(2022, 5, 1))
    make_communication(code="TUR", reference="AL TUR 7/2023")
    make_communication(code="THA", legacy_reference="UA G/SO 214 (67-17) THA 5/2011")
    ReferenceCounter.objects.all().delete()
    import_module("defenders.communications.migrations.0005_reference_counter").seed_counters(apps, None)
    assert sorted(ReferenceCounter.objects.values_list("code", "year", "last_number")) == [
        ("RUS", 2022, 2),
        ("RUS", 2023, 15),
        ("TUR", 2023, 7),
    ]
