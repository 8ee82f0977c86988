"""The SVG timeline: events in date order, undated ones apart, text from the case escaped, accessible names."""

import xml.etree.ElementTree as ET
from datetime import date

from defenders.cases.models import Event
from defenders.cases.timeline import dated_points, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _event(kind: str, day: date | None, precision: str = "day", summary: str = "Something.") -> Event:
    return Event(kind=kind, occurred_on=day, date_precision=precision, summary=summary)


def test_events_are_drawn_in_date_order_and_undated_ones_left_apart():
    events = [
        _event("sentence", date(2024, 5, 1), "month"),
        _event("threat", None, "unknown"),
        _event("arrest", date(2023, 2, 14)),
        _event("charge", date(2023, 1, 1), "year"),
    ]
    points, undated = dated_points(events)
    assert [point.when for point in points] == ["2023", "14 February 2023", "May 2024"]
    assert [event.kind for event in undated] == ["threat"]
    root = ET.fromstring(timeline_svg(events))  # noqa: S314 (our own output)
    assert root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "Timeline of the case"
    assert "3 dated events from 2023 to May 2024; 1 undated" in root.findtext(f"{SVG}desc", "")
    labels = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "when"]
    assert labels == ["2023", "14 February 2023", "May 2024"]
    # A date known to the month or year is a bar over it, never a point claiming a day.
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") in ("month", "year")]
    assert [bar.get("class") for bar in bars] == ["year", "month"]


def test_text_from_the_case_is_escaped():
    hostile = '<script>alert(1)</script>"&'
    svg = timeline_svg([_event("arrest", date(2024, 1, 1), summary=hostile)], title="</title><script>")
    assert "<script>" not in svg
    root = ET.fromstring(svg)  # noqa: S314 (our own output, still well-formed)
    assert any(hostile[:20] in (text.text or "") for text in root.iter(f"{SVG}text"))


def test_no_dated_event_says_so():
    assert "No dated events yet." in timeline_svg([_event("threat", None, "unknown")])


def test_kinds_are_told_apart_by_shape_and_named_in_a_legend():
    from defenders.cases.timeline import family_of

    events = [
        _event("arrest", date(2024, 1, 1)),
        _event("sentence", date(2024, 2, 1)),
        _event("threat", date(2024, 3, 1)),
        _event("travel_ban", date(2024, 4, 1)),
        _event("release", date(2024, 5, 1)),
    ]
    shapes = {family_of(event.kind)[2] for event in events}
    assert shapes == {"square", "diamond", "triangle", "cross", "circle"}
    root = ET.fromstring(timeline_svg(events))  # noqa: S314 (our own output)
    legend = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "legend"]
    assert legend == [
        "Arrest, detention, disappearance",
        "Investigation, charges, trial, sentence, appeal, fine",
        "Threat, attack, killing",
        "Search, travel ban",
        "Other events (activity cited, release, other)",
    ]
    marks = [element for element in root.iter() if element.get("class") == "mark"]
    assert len(marks) == 2 * len(events)  # one on each event's row, one in the legend per family


def test_without_summaries_an_event_is_labelled_by_its_kind_alone():
    svg = timeline_svg(
        [_event("arrest", date(2024, 1, 1), summary="Leyla Defender was arrested.")], with_summaries=False
    )
    assert "Leyla" not in svg and ">Arrest<" in svg
