"""The case pages of the workspace: the list with its filters, a case with everything about it, and the case's
own facts. Views parse the request and call one action (defenders/cases/actions.py)."""

from typing import cast

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from defenders.accounts.access import staff_page
from defenders.addressees.models import Addressee
from defenders.communications.visibility import visible_to
from defenders.workspace.audit import audit_trail

from . import actions
from .dashboard import follow_ups_due
from .forms import CaseFilterForm, CaseForm, ThemeForm
from .models import Case, CaseOrganisation, CasePerson, Theme
from .timeline import dated_points, timeline_svg

PAGE_SIZE = 25


def staff(request: HttpRequest) -> User:
    return cast(User, request.user)


def refused(form, error: ValidationError) -> None:
    """Show an action's refusal on the form, in its own words."""
    for message in error.messages:
        form.add_error(None, message)


def filtered_cases(request: HttpRequest, filters: dict) -> QuerySet[Case]:
    """The cases the list's filters select (see CONTRACTS.md for the parameters); unknown values select none."""
    cases = Case.objects.select_related("country", "officer").prefetch_related("themes")
    status = filters.get("status") or ""
    if status == "all":
        pass
    elif status:
        cases = cases.filter(status=status)
    elif not filters.get("follow_up_due"):
        cases = cases.exclude(status=Case.Status.CLOSED)
    if filters.get("q"):
        text = filters["q"]
        cases = cases.filter(
            Q(title__icontains=text) | Q(summary__icontains=text) | Q(persons__name__icontains=text)
        ).distinct()
    if filters.get("country"):
        cases = cases.filter(country__code__iexact=filters["country"])
    if filters.get("theme"):
        cases = cases.filter(themes__slug=filters["theme"])
    officer = filters.get("officer")
    if officer == "me":
        cases = cases.filter(officer=request.user.pk)
    elif officer:
        cases = cases.filter(officer__username=officer)
    if filters.get("follow_up_due"):
        cases = cases.filter(pk__in=follow_ups_due().values("pk"))
    return cases


@staff_page("cases.view_case")
@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = filtered_cases(request, filters)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    # The filters without the page, to carry into the pagination links.
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtering": any(filters.get(name) for name in filters),
        "countries": Addressee.objects.filter(cases__isnull=False).distinct().order_by("short_name"),
        "themes": Theme.objects.order_by("name"),
        "officers": get_user_model().objects.filter(cases_in_charge__isnull=False).distinct(),
        "statuses": form.fields["status"].choices,  # type: ignore[attr-defined]
    }
    return render(request, "cases/staff/list.html", context)


@staff_page("cases.view_case")
@require_safe
def case_detail(request: HttpRequest, uid) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("country", "officer"), uid=uid)
    events = list(case.events.prefetch_related("legal_provisions", "terms", "persons"))
    _, undated = dated_points(events)
    meetings = case.meetings.all() if hasattr(case, "meetings") else None
    communications = visible_to(request.user, case.communications.all()).prefetch_related("replies")
    context = {
        "case": case,
        "persons": CasePerson.objects.filter(case=case).select_related("person").order_by("person__name"),
        "organisations": CaseOrganisation.objects.filter(case=case).select_related("organisation"),
        "themes": case.themes.all(),
        "events": events,
        "undated": undated,
        # Every text inside is escaped by timeline_svg itself.
        "timeline": mark_safe(
            timeline_svg(events, title=gettext("Timeline of %(case)s") % {"case": case.title})
        ),
        "submissions": case.submissions.order_by("received_on"),
        "communications": [(c, f"/staff/communications/{c.uid}/") for c in communications],
        "press_releases": case.press_releases.all() if hasattr(case, "press_releases") else None,
        "meetings": meetings,
        "draft_url": f"/staff/drafts/new/?case={case.uid}",
        "entries": audit_trail(case),
        "can_change": request.user.has_perm("cases.change_case"),
        "can_link": request.user.has_perms(["cases.change_case", "intake.read_submission"]),
    }
    return render(request, "cases/staff/detail.html", context)


@staff_page("cases.add_case")
@require_http_methods(["GET", "POST"])
def new_case(request: HttpRequest) -> HttpResponse:
    form = CaseForm(request.POST if request.method == "POST" else None, initial={"officer": request.user.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = actions.create_case(by=staff(request), **_case_values(data), themes=data["themes"])
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, gettext("The case was opened."))
            return redirect(case)
    status = 400 if form.errors else 200
    return render(request, "cases/staff/case_form.html", {"form": form, "case": None}, status=status)


def _case_values(data: dict) -> dict:
    return {
        name: data[name]
        for name in ("title", "country", "status", "risk_level", "officer", "follow_up_on", "summary")
    }


@staff_page("cases.change_case")
@require_http_methods(["GET", "POST"])
def edit_case(request: HttpRequest, uid) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    form = CaseForm(
        request.POST if request.method == "POST" else None, initial=CaseForm.initial_for(case), case=case
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_case(case, by=staff(request), themes=data["themes"], **_case_values(data))
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, gettext("The case was saved."))
            return redirect(case)
    status = 400 if form.errors else 200
    return render(request, "cases/staff/case_form.html", {"form": form, "case": case}, status=status)


# The theme vocabulary


@staff_page("cases.view_theme")
@require_http_methods(["GET", "POST"])
def themes(request: HttpRequest) -> HttpResponse:
    form = ThemeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not request.user.has_perm("cases.add_theme"):
            return HttpResponse(gettext("You may not add themes."), status=403)
        if form.is_valid():
            try:
                theme = actions.add_theme(form.cleaned_data["name"], by=staff(request))
            except ValidationError as error:
                refused(form, error)
            else:
                messages.success(request, f"“{theme.name}” was added to the themes.")
                return redirect("cases:themes")
    context = {"form": form, "themes": Theme.objects.order_by("-is_active", "name")}
    return render(request, "cases/staff/themes.html", context, status=400 if form.errors else 200)


@staff_page("cases.change_theme")
@require_http_methods(["GET", "POST"])
def theme(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    form = ThemeForm(request.POST if request.method == "POST" else None, initial={"name": theme.name})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in {"retire", "offer"}:
                actions.set_theme_active(theme, action == "offer", by=staff(request))
                messages.success(
                    request, f"“{theme.name}” was {'retired' if action == 'retire' else 'offered again'}."
                )
                return redirect("cases:themes")
            if action == "rename" and form.is_valid():
                actions.rename_theme(theme, form.cleaned_data["name"], by=staff(request))
                messages.success(request, gettext("The theme was renamed."))
                return redirect("cases:themes")
            if action not in {"rename"}:
                form.add_error(None, gettext("Choose to rename, retire or offer the theme again."))
        except ValidationError as error:
            refused(form, error)
    context = {"form": form, "theme": theme, "entries": audit_trail(theme)}
    return render(request, "cases/staff/theme.html", context, status=400 if form.errors else 200)
