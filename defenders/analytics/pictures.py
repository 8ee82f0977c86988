"""The pages' charts and map, drawn from the figures: each says in its description what it shows and what it
leaves out, and the page shows the same numbers in a table."""

from django.utils.safestring import SafeString

from . import charts, worldmap
from .figures import TYPES, Figures, MandateFigures

CHARTED_ADDRESSEES = 20
CHARTED_MANDATES = 15


def reply_rates_chart(rows: list[Figures]) -> SafeString:
    """Reply rates of the addressees written to most, highest rate first."""
    most = sorted(rows, key=lambda row: (-row.communications, row.label.casefold()))[:CHARTED_ADDRESSEES]
    shown = sorted(most, key=lambda row: (-row.reply_rate, -row.communications, row.label.casefold()))
    groups = [
        charts.BarGroup(
            row.label,
            [
                charts.Bar(
                    float(row.reply_rate), f"{row.reply_rate} ({row.with_reply} of {row.communications})"
                )
            ],
        )
        for row in shown
    ]
    left_out = len(rows) - len(shown)
    description = f"Reply rates of the {len(shown)} addressees written to most, highest first." + (
        f" {left_out} other addressees are in the table." if left_out else ""
    )
    return charts.bar_chart("reply-rates", "Reply rate by addressee", description, groups, maximum=1)


def per_year_chart(table: dict[int, dict[str, int]]) -> SafeString:
    years = list(table)
    series = [
        charts.Series(f"{name} ({code})", [table[year][code] for year in years])
        for code, name in TYPES.items()
    ]
    description = (
        f"Communications sent each year from {years[0]} to {years[-1]}, one line per type."
        if years
        else "No communications."
    )
    return charts.line_chart("per-year", "Communications per year by type", description, years, series)


def mandates_chart(rows: list[MandateFigures]) -> SafeString:
    shown = rows[:CHARTED_MANDATES]
    groups = [
        charts.BarGroup(
            row.key,
            [
                charts.Bar(row.signed.communications, f"Signed {row.signed.communications}", charts.BLUE),
                charts.Bar(row.led.communications, f"Led {row.led.communications}", charts.ORANGE),
            ],
        )
        for row in shown
    ]
    maximum = max((row.signed.communications for row in shown), default=0)
    description = (
        f"Communications signed and led by the {len(shown)} mandates that signed most; each bar is labelled "
        "“Signed” or “Led” with its count."
    )
    return charts.bar_chart(
        "mandates", "Communications signed and led by mandate", description, groups, maximum=maximum
    )


def communications_map(rows: list[Figures], period: str) -> SafeString:
    states = {row.key: row.communications for row in rows if row.extra.get("kind") == "state"}
    written_to = len(states)
    description = (
        f"A world map shading each State by the communications addressed to it {period}: {written_to} States. "
        "Non-State addressees are not on the map; the table beside it lists every State with its count."
    )
    return worldmap.world_map(
        states, title=f"Communications by addressee State {period}", description=description
    )
