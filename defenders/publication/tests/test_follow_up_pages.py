from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications.actions import edit_communication, set_follow_ups

LATER_STILL = datetime(2024, 6, 1, 12, tzinfo=OFFICE_TIME_ZONE)


@pytest.fixture
def letters(make_communication, concerning):
    """An earlier public letter naming a person who did not consent, a withheld one, an embargoed later one."""
    earlier = make_communication(
        sent_on=date(2021, 3, 1), reference="AL RUS 3/2021", title="detention of Ivan Hiddenov"
    )
    concerning(earlier, "Ivan Hiddenov", named_in_public=False)
    withheld = make_communication(
        sent_on=date(2022, 2, 1),
        type="UA",
        reference="UA RUS 2/2022",
        title="secret matter Quietova",
        withheld=True,
        withheld_reason="Risk of reprisals",
    )
    middle = make_communication(sent_on=date(2023, 10, 25), reference="AL RUS 15/2023", title="sentencing")
    set_follow_ups(middle, [earlier, withheld], by=None)
    embargoed = make_communication(
        sent_on=date(2024, 5, 20), reference="AL RUS 9/2024", title="embargoed matter Unreleasedova"
    )
    set_follow_ups(embargoed, [middle], by=None)
    public_later = make_communication(
        type="OL", sent_on=date(2024, 1, 10), reference="OL RUS 1/2024", title="legislation on defenders"
    )
    set_follow_ups(public_later, [middle], by=None)
    return earlier, withheld, middle, embargoed, public_later


@pytest.mark.django_db
def test_the_page_links_public_earlier_and_later_letters_with_their_redacted_titles(client, letters):
    earlier, _, middle, _, public_later = letters
    with time_machine.travel(LATER_STILL):
        html = client.get(middle.get_absolute_url()).content.decode()
    assert "Earlier communications followed up" in html
    assert f'href="{earlier.get_absolute_url()}"' in html
    assert "Russia: detention of [name withheld] (joint communication)" in html
    assert "Hiddenov" not in html
    assert "Later communications following up" in html
    assert f'href="{public_later.get_absolute_url()}"' in html and "OL RUS 1/2024" in html


@pytest.mark.django_db
def test_the_page_never_names_a_withheld_or_embargoed_letter(client, letters):
    _, withheld, middle, embargoed, _ = letters
    with time_machine.travel(LATER_STILL):
        html = client.get(middle.get_absolute_url()).content.decode()
    for hidden in (withheld, embargoed):
        assert hidden.reference not in html
        assert hidden.slug not in html
        assert hidden.title not in html
    assert "Quietova" not in html and "Unreleasedova" not in html


@pytest.mark.django_db
def test_the_later_letter_lists_newest_first_and_the_update_stays(client, make_communication, letters):
    earlier, _, middle, _, public_later = letters
    edit_communication(public_later, by=None, update="Since the communication was sent, a law was passed.")
    with time_machine.travel(LATER_STILL):
        html = client.get(public_later.get_absolute_url()).content.decode()
        assert html.index("AL RUS 15/2023") > 0
        assert "Since the communication was sent</h2>" in html
        assert "a law was passed" in html
    followed = make_communication(sent_on=date(2023, 12, 1), reference="AL RUS 20/2023", title="follow")
    set_follow_ups(followed, [middle, earlier], by=None)
    with time_machine.travel(LATER_STILL):
        html = client.get(followed.get_absolute_url()).content.decode()
    assert html.index("AL RUS 15/2023") < html.index("AL RUS 3/2021")


@pytest.mark.django_db
def test_the_page_makes_as_many_queries_with_many_follow_ups_as_with_one(
    client, make_communication, letters, django_assert_max_num_queries
):
    _, _, middle, _, _ = letters
    with time_machine.travel(LATER_STILL), CaptureQueriesContext(connection) as few:
        client.get(middle.get_absolute_url())
    for number in range(6):
        later = make_communication(sent_on=date(2023, 11, 1 + number), reference=f"AL RUS {30 + number}/2023")
        set_follow_ups(later, [middle], by=None)
    with time_machine.travel(LATER_STILL), django_assert_max_num_queries(len(few.captured_queries)):
        client.get(middle.get_absolute_url())
