"""Two letters a day apart, shared by the public cache's tests: the second becomes public while the first is."""

from datetime import date, datetime

import pytest

from defenders.clock import OFFICE_TIME_ZONE

# Sent on 25 and 26 October 2023: public from 00:00 on 24 and 25 December 2023, Geneva time.
FIRST_SENT, SECOND_SENT = date(2023, 10, 25), date(2023, 10, 26)
SECOND_PUBLIC = datetime(2023, 12, 25, tzinfo=OFFICE_TIME_ZONE)
LATER = datetime(2024, 2, 1, 12, tzinfo=OFFICE_TIME_ZONE)


@pytest.fixture
def letters(make_communication):
    first = make_communication(
        sent_on=FIRST_SENT, reference="AL RUS 15/2023", title="first letter", full_text="Excellency, first."
    )
    second = make_communication(
        code="TUR",
        sent_on=SECOND_SENT,
        reference="AL TUR 9/2023",
        title="second letter",
        full_text="Excellency, second.",
    )
    return first, second
