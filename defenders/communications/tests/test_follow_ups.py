from datetime import date

import pytest
from django.contrib.auth import get_user_model

from defenders.communications.actions import CommunicationStateError, set_follow_ups
from defenders.core.history import reason_text


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user("officer", password="a long enough password")


def test_following_up_records_the_earlier_letters_and_a_reasoned_history_row(make_communication, officer):
    first = make_communication(code="RUS", sent_on=date(2021, 3, 1), reference="AL RUS 3/2021")
    second = make_communication(code="RUS", sent_on=date(2022, 5, 2), legacy_reference="RUS 7/2022")
    later = make_communication(code="RUS", sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")
    before = later.history.count()

    assert set_follow_ups(later, [second, first], by=officer) is True

    assert set(later.follows_up.all()) == {first, second}
    assert set(first.followed_up_by.all()) == {later}
    latest = later.history.latest()
    assert reason_text(latest.history_change_reason) == "Follows up AL RUS 3/2021, RUS 7/2022"
    assert latest.history_user == officer
    assert later.history.count() == before + 1


def test_following_up_the_same_letters_again_changes_nothing(make_communication, officer):
    first = make_communication(sent_on=date(2021, 3, 1), reference="AL RUS 3/2021")
    later = make_communication(sent_on=date(2023, 10, 25))
    set_follow_ups(later, [first], by=officer)
    before = later.history.count()
    assert set_follow_ups(later, [first], by=officer) is False
    assert later.history.count() == before


def test_an_empty_list_removes_the_follow_ups_with_its_reason(make_communication, officer):
    first = make_communication(sent_on=date(2021, 3, 1), reference="AL RUS 3/2021")
    later = make_communication(sent_on=date(2023, 10, 25))
    set_follow_ups(later, [first], by=officer)
    assert set_follow_ups(later, [], by=officer) is True
    assert list(later.follows_up.all()) == []
    assert reason_text(later.history.latest().history_change_reason) == "Follows up no earlier communication"


def test_a_communication_cannot_follow_itself_up(make_communication, officer):
    letter = make_communication()
    with pytest.raises(CommunicationStateError, match="cannot follow itself up"):
        set_follow_ups(letter, [letter], by=officer)


def test_an_earlier_letter_cannot_have_been_sent_after_the_follow_up(make_communication, officer):
    sooner = make_communication(sent_on=date(2023, 1, 10))
    afterwards = make_communication(sent_on=date(2023, 2, 10))
    with pytest.raises(CommunicationStateError, match="after"):
        set_follow_ups(sooner, [afterwards], by=officer)
    assert list(sooner.follows_up.all()) == []


def test_a_draft_cannot_be_followed_up(make_communication, officer):
    draft = make_communication(sent_on=None)
    later = make_communication(sent_on=date(2023, 2, 10))
    with pytest.raises(CommunicationStateError, match="draft"):
        set_follow_ups(later, [draft], by=officer)


def test_a_cycle_is_refused_even_between_letters_sent_the_same_day(make_communication, officer):
    day = date(2023, 2, 10)
    a, b, c = (make_communication(sent_on=day) for _ in range(3))
    set_follow_ups(b, [a], by=officer)
    set_follow_ups(c, [b], by=officer)
    before = a.history.count()
    with pytest.raises(CommunicationStateError, match="cycle"):
        set_follow_ups(a, [c], by=officer)
    assert list(a.follows_up.all()) == [] and a.history.count() == before


def test_a_draft_may_follow_up_a_sent_letter(make_communication, officer):
    sent = make_communication(sent_on=date(2023, 2, 10))
    draft = make_communication(sent_on=None)
    assert set_follow_ups(draft, [sent], by=officer) is True
