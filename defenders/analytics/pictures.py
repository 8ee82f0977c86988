"""The pages' charts and map, drawn from the figures: each says in its description what it shows and what it
leaves out, and the page shows the same numbers in a table."""

from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
                    float(row.reply_rate),
                    _("%(rate)s (%(replied)s of %(communications)s)")
                    % {
                        "rate": _number(row.reply_rate),
                        "replied": _number(row.with_reply),
                        "communications": _number(row.communications),
                    },
                )
            ],
        )
        for row in shown
    ]
    left_out = len(rows) - len(shown)
    description = ngettext(
        "Reply rate of the addressee written to most.",
        "Reply rates of the %(count)s addressees written to most, highest first.",
        len(shown),
    ) % {"count": _number(len(shown))}
    if left_out:
        description += " " + ngettext(
            "%(count)s other addressee is in the table.",
            "%(count)s other addressees are in the table.",
            left_out,
        ) % {"count": _number(left_out)}
    return charts.bar_chart("reply-rates", _("Reply rate by addressee"), description, groups, maximum=1)


def per_year_chart(table: dict[int, dict[str, int]]) -> SafeString:
    years = list(table)
    series = [
        charts.Series(f"{name} ({code})", [table[year][code] for year in years])
        for code, name in TYPES.items()
    ]
    description = (
        _("Communications sent each year from %(start)s to %(end)s, one line per type.")
        % {"start": years[0], "end": years[-1]}
        if years
        else _("No communications.")
    )
    return charts.line_chart("per-year", _("Communications per year by type"), description, years, series)


def mandates_chart(rows: list[MandateFigures]) -> SafeString:
    shown = rows[:CHARTED_MANDATES]
    groups = [
        charts.BarGroup(
            row.key,
            [
                charts.Bar(
                    row.signed.communications,
                    _("Signed %(count)s") % {"count": _number(row.signed.communications)},
                    charts.BLUE,
                ),
                charts.Bar(
                    row.led.communications,
                    _("Led %(count)s") % {"count": _number(row.led.communications)},
                    charts.ORANGE,
                ),
            ],
        )
        for row in shown
    ]
    maximum = max((row.signed.communications for row in shown), default=0)
    description = _(
        "Communications signed and led by the %(count)s mandates that signed most; each bar is labelled "
        "“Signed” or “Led” with its count."
    ) % {"count": _number(len(shown))}
    return charts.bar_chart(
        "mandates", _("Communications signed and led by mandate"), description, groups, maximum=maximum
    )


def communications_map(rows: list[Figures], period: str) -> SafeString:
    states = {row.key: row.communications for row in rows if row.extra.get("kind") == "state"}
    written_to = len(states)
    description = _(
        "A world map shading each State by the communications addressed to it %(period)s: %(count)s States. "
        "Non-State addressees are not on the map; the table beside it lists every State with its count."
    ) % {"period": period, "count": _number(written_to)}
    return worldmap.world_map(
        states,
        title=_("Communications by addressee State %(period)s") % {"period": period},
        description=description,
    )


def _number(value: object) -> str:
    """A count or rate as the reader's language writes it (1 234 in French, 0,667 for a rate)."""
    return number_format(value, use_l10n=True, force_grouping=True)  # type: ignore[arg-type]
