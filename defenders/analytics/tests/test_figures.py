"""The figures against answers counted by hand from the fixture in conftest.py (its table says why each is so)."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from statistics import median

import pytest
from django.db.models import Value

from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import embargo
from defenders.communications.models import Communication

from .. import figures
from ..figures import Scope, Selection
from .conftest import SEEN_AT

PUBLIC, STAFF = Scope.PUBLIC, Scope.STAFF


def _row(rows: list[figures.Figures], key: str) -> figures.Figures:
    (row,) = [row for row in rows if row.key == key]
    return row


def _counts(row: figures.Figures) -> tuple:
    return (
        row.communications,
        row.with_reply,
        row.with_substantive_reply,
        row.replied_within_period,
        row.median_days_to_first_reply,
        row.no_reply,
        row.reply_rate,
    )


@pytest.mark.django_db
def test_public_scorecard_counts_by_hand(hand_counted):
    rows = figures.by_addressee(PUBLIC, at=SEEN_AT)
    assert [row.label for row in rows] == ["Acme Mining Ltd", "Russian Federation", "Türkiye"]
    # Russia: A (replies on days 10 and 30: first on day 10, within), B (day 61: after it was public), H (none).
    # F is still inside its 60 days: it changes no public figure.
    assert _counts(_row(rows, "RUS")) == (3, 2, 2, 1, median([10, 61]), 1, Decimal("0.667"))
    # Türkiye: C (an acknowledgement on day 16: a reply, not substantive), D (confidential, day 30: substantive).
    # G is withheld.
    assert _counts(_row(rows, "TUR")) == (2, 2, 1, 2, median([16, 30]), 0, Decimal("1.000"))
    # The company (code OTH): E, an other letter answered on day 3, before it was public on day 4 (Tuesday).
    assert _counts(_row(rows, "OTH")) == (1, 1, 1, 1, 3, 0, Decimal("1.000"))
    assert _counts(figures.totals(PUBLIC, at=SEEN_AT)) == (
        6, 5, 4, 4, median([10, 61, 16, 30, 3]), 1, Decimal("0.833"),
    )  # fmt: skip


@pytest.mark.django_db
def test_staff_scorecard_counts_everything_sent(hand_counted):
    rows = figures.by_addressee(STAFF, at=SEEN_AT)
    # F (day 8) joins Russia, G (withheld, unanswered) joins Türkiye.
    assert _counts(_row(rows, "RUS")) == (4, 3, 3, 2, median([8, 10, 61]), 1, Decimal("0.750"))
    assert _counts(_row(rows, "TUR")) == (3, 2, 1, 2, median([16, 30]), 1, Decimal("0.667"))
    assert figures.totals(STAFF, at=SEEN_AT).communications == 8


@pytest.mark.django_db
def test_a_communication_inside_its_sixty_days_changes_no_public_figure(hand_counted):
    before = [_counts(row) for row in figures.by_addressee(PUBLIC, at=SEEN_AT)]
    letter_f = hand_counted["F"]
    from defenders.communications import actions

    actions.record_reply(letter_f, received_on=date(2024, 1, 12), kind="acknowledgement", by=None)
    assert [_counts(row) for row in figures.by_addressee(PUBLIC, at=SEEN_AT)] == before


@pytest.mark.django_db
def test_by_year_type_and_theme(hand_counted):
    assert [(row.key, row.communications) for row in figures.by_year(PUBLIC, at=SEEN_AT)] == [
        ("2023", 5),
        ("2024", 1),
    ]
    assert [(row.key, row.communications, row.with_reply) for row in figures.by_type(PUBLIC, at=SEEN_AT)] == [
        ("AL", 4, 3),
        ("UA", 1, 1),
        ("OL", 1, 1),
    ]
    assert figures.per_year_and_type(STAFF, at=SEEN_AT) == {
        2023: {"AL": 5, "UA": 1, "OL": 0},
        2024: {"AL": 0, "UA": 1, "OL": 1},
    }
    assert figures.by_theme(PUBLIC, at=SEEN_AT) == []


@pytest.mark.django_db
def test_a_communication_counts_under_each_of_its_themes(hand_counted):
    from defenders.cases.models import Theme

    harassment = Theme.objects.get_or_create(
        slug="judicial-harassment", defaults={"name": "Judicial harassment"}
    )[0]
    reprisals = Theme.objects.get_or_create(slug="reprisals-x", defaults={"name": "Reprisals (test)"})[0]
    hand_counted["A"].themes.add(harassment, reprisals)
    hand_counted["B"].themes.add(harassment)
    rows = figures.by_theme(PUBLIC, at=SEEN_AT)
    assert [
        (row.key, row.communications, row.with_reply, row.median_days_to_first_reply) for row in rows
    ] == [
        ("judicial-harassment", 2, 2, median([10, 61])),
        ("reprisals-x", 1, 1, 10),
    ]


@pytest.mark.django_db
def test_mandates_count_what_they_led_and_what_they_signed(hand_counted):
    rows = {row.key: row for row in figures.by_mandate(PUBLIC, at=SEEN_AT)}
    assert set(rows) == {"SR HRDs", "WGAD", "SR FoE"}
    # SR HRDs signed A, B, C, D, E, H and led all but E.
    hrds = rows["SR HRDs"]
    assert (hrds.signed.communications, hrds.led.communications, hrds.co_signed) == (6, 5, 1)
    assert hrds.led.with_reply == 4 and hrds.signed.with_reply == 5
    assert (rows["WGAD"].signed.communications, rows["WGAD"].led.communications) == (5, 0)
    assert rows["WGAD"].led.median_days_to_first_reply is None
    assert (rows["SR FoE"].signed.communications, rows["SR FoE"].led.communications) == (1, 1)
    staff = {row.key: row for row in figures.by_mandate(STAFF, at=SEEN_AT)}
    assert (staff["SR HRDs"].signed.communications, staff["SR HRDs"].led.communications) == (8, 7)


@pytest.mark.django_db
def test_selection_by_year_range_and_type(hand_counted):
    in_2024 = Selection.from_query({"from": "2024", "to": "2024"})
    assert [row.key for row in figures.by_addressee(PUBLIC, in_2024, at=SEEN_AT)] == ["OTH"]
    appeals = Selection.from_query({"type": "ua"})
    assert [(row.key, row.communications) for row in figures.by_addressee(STAFF, appeals, at=SEEN_AT)] == [
        ("RUS", 1),
        ("TUR", 1),
    ]
    assert figures.by_addressee(PUBLIC, Selection(year_from=2025), at=SEEN_AT) == []
    assert figures.totals(PUBLIC, Selection(year_from=2025), at=SEEN_AT).reply_rate == Decimal("0.000")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "twenty"}, "four digits"),
        ({"to": "１２３４"}, "four digits"),
        ({"from": "1900"}, "between 1945"),
        ({"from": "2024", "to": "2023"}, "before or equal"),
        ({"type": "XX"}, "AL, UA, OL"),
    ],
)
def test_a_bad_selection_says_what_is_wrong(query, message):
    with pytest.raises(figures.InvalidSelection, match=message):
        Selection.from_query(query)


@pytest.mark.django_db
def test_public_figures_change_exactly_at_the_publication_moment(hand_counted):
    # E, sent on Friday 5 January 2024, is public from 00:00 on Tuesday 9 January in Geneva.
    moment = embargo.public_from(hand_counted["E"])
    assert moment == datetime(2024, 1, 9, tzinfo=OFFICE_TIME_ZONE)
    before = figures.totals(PUBLIC, at=moment - timedelta(seconds=1))
    after = figures.totals(PUBLIC, at=moment)
    assert (after.communications - before.communications, after.with_reply - before.with_reply) == (1, 1)
    assert after.replied_within_period - before.replied_within_period == 1
    assert "OTH" not in {row.key for row in figures.by_addressee(PUBLIC, at=moment - timedelta(seconds=1))}
    assert "OTH" in {row.key for row in figures.by_addressee(PUBLIC, at=moment)}


@pytest.mark.django_db
def test_the_clock_moves_the_public_figures(hand_counted):
    import time_machine

    # F, an urgent appeal sent on 2 January 2024, is public from 00:00 on 2 March 2024.
    assert embargo.public_from(hand_counted["F"]) == datetime(2024, 3, 2, tzinfo=OFFICE_TIME_ZONE)
    with time_machine.travel(datetime(2024, 3, 1, 23, 59, 59, tzinfo=OFFICE_TIME_ZONE), tick=False):
        assert _row(figures.by_addressee(PUBLIC), "RUS").communications == 3
    with time_machine.travel(datetime(2024, 3, 2, 0, 0, 0, tzinfo=OFFICE_TIME_ZONE), tick=False):
        assert _counts(_row(figures.by_addressee(PUBLIC), "RUS")) == (
            4, 3, 3, 2, median([8, 10, 61]), 1, Decimal("0.750"),
        )  # fmt: skip


@pytest.mark.django_db
def test_days_until_public_agree_with_the_publication_rule(make_communication):
    # An other letter and an allegation letter sent on each day of a week, and what the database makes of them.
    sent = [
        make_communication(type=type, sent_on=date(2024, 1, 1) + timedelta(days=offset))
        for offset in range(7)
        for type in ("OL", "AL")
    ]
    found = dict(
        Communication.objects.filter(pk__in=[c.pk for c in sent])
        .annotate(days=figures.days_until_public(), marker=Value(1))
        .values_list("pk", "days")
    )
    for communication in sent:
        assert communication.sent_on is not None
        expected = embargo.first_public_day(communication.type, communication.sent_on) - communication.sent_on
        assert found[communication.pk] == expected.days, communication.sent_on
