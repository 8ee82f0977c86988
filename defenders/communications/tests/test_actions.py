from datetime import date

import pytest
from django.contrib.auth import get_user_model

from defenders.communications.actions import (
    CommunicationStateError,
    record_reply,
    release_communication,
    send_communication,
    withhold_communication,
)
from defenders.communications.references import parse_reference, slug_for


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
    assert latest.history_change_reason == "Sent as AL RUS 1/2023"


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
    assert communication.history.latest().history_change_reason == "Withheld: The family is relocating"
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
