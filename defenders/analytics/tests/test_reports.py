"""Human Rights Council reports: staff read them before the communications are public, the public only what is."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from pypdf import PdfReader

from ..figures import Scope
from ..models import ReportingPeriod
from ..reports import build
from .conftest import SEEN_AT


@pytest.fixture
def period(db):
    # Letters sent in October 2023 and January 2024, replies received from October 2023 to mid-January 2024.
    return ReportingPeriod.objects.create(
        session=55,
        sent_from=date(2023, 10, 1),
        sent_to=date(2024, 1, 10),
        replies_from=date(2023, 10, 15),
        replies_to=date(2024, 1, 31),
    )


@pytest.mark.django_db
def test_the_public_report_lists_only_what_is_public(hand_counted, period):
    report = build(period, Scope.PUBLIC, at=SEEN_AT)
    assert [(section.code, [c.title for c in section.communications]) for section in report.sections] == [
        ("OTH", ["an other letter to a company"]),
        ("RUS", ["two replies", "a late reply"]),
        ("TUR", ["a procedural reply only", "a confidential reply"]),
    ]
    assert report.by_type == {"AL": 3, "UA": 1, "OL": 1} and report.communications == 5
    assert (report.states, report.other_addressees) == (2, 1)
    # In the window (15 October to 31 January, public up to 15 January): A's substantive reply, B's, C's, D's
    # and E's; A's acknowledgement of 12 October is before it; F's reply is not public.
    assert [reply.received_on for reply in report.replies] == [
        "2023-10-20",
        "2023-11-01",
        "2023-11-04",
        "2023-12-03",
        "2024-01-08",
    ]
    assert report.communications_with_reply_in_window == 5


@pytest.mark.django_db
def test_staff_read_the_report_before_it_is_public(hand_counted, period):
    report = build(period, Scope.STAFF, at=SEEN_AT)
    russia = next(section for section in report.sections if section.code == "RUS")
    assert [c.title for c in russia.communications] == ["two replies", "a late reply", "still confidential"]
    assert "2024-01-10" in [reply.received_on for reply in report.replies]


@pytest.mark.django_db
def test_report_page_csv_and_pdf(hand_counted, period, officer):
    with time_machine.travel(SEEN_AT, tick=False):
        page = Client().get("/statistics/reports/55/").content.decode()
        assert "55th session" in page and "still confidential" not in page
        rows = list(csv.reader(io.StringIO(Client().get("/statistics/reports/55.csv").content.decode())))
        assert rows[0] == [
            "session", "addressee_code", "addressee", "reference", "sent_on", "type", "title", "replies_in_window",
        ]  # fmt: skip
        assert len(rows) == 6
        response = Client().get("/statistics/reports/55.pdf")
        assert response["Content-Type"] == "application/pdf"
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        assert "55th session" in text and "a confidential reply" in text and "still confidential" not in text
        staff = Client()
        staff.force_login(officer)
        staff_text = "".join(
            page.extract_text()
            for page in PdfReader(io.BytesIO(staff.get("/staff/figures/reports/55.pdf").content)).pages
        )
        assert "still confidential" in staff_text and "Staff version" in staff_text
    assert Client().get("/statistics/reports/56/").status_code == 404
    assert "55th session" in Client().get("/statistics/reports/").content.decode()


def test_a_period_with_dates_out_of_order_is_refused_in_words():
    period = ReportingPeriod(
        session=1,
        sent_from=date(2024, 3, 1),
        sent_to=date(2024, 2, 1),
        replies_from=date(2024, 5, 1),
        replies_to=date(2024, 7, 31),
    )
    with pytest.raises(ValidationError, match="ends on or after"):
        period.clean()
    assert str(ReportingPeriod(session=23)) == "Report to the 23rd session of the Human Rights Council"
    assert ReportingPeriod(session=11).ordinal == "11th"
