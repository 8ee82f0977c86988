"""Bar and line charts as inline SVG drawn on the server: no script, every text escaped, colours chosen to pass WCAG
contrast on white (text 4.5:1, bars and lines 3:1), and series told apart by label, marker and dash, not colour alone.
Each page shows the same numbers in a table beside the chart, and links to its CSV."""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from defenders.direction import Direction

TEXT = "#1a1a1a"
MUTED = "#595959"
GRID = "#767676"
BACKGROUND = "#ffffff"
# Dark blue, burnt orange and dark green: each at least 4.5:1 on white, so they also carry text.
BLUE, ORANGE, GREEN = "#1f4e79", "#a63c06", "#2d6a2e"
SERIES_STYLES = (
    (BLUE, "", "circle"),
    (ORANGE, "6 4", "square"),
    (GREEN, "2 3", "triangle"),
)

WIDTH = 760
LABEL_WIDTH = 230
VALUE_WIDTH = 120
BAR_HEIGHT = 16
BAR_GAP = 6
GROUP_GAP = 10
LABEL_LENGTH = 34


@dataclass(frozen=True)
class Bar:
    value: float
    text: str  # what the bar says in words beside it, e.g. "0.667 (2 of 3)" or "Led 332"
    colour: str = BLUE


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: Sequence[Bar]


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[int]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


def _open(chart_id: str, title: str, description: str, height: float, direction: Direction) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {WIDTH} {round(height)}" '
        f'width="100%" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="sans-serif" font-size="13" '
        f"{direction.attribute}>",
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{round(height)}" fill="{BACKGROUND}" />',
    ]


def _nothing_to_draw(parts: list[str], along: Direction) -> SafeString:
    """The chart's frame with a sentence in place of marks, for a choice that selects nothing."""
    message = escape(_("Nothing to draw for this choice."))
    parts.append(f'<text x="{along.x(10)}" y="30" fill="{TEXT}">{message}</text></svg>')
    return mark_safe("".join(parts))


def bar_chart(
    chart_id: str, title: str, description: str, groups: Sequence[BarGroup], *, maximum: float
) -> SafeString:
    """Horizontal bars, one group per row label (one bar, or several such as "signed" and "led"), each bar with its
    value written beside it."""
    height = 20 + sum(len(group.bars) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP for group in groups) + 10
    along = Direction.of_the_page(WIDTH)
    parts = _open(chart_id, title, description, height, along)
    if not groups:
        return _nothing_to_draw(parts, along)
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    y = 20.0
    parts.append(
        f'<line x1="{along.x(LABEL_WIDTH)}" y1="10" x2="{along.x(LABEL_WIDTH)}" y2="{round(height - 10)}" '
        f'stroke="{GRID}" />'
    )
    for group in groups:
        group_height = len(group.bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        parts.append(
            f'<text x="{along.x(LABEL_WIDTH - 8)}" y="{round(y + group_height / 2 + 4, 1)}" text-anchor="end" '
            f'fill="{TEXT}">{escape(_short(group.label))}</text>'
        )
        for bar in group.bars:
            length = round(span * bar.value / maximum, 1) if maximum else 0
            parts.append(
                f'<rect x="{along.left(LABEL_WIDTH, max(length, 1))}" y="{round(y, 1)}" width="{max(length, 1)}" '
                f'height="{BAR_HEIGHT}" '
                f'fill="{bar.colour}" />'
            )
            parts.append(
                f'<text x="{along.x(LABEL_WIDTH + max(length, 1) + 6)}" y="{round(y + BAR_HEIGHT - 3, 1)}" '
                f'fill="{TEXT}">{escape(bar.text)}</text>'
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8" fill="{colour}" />'
    if shape == "triangle":
        return f'<path d="M{x},{y - 5} L{x + 5},{y + 4} L{x - 5},{y + 4} Z" fill="{colour}" />'
    return f'<circle cx="{x}" cy="{y}" r="4" fill="{colour}" />'


def line_chart(
    chart_id: str, title: str, description: str, years: Sequence[int], series: Sequence[Series]
) -> SafeString:
    """One line per series over the years, each with its own colour, dash and marker, and its name at its end."""
    height = 300
    left, right, top, bottom = 60, WIDTH - 170, 20, height - 40
    along = Direction.of_the_page(WIDTH)
    parts = _open(chart_id, title, description, height, along)
    if not years:
        return _nothing_to_draw(parts, along)
    highest = max((max(line.values, default=0) for line in series), default=0) or 1
    step = _nice_step(highest)
    top_value = step * -(-highest // step)

    def x(index: int) -> float:
        return along.x(round(left + (right - left) * (index / max(len(years) - 1, 1)), 1))

    def y(value: float) -> float:
        return round(bottom - (bottom - top) * value / top_value, 1)

    tick = 0
    while tick <= top_value:
        parts.append(
            f'<line x1="{along.x(left)}" y1="{y(tick)}" x2="{along.x(right)}" y2="{y(tick)}" stroke="#d9d9d9" />'
        )
        parts.append(
            f'<text x="{along.x(left - 8)}" y="{y(tick) + 4}" text-anchor="end" fill="{MUTED}">{_count(tick)}</text>'
        )
        tick += step
    parts.append(
        f'<line x1="{along.x(left)}" y1="{bottom}" x2="{along.x(right)}" y2="{bottom}" stroke="{GRID}" />'
    )
    label_every = max(1, -(-len(years) // 12))
    for index, year in enumerate(years):
        if index % label_every == 0 or index == len(years) - 1:
            parts.append(
                f'<text x="{x(index)}" y="{bottom + 18}" text-anchor="middle" fill="{MUTED}">{year}</text>'
            )
    ends: list[list[Any]] = []
    for line, (colour, dash, shape) in zip(series, SERIES_STYLES, strict=False):
        points = " ".join(f"{x(index)},{y(value)}" for index, value in enumerate(line.values))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"{dashes} />'
        )
        parts.extend(_marker(shape, x(index), y(value), colour) for index, value in enumerate(line.values))
        last = line.values[-1] if line.values else 0
        ends.append([y(last), line.label, last, colour, shape])
    # Each line's name at its end, pushed apart where the last values are close, so that no two overlap.
    ends.sort(key=lambda end: end[0])
    for previous, end in itertools.pairwise(ends):
        end[0] = max(end[0], previous[0] + 16)
    for end_y, label, last, colour, shape in ends:
        parts.append(_marker(shape, along.x(right + 14), end_y, colour))
        parts.append(
            f'<text x="{along.x(right + 24)}" y="{end_y + 4}" fill="{TEXT}">{escape(label)} ({_count(last)})</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _count(value: int) -> str:
    """A count as the reader's language groups its thousands (12 000 in French, 12.000 in Spanish)."""
    return number_format(value, use_l10n=True, force_grouping=True)


def _nice_step(highest: float) -> int:
    """A round step for about five grid lines: 1, 2, 5, 10, 20, 50, ..."""
    step = 1
    while highest / step > 5:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if highest / step <= 5:
                break
    return step
