"""Dates on the pages as each language writes a day: the Russian month in the genitive after its day, on the public
site and in the workspace alike."""

from datetime import date, datetime

import pytest
import time_machine

from defenders.clock import OFFICE_TIME_ZONE

pytestmark = pytest.mark.django_db
AFTER_PUBLICATION = datetime(2024, 1, 17, 10, tzinfo=OFFICE_TIME_ZONE)


@pytest.fixture
def letter(make_communication):
    return make_communication(code="RUS", sent_on=date(2023, 10, 25), reference="AL RUS 15/2023")


def test_a_public_page_in_russian_writes_the_month_in_the_genitive(client, letter):
    with time_machine.travel(AFTER_PUBLICATION, tick=False):
        html = client.get(f"/ru{letter.get_absolute_url()}").content.decode()
    assert "25 октября 2023" in html
    assert "Октябрь" not in html and "25 октябрь" not in html


def test_the_workspace_in_russian_and_chinese_writes_its_days_in_words(client, officer, letter):
    with time_machine.travel(AFTER_PUBLICATION, tick=False):
        client.force_login(officer)
        russian = client.get(
            f"/staff/communications/{letter.uid}/", HTTP_ACCEPT_LANGUAGE="ru"
        ).content.decode()
        chinese = client.get(
            f"/staff/communications/{letter.uid}/", HTTP_ACCEPT_LANGUAGE="zh"
        ).content.decode()
    assert "25 октября 2023" in russian
    assert "2023年10月25日" in chinese and "十月" not in chinese
