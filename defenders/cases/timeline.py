"""A case's events as a picture: a plain function from events to an SVG drawn on the server, readable without
JavaScript. The page shows the same events as an ordered list beside it, which is what screen readers read."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH = 760
ROW = 34
MARGIN_TOP = 40
AXIS_LEFT = 150
AXIS_RIGHT = WIDTH - 20
LABEL_LENGTH = 60


@dataclass(frozen=True)
class Point:
    """One dated event as the timeline draws it."""

    day: date
    when: str  # the date as precisely as known, e.g. "March 2024"
    label: str
    precision: str  # day, month or year: a point, or a bar over the month or year


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


def _span_end(point: Point) -> date:
    if point.precision == "year":
        return date(point.day.year, 12, 31)
    if point.precision == "month":
        following = date(point.day.year + point.day.month // 12, point.day.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return point.day


def dated_points(events: Iterable) -> tuple[list[Point], list]:
    """The dated events as points in date order, and the undated events apart (the page lists them separately)."""
    points, undated = [], []
    for event in events:
        if event.occurred_on is None or event.date_precision == "unknown":
            undated.append(event)
        else:
            points.append(
                Point(
                    event.occurred_on,
                    event.date_display,
                    f"{event.get_kind_display()}: {event.summary}",
                    event.date_precision,
                )
            )
    points.sort(key=lambda point: point.day)
    return points, undated


def timeline_svg(events: Iterable, *, title: str = "Timeline of the case") -> str:
    """The SVG of the dated events; every text from the case is escaped, so that an event cannot inject markup."""
    points, undated = dated_points(events)
    height = MARGIN_TOP + ROW * max(len(points), 1) + 30
    first = min((point.day for point in points), default=None)
    last = max((_span_end(point) for point in points), default=None)
    description = (
        f"{len(points)} dated event(s)"
        + (f" from {points[0].when} to {points[-1].when}" if points else "")
        + (f"; {len(undated)} undated event(s) are listed apart." if undated else ".")
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="timeline" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="timeline-title timeline-desc">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<desc id="timeline-desc">{escape(description)}</desc>',
    ]
    if not points or first is None or last is None:
        parts.append(f'<text x="10" y="{MARGIN_TOP}">No dated events yet.</text></svg>')
        return "".join(parts)
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return round(AXIS_LEFT + (AXIS_RIGHT - AXIS_LEFT) * (day - first).days / span, 1)

    axis_y = height - 20
    parts.append(f'<line class="axis" x1="{AXIS_LEFT}" y1="{axis_y}" x2="{AXIS_RIGHT}" y2="{axis_y}" />')
    parts.append(f'<text class="year" x="{AXIS_LEFT}" y="{axis_y + 15}">{first.year}</text>')
    parts.append(
        f'<text class="year" x="{AXIS_RIGHT}" y="{axis_y + 15}" text-anchor="end">{last.year}</text>'
    )
    for index, point in enumerate(points):
        y = MARGIN_TOP + ROW * index
        start, end = x(point.day), x(_span_end(point))
        parts.append("<g>")
        if point.precision == "day":
            parts.append(f'<circle cx="{start}" cy="{y}" r="5" />')
        else:
            # Known only to the month or year: a bar over the whole period, not a point that claims a day.
            parts.append(
                f'<rect class="{point.precision}" x="{start}" y="{y - 4}" width="{max(end - start, 4)}" height="8" />'
            )
        parts.append(f'<line class="drop" x1="{start}" y1="{y}" x2="{start}" y2="{axis_y}" />')
        parts.append(
            f'<text class="when" x="{AXIS_LEFT - 10}" y="{y + 4}" text-anchor="end">{escape(point.when)}</text>'
        )
        anchor = "end" if start > (AXIS_LEFT + AXIS_RIGHT) / 2 else "start"
        offset = -10 if anchor == "end" else 10
        parts.append(
            f'<text x="{start + offset}" y="{y + 4}" text-anchor="{anchor}">{escape(_short(point.label))}</text>'
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
