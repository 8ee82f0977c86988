"""Charts and the map: drawn on the server, escaped, readable without colour, in colours that pass WCAG contrast."""

import re

import pytest
from django.test import Client

from .. import charts, worldmap
from ..figures import Figures
from .conftest import SEEN_AT


def _luminance(colour: str) -> float:
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_chart_colours_pass_wcag_contrast_on_white():
    # Text 4.5:1 (1.4.3); bars, lines, markers and borders 3:1 (1.4.11).
    for text in (charts.TEXT, charts.MUTED, worldmap.TEXT):
        assert contrast(text, "#ffffff") >= 4.5, text
    for colour, _, _ in charts.SERIES_STYLES:
        assert contrast(colour, "#ffffff") >= 4.5, colour  # they also colour the series' names
    assert contrast(charts.GRID, "#ffffff") >= 3
    assert contrast(worldmap.BORDER, worldmap.NO_COMMUNICATION) >= 3
    assert contrast(worldmap.BORDER, worldmap.CLASS_COLOURS[0]) >= 3


def test_line_series_differ_by_dash_and_marker_not_colour_alone():
    dashes = {dash for _, dash, _ in charts.SERIES_STYLES}
    markers = {marker for _, _, marker in charts.SERIES_STYLES}
    assert len(dashes) == len(markers) == len(charts.SERIES_STYLES)
    svg = charts.line_chart(
        "t", "Per year", "desc", [2022, 2023], [charts.Series("Allegation letter (AL)", [3, 5])]
    )
    assert "Allegation letter (AL) (5)" in svg


def test_chart_texts_are_escaped():
    svg = charts.bar_chart(
        "x",
        "<script>",
        "a & b",
        [charts.BarGroup("</text><script>alert(1)</script>", [charts.Bar(0.5, "<b>")])],
        maximum=1,
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp;" in svg


def test_an_empty_chart_says_so():
    assert "Nothing to draw" in charts.bar_chart("x", "t", "d", [], maximum=0)
    assert "Nothing to draw" in charts.line_chart("x", "t", "d", [], [])


def test_the_map_shapes_come_from_natural_earth_with_iso_codes():
    outlines, height = worldmap.shapes()
    codes = {shape.code for shape in outlines}
    assert {"RUS", "TUR", "BRA", "FJI", "USA"} <= codes
    assert len(outlines) > 170 and 0 < height < worldmap.WIDTH
    assert "ATA" not in codes  # Antarctica, left out
    # Every point lies within the drawing, except the copies of rings past the antimeridian, which the globe's clip
    # path cuts.
    russia = next(shape for shape in outlines if shape.code == "RUS")
    assert russia.path.count("M") >= 2


def test_the_map_shades_states_by_class_and_names_them_in_tooltips():
    svg = worldmap.world_map({"RUS": 4, "TUR": 1}, title="Map", description="States")
    assert "<title>Russia: 4 communications</title>" in svg
    assert "<title>Turkey: 1 communication</title>" in svg
    assert worldmap.class_bounds([4, 1]) == [(1, 1), (2, 4)]
    russia = re.search(r'fill="(#[0-9a-f]{6})"><title>Russia', svg)
    turkey = re.search(r'fill="(#[0-9a-f]{6})"><title>Turkey', svg)
    assert russia and turkey and russia.group(1) == worldmap.CLASS_COLOURS[-1]
    assert turkey.group(1) == worldmap.CLASS_COLOURS[-2]
    assert worldmap.class_bounds([]) == []
    assert worldmap.class_bounds([7, 7, 7]) == [(1, 7)]


def test_equal_earth_is_symmetric_and_bounded():
    x, y = worldmap.equal_earth(180, 90)
    assert worldmap.equal_earth(-180, -90) == (-x, -y)
    assert round(worldmap.X_EXTENT, 4) == 2.7066 and round(worldmap.Y_EXTENT, 4) == 1.3174


@pytest.mark.django_db
def test_each_page_has_its_chart_with_a_table_and_a_csv_link(hand_counted):
    import time_machine

    with time_machine.travel(SEEN_AT, tick=False):
        for path, csv_link in (
            ("/statistics/addressees/", "/statistics/addressees.csv"),
            ("/statistics/years/", "/statistics/years-by-type.csv"),
            ("/statistics/mandates/", "/statistics/mandates.csv"),
            ("/statistics/map/?from=2023&to=2023", "/statistics/addressees.csv?from=2023&amp;to=2023"),
        ):
            page = Client().get(path).content.decode()
            assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page, path
            assert "<table" in page and csv_link in page, path
            assert "<script" not in page, path
        public_map = Client().get("/statistics/map/").content.decode()
        # F (Russia, still confidential) is not on the public map; the company is listed apart.
        assert "<title>Russia: 3 communications</title>" in public_map
        assert "Not on the map: Acme Mining Ltd (1)" in public_map


def test_reply_rate_chart_lists_the_addressees_written_to_most():
    from ..pictures import reply_rates_chart

    rows = [
        Figures(f"C{index:02}", f"State {index:02}", index + 1, index, index, 0, None, {"kind": "state"})
        for index in range(25)
    ]
    svg = reply_rates_chart(rows)
    assert "State 24" in svg and "State 04" not in svg and "5 other addressees are in the table" in svg
