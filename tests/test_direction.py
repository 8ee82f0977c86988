"""The server-drawn pictures (figures' charts, the case timeline) mirror their x axis on right-to-left pages."""

import xml.etree.ElementTree as ET
from datetime import date
from types import SimpleNamespace

from django.utils import translation

from defenders.analytics import charts
from defenders.cases.timeline import timeline_svg
from defenders.direction import Direction

SVG = "{http://www.w3.org/2000/svg}"


def drawn(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output)


def bars_chart() -> str:
    return charts.bar_chart(
        "rates",
        "Reply rate",
        "d",
        [charts.BarGroup("Kyrgyzstan", [charts.Bar(0.5, "0.5 (1 of 2)")])],
        maximum=1,
    )


def test_a_position_is_measured_from_the_start_side():
    assert Direction(760).x(100) == 100
    assert Direction(760, rtl=True).x(100) == 660
    assert Direction(760, rtl=True).left(100, 50) == 610


def test_bars_grow_from_the_right_on_an_arabic_page():
    with translation.override("en"):
        english = drawn(bars_chart())
    with translation.override("ar"):
        arabic = drawn(bars_chart())
    assert (english.get("direction"), arabic.get("direction")) == ("ltr", "rtl")
    [english_bar] = [rect for rect in english.iter(f"{SVG}rect") if rect.get("fill") == charts.BLUE]
    [arabic_bar] = [rect for rect in arabic.iter(f"{SVG}rect") if rect.get("fill") == charts.BLUE]
    width = float(english_bar.get("width", 0))
    assert float(arabic_bar.get("x", 0)) + width == charts.WIDTH - float(english_bar.get("x", 0))
    label = next(text for text in arabic.iter(f"{SVG}text") if text.text == "Kyrgyzstan")
    assert float(label.get("x", 0)) > charts.WIDTH / 2  # the country's name on the right, the bar to its left


def test_years_run_from_right_to_left_on_an_arabic_page():
    series = [charts.Series("Urgent appeal (UA)", [1, 2, 3])]
    with translation.override("ar"):
        arabic = drawn(charts.line_chart("y", "Per year", "d", [2021, 2022, 2023], series))
    years = {
        text.text: float(text.get("x", 0))
        for text in arabic.iter(f"{SVG}text")
        if text.text in {"2021", "2023"}
    }
    assert years["2021"] > years["2023"]


def test_the_case_timeline_starts_on_the_right_on_an_arabic_page():
    events = [
        SimpleNamespace(
            occurred_on=day,
            date_precision="day",
            date_display=str(day),
            kind="arrest",
            summary="",
            get_kind_display=lambda: "Arrest",
        )
        for day in (date(2024, 1, 1), date(2024, 6, 1))
    ]
    with translation.override("ar"):
        picture = drawn(timeline_svg(events, with_summaries=False))
    assert picture.get("direction") == "rtl"
    first, last = (text for text in picture.iter(f"{SVG}text") if text.get("class") == "year")
    assert float(first.get("x", 0)) > float(last.get("x", 0))
