"""Reporting periods in the workspace: staff list, add and change the periods of the Human Rights Council reports,
each change through analytics/actions.py with its history row."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from defenders.accounts.access import staff_page
from defenders.workspace.audit import audit_trail

from . import actions
from .forms import ReportingPeriodForm
from .models import ReportingPeriod

CHANGE = "analytics.change_reportingperiod"
ADD = "analytics.add_reportingperiod"


def refused(form: ReportingPeriodForm, error: ValidationError) -> None:
    """Show the rule's refusal beside the field it concerns, in its own words."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@staff_page(CHANGE)
@require_safe
def period_list(request: HttpRequest) -> HttpResponse:
    context = {"periods": ReportingPeriod.objects.all(), "may_add": request.user.has_perm(ADD)}
    return render(request, "analytics/staff/periods.html", context)


@staff_page(ADD)
@require_http_methods(["GET", "POST"])
def period_new(request: HttpRequest) -> HttpResponse:
    form = ReportingPeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            period = actions.create_reporting_period(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, f"The report to the {period.ordinal} session was added.")
            return redirect("figures:periods")
    context = {"form": form, "period": None}
    return render(request, "analytics/staff/period_form.html", context, status=400 if form.errors else 200)


@staff_page(CHANGE)
@require_http_methods(["GET", "POST"])
def period_edit(request: HttpRequest, session: int) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, session=session)
    form = ReportingPeriodForm(request.POST if request.method == "POST" else None, instance=period)
    if request.method == "POST" and form.is_valid():
        try:
            # A fresh copy: the form wrote its values onto `period`, and a refusal must leave the stored one alone.
            stored = ReportingPeriod.objects.get(pk=period.pk)
            changed = actions.edit_reporting_period(stored, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            refused(form, error)
        else:
            if changed:
                messages.success(request, f"The report to the {stored.ordinal} session was changed.")
            return redirect("figures:periods")
    period.refresh_from_db()
    context = {"form": form, "period": period, "entries": audit_trail(period)}
    return render(request, "analytics/staff/period_form.html", context, status=400 if form.errors else 200)
