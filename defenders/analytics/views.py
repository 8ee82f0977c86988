"""The figures' pages and CSV files, the same views for the public (/statistics/) and for staff (/staff/figures/):
the URL configuration says which scope a view counts in; the views parse the query and call figures.py."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from defenders.communications.letters import pdf_from_html

from . import figures, pictures, reports, tables
from .figures import Scope, Selection
from .labels import TYPE_PLURALS
from .models import ReportingPeriod

SCORECARD_PAGE_SIZE = 100
NAMESPACES = {Scope.PUBLIC: "statistics", Scope.STAFF: "figures"}


def _context(request: HttpRequest, scope: Scope, selection: Selection, **values: Any) -> dict[str, Any]:
    query = selection.as_query()
    years = figures.years_sent(scope)
    return {
        "scope": scope.value,
        "ns": NAMESPACES[scope],
        "base_template": "workspace/base.html" if scope is Scope.STAFF else "base.html",
        "selection": selection,
        "selection_query": "&".join(f"{name}={value}" for name, value in query.items()),
        "types": figures.TYPES,
        "type_name": figures.TYPES.get(selection.type, ""),
        "type_plural": TYPE_PLURALS.get(selection.type, ""),
        "years": years,
        "period": _period(selection, years)
        if selection.year_from or selection.year_to or years
        else _("at any time"),
        **values,
    }


def _refused(request: HttpRequest, scope: Scope, refused: figures.RefusedParameter) -> HttpResponse:
    context = _context(request, scope, Selection(), error=refused.as_html())
    return render(request, "analytics/refused.html", context, status=400)


def _csv(filename: str, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> HttpResponse:
    response = HttpResponse(tables.csv_text(columns, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _selected(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Parse `from`, `to` and `type` before the view; a bad one is refused in words (400)."""

    def parsed(request: HttpRequest, scope: Scope, **kwargs: Any) -> HttpResponse:
        try:
            selection = Selection.from_query(request.GET)
        except figures.InvalidSelection as error:
            return _refused(request, scope, error)
        return view(request, scope, selection, **kwargs)

    parsed.__name__ = view.__name__
    parsed.__doc__ = view.__doc__
    return require_safe(parsed)


@_selected
def overview(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    context = _context(
        request,
        scope,
        selection,
        totals=figures.totals(scope, selection),
        by_type=figures.by_type(scope, selection),
        by_theme=figures.by_theme(scope, selection),
    )
    return render(request, "analytics/overview.html", context)


@_selected
def addressees(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    sort = request.GET.get("sort") or "addressee"
    try:
        rows = tables.sorted_scorecard(figures.by_addressee(scope, selection), sort)
    except tables.InvalidSort as error:
        return _refused(request, scope, error)
    page = Paginator(rows, SCORECARD_PAGE_SIZE).get_page(request.GET.get("page"))
    columns = [
        {
            "name": key.name,
            "label": key.label,
            "sorted": sort.removeprefix("-") == key.name,
            "descending": sort.startswith("-"),
            # A second click on the column that sorts turns its direction; a first click sorts counts largest first.
            "next": (key.name if sort == f"-{key.name}" else f"-{key.name}")
            if key.name != "addressee"
            else ("-addressee" if sort == "addressee" else "addressee"),
        }
        for key in tables.SCORECARD_SORTS.values()
    ]
    context = _context(
        request,
        scope,
        selection,
        page=page,
        columns=columns,
        sort=sort,
        chart=pictures.reply_rates_chart(rows),
    )
    return render(request, "analytics/addressees.html", context)


@_selected
def mandates(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    rows = figures.by_mandate(scope, selection)
    context = _context(request, scope, selection, rows=rows, chart=pictures.mandates_chart(rows))
    return render(request, "analytics/mandates.html", context)


@_selected
def years(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    per_year_and_type = figures.per_year_and_type(scope, selection)
    context = _context(
        request,
        scope,
        selection,
        rows=figures.by_year(scope, selection),
        chart=pictures.per_year_chart(per_year_and_type),
        per_year_and_type=[
            (year, [counts[code] for code in figures.TYPES]) for year, counts in per_year_and_type.items()
        ],
    )
    return render(request, "analytics/years.html", context)


@_selected
def communications_map(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    rows = figures.by_addressee(scope, selection)
    states = sorted(
        (row for row in rows if row.extra["kind"] == "state"),
        key=lambda row: (-row.communications, row.label),
    )
    context = _context(
        request,
        scope,
        selection,
        states=states,
        others=[row for row in rows if row.extra["kind"] != "state"],
        chart=pictures.communications_map(rows, _period(selection)),
    )
    return render(request, "analytics/map.html", context)


def _period(selection: Selection, years: Sequence[int] | None = None) -> str:
    """The years counted in words, e.g. "from 2020 to 2024"; `years` (first and last sent) where none is chosen."""
    if selection.year_from and selection.year_to:
        return _("from %(start)s to %(end)s") % {"start": selection.year_from, "end": selection.year_to}
    if selection.year_from:
        return _("from %(start)s on") % {"start": selection.year_from}
    if selection.year_to:
        return _("up to %(end)s") % {"end": selection.year_to}
    if years:
        return _("from %(start)s to %(end)s") % {"start": years[0], "end": years[1]}
    return _("in every year")


@_selected
def addressees_csv(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    rows = figures.by_addressee(scope, selection)
    return _csv("addressees.csv", tables.ADDRESSEE_COLUMNS, map(tables.addressee_cells, rows))


@_selected
def years_csv(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    return _csv("years.csv", tables.YEAR_COLUMNS, map(tables.year_cells, figures.by_year(scope, selection)))


@_selected
def years_by_type_csv(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    table = figures.per_year_and_type(scope, selection)
    return _csv("years-by-type.csv", tables.YEAR_AND_TYPE_COLUMNS, tables.year_and_type_cells(table))


@_selected
def types_csv(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    # A data file: the types' names stay in English whatever the page's language, as every other cell is.
    with translation.override("en"):
        rows = [tables.labelled_cells(row) for row in figures.by_type(scope, selection)]
    return _csv("types.csv", tables.TYPE_COLUMNS, rows)


@_selected
def themes_csv(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    return _csv(
        "themes.csv", tables.THEME_COLUMNS, map(tables.labelled_cells, figures.by_theme(scope, selection))
    )


@_selected
def mandates_csv(request: HttpRequest, scope: Scope, selection: Selection) -> HttpResponse:
    rows = figures.by_mandate(scope, selection)
    return _csv("mandates.csv", tables.MANDATE_COLUMNS, map(tables.mandate_cells, rows))


@require_safe
def report_list(request: HttpRequest, scope: Scope) -> HttpResponse:
    context = _context(request, scope, Selection(), periods=ReportingPeriod.objects.all())
    return render(request, "analytics/report_list.html", context)


def _report(scope: Scope, session: int) -> reports.Report:
    return reports.build(get_object_or_404(ReportingPeriod, session=session), scope)


@require_safe
def report(request: HttpRequest, scope: Scope, session: int) -> HttpResponse:
    context = _context(request, scope, Selection(), report=_report(scope, session))
    return render(request, "analytics/report.html", context)


@require_safe
def report_csv(request: HttpRequest, scope: Scope, session: int) -> HttpResponse:
    found = _report(scope, session)
    return _csv(f"hrc-{session}-communications.csv", reports.CSV_COLUMNS, reports.csv_rows(found))


@require_safe
def report_pdf(request: HttpRequest, scope: Scope, session: int) -> HttpResponse:
    found = _report(scope, session)
    html = render_to_string("analytics/report_pdf.html", {"report": found, "types": figures.TYPES})
    response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="hrc-{session}-communications.pdf"'
    return response
