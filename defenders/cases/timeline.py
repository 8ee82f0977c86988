"""A case's events as a picture: a plain function from events to an SVG drawn on the server, readable without
JavaScript. The page shows the same events as an ordered list beside it, which is what screen readers read.

Kinds of events are told apart by the shape of their mark and by their label, never by colour alone: a legend in
the picture names each shape."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import escape

from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from defenders.direction import Direction

WIDTH = 760
ROW = 34
MARGIN_TOP = 40
AXIS_LEFT = 150
AXIS_RIGHT = WIDTH - 20
LABEL_LENGTH = 60


# Families of event kinds, each with its own mark. Kinds not named here are "other events" (a circle).
FAMILIES = (
    (
        "deprivation",
        _("Arrest, detention, disappearance"),
        "square",
        {"arrest", "detention", "pretrial_detention", "disappearance"},
    ),
    (
        "judicial",
        _("Investigation, charges, trial, sentence, appeal, fine"),
        "diamond",
        {
            "investigation_opened",
            "charge",
            "indictment",
            "prosecution_request",
            "trial",
            "sentence",
            "appeal",
            "appeal_decision",
            "fine",
        },
    ),
    ("violence", _("Threat, attack, killing"), "triangle", {"threat", "attack", "killing"}),
    ("restriction", _("Search, travel ban"), "cross", {"search", "travel_ban"}),
)
Family = tuple[str, str | Promise, str, set[str]]
OTHER_FAMILY: Family = ("other", _("Other events (activity cited, release, other)"), "circle", set())
INK = "#1a1a1a"
MARK = "#1f4e79"  # 8.8:1 on white: marks need 3:1 (WCAG 1.4.11)


def family_of(kind: str) -> Family:
    return next((family for family in FAMILIES if kind in family[3]), OTHER_FAMILY)


def mark(shape: str, x: float, y: float, size: float = 6) -> str:
    """The mark of one family of events at (x, y)."""
    if shape == "square":
        return f'<rect class="mark" x="{x - size + 1}" y="{y - size + 1}" width="{2 * size - 2}" height="{2 * size - 2}" fill="{MARK}" />'
    if shape == "diamond":
        return f'<path class="mark" d="M{x},{y - size} L{x + size},{y} L{x},{y + size} L{x - size},{y} Z" fill="{MARK}" />'
    if shape == "triangle":
        return f'<path class="mark" d="M{x},{y - size} L{x + size},{y + size - 1} L{x - size},{y + size - 1} Z" fill="{MARK}" />'
    if shape == "cross":
        return (
            f'<path class="mark" d="M{x - size},{y - size} L{x + size},{y + size} M{x + size},{y - size} '
            f'L{x - size},{y + size}" stroke="{MARK}" stroke-width="3" fill="none" />'
        )
    return f'<circle class="mark" cx="{x}" cy="{y}" r="{size - 1}" fill="{MARK}" />'


@dataclass(frozen=True)
class Point:
    """One dated event as the timeline draws it."""

    day: date
    when: str  # the date as precisely as known, e.g. "March 2024"
    label: str
    precision: str  # day, month or year: a point, or a bar over the month or year
    kind: str = "other"


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


def dated_points(events: Iterable, *, with_summaries: bool = True) -> tuple[list[Point], list]:
    """The dated events as points in date order, and the undated events apart (the page lists them separately).
    Without summaries, each event is labelled by its kind alone (the public page: a summary may name people)."""
    points, undated = [], []
    for event in events:
        if event.occurred_on is None or event.date_precision == "unknown":
            undated.append(event)
        else:
            points.append(
                Point(
                    event.occurred_on,
                    event.date_display,
                    f"{event.get_kind_display()}: {event.summary}"
                    if with_summaries
                    else event.get_kind_display(),
                    event.date_precision,
                    event.kind,
                )
            )
    points.sort(key=lambda point: point.day)
    return points, undated


def timeline_svg(events: Iterable, *, title: str = "", with_summaries: bool = True) -> str:
    """The SVG of the dated events; every text from the case is escaped, so that an event cannot inject markup."""
    points, undated = dated_points(events, with_summaries=with_summaries)
    families = [
        family for family in (*FAMILIES, OTHER_FAMILY) if any(family_of(p.kind) == family for p in points)
    ]
    legend_height = 22 * len(families) + 10 if points else 0
    height = MARGIN_TOP + ROW * max(len(points), 1) + 30 + legend_height
    first = min((point.day for point in points), default=None)
    last = max((_span_end(point) for point in points), default=None)
    title = title or gettext("Timeline of the case")
    description = (
        ngettext("%(count)s dated event", "%(count)s dated events", len(points)) % {"count": len(points)}
        + (
            gettext(" from %(first)s to %(last)s") % {"first": points[0].when, "last": points[-1].when}
            if points
            else ""
        )
        + (
            ngettext(
                "; %(count)s undated event is listed apart.",
                "; %(count)s undated events are listed apart.",
                len(undated),
            )
            % {"count": len(undated)}
            if undated
            else "."
        )
    )
    along = Direction.of_the_page(WIDTH)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="timeline" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="timeline-title timeline-desc" {along.attribute}>',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<desc id="timeline-desc">{escape(description)}</desc>',
    ]
    if not points or first is None or last is None:
        parts.append(
            f'<text x="{along.x(10)}" y="{MARGIN_TOP}">{escape(gettext("No dated events yet."))}</text></svg>'
        )
        return "".join(parts)
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return along.x(round(AXIS_LEFT + (AXIS_RIGHT - AXIS_LEFT) * (day - first).days / span, 1))

    axis_y = height - 20 - legend_height
    parts.append(
        f'<line class="axis" x1="{along.x(AXIS_LEFT)}" y1="{axis_y}" x2="{along.x(AXIS_RIGHT)}" y2="{axis_y}" stroke="{INK}" />'
    )
    parts.append(f'<text class="year" x="{along.x(AXIS_LEFT)}" y="{axis_y + 15}">{first.year}</text>')
    parts.append(
        f'<text class="year" x="{along.x(AXIS_RIGHT)}" y="{axis_y + 15}" text-anchor="end">{last.year}</text>'
    )
    for index, point in enumerate(points):
        y = MARGIN_TOP + ROW * index
        start, end = x(point.day), x(_span_end(point))
        parts.append("<g>")
        if point.precision != "day":
            # Known only to the month or year: a bar over the whole period, not a point that claims a day.
            parts.append(
                f'<rect class="{point.precision}" x="{min(start, end)}" y="{y - 4}" '
                f'width="{max(abs(end - start), 4)}" height="8" '
                f'fill="{MARK}" fill-opacity="0.35" />'
            )
        parts.append(mark(family_of(point.kind)[2], start, y))
        parts.append(
            f'<line class="drop" x1="{start}" y1="{y}" x2="{start}" y2="{axis_y}" stroke="#767676" stroke-dasharray="2 3" />'
        )
        parts.append(
            f'<text class="when" x="{along.x(AXIS_LEFT - 10)}" y="{y + 4}" text-anchor="end">{escape(point.when)}</text>'
        )
        # Past the middle of the axis, the label runs back towards the start side so that it stays inside.
        anchor = "end" if abs(start - along.x(AXIS_LEFT)) > (AXIS_RIGHT - AXIS_LEFT) / 2 else "start"
        offset = -10 if (anchor == "end") != along.rtl else 10
        parts.append(
            f'<text x="{start + offset}" y="{y + 4}" text-anchor="{anchor}">{escape(_short(point.label))}</text>'
        )
        parts.append("</g>")
    legend_y = axis_y + 40
    for index, (_name, label, shape, _kinds) in enumerate(families):
        y = legend_y + 22 * index
        parts.append(mark(shape, along.x(20), y - 4))
        parts.append(
            f'<text class="legend" x="{along.x(34)}" y="{y}" fill="{INK}">{escape(str(label))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
