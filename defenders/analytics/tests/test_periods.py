"""Reporting periods edited by staff in the workspace: the rules (dates in order, a reply window that follows its
sending period, no two sending periods sharing a day), the history row of each change, and the pages."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from defenders.analytics import actions
from defenders.analytics.models import ReportingPeriod
from defenders.core.history import reason_text

SESSION_24: dict[str, Any] = {
    "session": 24,
    "sent_from": date(2013, 3, 1),
    "sent_to": date(2013, 5, 31),
    "replies_from": date(2013, 5, 1),
    "replies_to": date(2013, 7, 31),
}


def form(**values) -> dict[str, str]:
    return {name: str(value) for name, value in {**SESSION_24, **values}.items()}


@pytest.mark.django_db
def test_a_period_is_added_with_its_history_row(officer):
    period = actions.create_reporting_period(**SESSION_24, by=officer)
    (record,) = period.history.all()
    assert record.history_user == officer
    assert (
        reason_text(record.history_change_reason)
        == "Added: sent 2013-03-01 to 2013-05-31, replies 2013-05-01 to 2013-07-31"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"sent_to": date(2013, 2, 1)}, "sent_to", "ends on or after the day it starts"),
        ({"replies_from": date(2013, 2, 1)}, "replies_from", "cannot open before the sending period"),
        ({"replies_to": date(2013, 5, 30)}, "replies_to", "closes on or after the last day"),
    ],
)
def test_a_period_out_of_order_is_refused_in_words(officer, changes, field, words):
    with pytest.raises(ValidationError) as refused:
        actions.create_reporting_period(**{**SESSION_24, **changes}, by=officer)
    assert words in " ".join(refused.value.message_dict[field])
    assert not ReportingPeriod.objects.exists()


@pytest.mark.django_db
def test_two_sending_periods_share_no_day(officer):
    actions.create_reporting_period(**SESSION_24, by=officer)
    with pytest.raises(ValidationError) as refused:
        actions.create_reporting_period(
            session=25,
            sent_from=date(2013, 5, 31),  # the 24th session's last day
            sent_to=date(2013, 8, 31),
            replies_from=date(2013, 8, 1),
            replies_to=date(2013, 10, 31),
            by=officer,
        )
    assert "24th session" in refused.value.message_dict["sent_from"][0]
    # The next day is free; the 25th's reply window may overlap the 24th's: replies to both arrive then.
    actions.create_reporting_period(
        session=25,
        sent_from=date(2013, 6, 1),
        sent_to=date(2013, 8, 31),
        replies_from=date(2013, 7, 1),
        replies_to=date(2013, 10, 31),
        by=officer,
    )
    assert ReportingPeriod.objects.count() == 2


@pytest.mark.django_db
def test_an_edit_keeps_its_own_days_and_records_what_changed(officer):
    period = actions.create_reporting_period(**SESSION_24, by=officer)
    assert actions.edit_reporting_period(period, replies_to=date(2013, 8, 15), by=officer)
    assert not actions.edit_reporting_period(period, replies_to=date(2013, 8, 15), by=officer)
    latest = period.history.first()
    assert reason_text(latest.history_change_reason).startswith("Edited replies_to:")
    assert ReportingPeriod.objects.get().replies_to == date(2013, 8, 15)


@pytest.mark.django_db
def test_staff_add_and_change_a_period_in_the_workspace(officer):
    staff = Client()
    staff.force_login(officer)
    assert staff.get("/staff/figures/periods/").status_code == 200
    response = staff.post("/staff/figures/periods/new/", form())
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(session=24)
    assert "24" in staff.get("/staff/figures/periods/").content.decode()
    response = staff.post("/staff/figures/periods/24/", form(replies_to="2013-08-15"))
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.replies_to == date(2013, 8, 15)
    assert "Edited replies_to" in staff.get("/staff/figures/periods/24/").content.decode()


@pytest.mark.django_db
def test_a_refused_change_is_shown_on_the_form_and_changes_nothing(officer):
    staff = Client()
    staff.force_login(officer)
    actions.create_reporting_period(**SESSION_24, by=officer)
    response = staff.post("/staff/figures/periods/24/", form(replies_to="2013-05-30"))
    assert response.status_code == 400
    assert "closes on or after the last day of the sending period" in response.content.decode()
    assert ReportingPeriod.objects.get().replies_to == date(2013, 7, 31)
    response = staff.post("/staff/figures/periods/new/", form(session=25))
    assert response.status_code == 400
    assert "each communication is reported to one session only" in response.content.decode()


@pytest.mark.django_db
def test_an_analyst_edits_periods_and_a_co_signer_may_not(analyst, co_signer):
    allowed, refused = Client(), Client()
    allowed.force_login(analyst)
    refused.force_login(co_signer)
    assert allowed.post("/staff/figures/periods/new/", form()).status_code == 302
    assert refused.get("/staff/figures/periods/").status_code == 403
    assert refused.post("/staff/figures/periods/24/", form(replies_to="2013-08-15")).status_code == 403
    assert ReportingPeriod.objects.get().replies_to == date(2013, 7, 31)
