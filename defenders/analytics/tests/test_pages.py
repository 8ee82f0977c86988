"""The figures' pages, CSV files and API: public ones count what is published, staff ones everything sent."""

import csv
import io

import pytest
import time_machine
from django.test import Client
from ninja.testing import TestClient

from ..api import router
from .conftest import SEEN_AT

ADDRESSEE_HEADER = (
    "addressee_code,addressee,communications,with_reply,with_substantive_reply,"
    "reply_rate,replied_within_period,median_days_to_first_reply,no_reply"
)
api_client = TestClient(router)


@pytest.fixture
def seen_at_noon():
    with time_machine.travel(SEEN_AT, tick=False):
        yield


def _csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.django_db
def test_the_public_scorecard_csv_has_the_contract_columns_and_public_figures_only(
    hand_counted, seen_at_noon
):
    response = Client().get("/statistics/addressees.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert text.splitlines()[0] == ADDRESSEE_HEADER
    assert text.splitlines()[1:] == [
        "OTH,Acme Mining Ltd,1,1,1,1.000,1,3,0",
        "RUS,Russian Federation,3,2,2,0.667,1,35.5,1",
        "TUR,Türkiye,2,2,1,1.000,2,23,0",
    ]


@pytest.mark.django_db
def test_the_scorecard_csv_takes_a_year_range_and_a_type(hand_counted, seen_at_noon):
    rows = _csv_rows(Client().get("/statistics/addressees.csv?from=2023&to=2023&type=AL"))
    # A, B and H to Russia; D to Türkiye (C is an urgent appeal, E was sent in 2024).
    assert [(row["addressee_code"], row["communications"]) for row in rows] == [("RUS", "3"), ("TUR", "1")]
    assert rows[1]["median_days_to_first_reply"] == "30"
    assert _csv_rows(Client().get("/statistics/addressees.csv?from=2030")) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["from=abc", "to=99999", "from=2024&to=2020", "type=JUA", "from=1800", "sort=secret", "sort=-"]
)
def test_a_bad_choice_is_refused_in_words(hand_counted, query):
    response = Client().get(f"/statistics/addressees/?{query}")
    assert response.status_code == 400
    assert "cannot be shown" in response.content.decode()


@pytest.mark.django_db
def test_the_scorecard_page_sorts_and_keeps_the_choice_in_its_links(hand_counted, seen_at_noon):
    page = Client().get("/statistics/addressees/?sort=-no_reply&type=AL").content.decode()
    table = page[page.index("<table") :]
    assert table.index("Russian Federation") < table.index("Türkiye")
    assert 'aria-sort="descending"' in page
    assert "/statistics/addressees.csv?type=AL" in page
    assert "What the figures count" in page
    ascending = Client().get("/statistics/addressees/?sort=median_days_to_first_reply").content.decode()
    ascending = ascending[ascending.index("<table") :]
    # Acme (3 days), Türkiye (23), Russia (35.5).
    assert ascending.index("Acme") < ascending.index("Türkiye") < ascending.index("Russian Federation")


@pytest.mark.django_db
def test_public_pages_never_show_a_confidential_or_withheld_communication(hand_counted, seen_at_noon):
    for path in ("/statistics/", "/statistics/addressees/", "/statistics/years/", "/statistics/mandates/"):
        response = Client().get(path)
        assert response.status_code == 200, path
    overview = Client().get("/statistics/").content.decode()
    assert '<td class="number">6</td>' in overview  # six published of eight sent
    rows = _csv_rows(Client().get("/statistics/years.csv"))
    assert [(row["year"], row["communications"]) for row in rows] == [("2023", "5"), ("2024", "1")]
    by_type = _csv_rows(Client().get("/statistics/years-by-type.csv"))
    assert by_type == [
        {"year": "2023", "AL": "4", "UA": "1", "OL": "0"},
        {"year": "2024", "AL": "0", "UA": "0", "OL": "1"},
    ]


@pytest.mark.django_db
def test_mandates_csv_counts_signed_led_and_co_signed(hand_counted, seen_at_noon):
    rows = {row["mandate_short_name"]: row for row in _csv_rows(Client().get("/statistics/mandates.csv"))}
    assert (rows["SR HRDs"]["signed"], rows["SR HRDs"]["led"], rows["SR HRDs"]["co_signed"]) == (
        "6",
        "5",
        "1",
    )
    assert rows["WGAD"]["led_median_days_to_first_reply"] == ""
    assert rows["SR HRDs"]["led_reply_rate"] == "0.800"


@pytest.mark.django_db
def test_staff_see_the_same_figures_over_everything_sent(hand_counted, analyst, seen_at_noon):
    client = Client()
    client.force_login(analyst)
    rows = _csv_rows(client.get("/staff/figures/addressees.csv"))
    assert [(row["addressee_code"], row["communications"]) for row in rows] == [
        ("OTH", "1"),
        ("RUS", "4"),
        ("TUR", "3"),
    ]
    page = client.get("/staff/figures/").content.decode()
    assert "Staff figures" in page and "Figures" in page
    assert Client().get("/staff/figures/").status_code == 302


@pytest.mark.django_db
def test_an_empty_database_says_so(db):
    page = Client().get("/statistics/addressees/").content.decode()
    assert "No communications are published for this choice yet." in page
    assert Client().get("/statistics/addressees.csv").content.decode() == ADDRESSEE_HEADER + "\r\n"


@pytest.mark.django_db
def test_the_api_gives_the_scorecard_with_the_same_parameters(hand_counted, seen_at_noon):
    response = api_client.get("/addressees?from=2023&to=2024")
    assert response.status_code == 200
    assert response.json()[1] == {
        "addressee_code": "RUS",
        "addressee": "Russian Federation",
        "communications": 3,
        "with_reply": 2,
        "with_substantive_reply": 2,
        "reply_rate": 0.667,
        "replied_within_period": 1,
        "median_days_to_first_reply": 35.5,
        "no_reply": 1,
    }
    assert [row["addressee_code"] for row in api_client.get("/addressees?type=OL").json()] == ["OTH"]
    refused = api_client.get("/addressees?from=1900")
    assert refused.status_code == 400
    assert "between 1945" in refused.json()["detail"]


@pytest.mark.django_db
def test_the_scorecard_is_served_under_the_open_data_api_as_the_csv_says(client, hand_counted, seen_at_noon):
    response = client.get("/api/v1/statistics/addressees?from=2023&to=2024")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    rows = _csv_rows(client.get("/statistics/addressees.csv?from=2023&to=2024"))
    assert [row["addressee_code"] for row in response.json()] == [row["addressee_code"] for row in rows]
    assert "/api/v1/statistics/addressees" in client.get("/api/v1/openapi.json").json()["paths"]
