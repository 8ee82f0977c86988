"""The pages that edit the parts of a case: its persons (with their consents), organisations, events (with legal
provisions and sentence terms) and linked submissions. Each parses a form and calls one action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from defenders.accounts.access import staff_page
from defenders.core.templatetags.locale_format import local_day
from defenders.intake.models import Submission

from . import actions
from .forms import (
    ConfirmForm,
    EventForm,
    LinkSubmissionForm,
    OrganisationForm,
    PersonForm,
    ProvisionFormSet,
    TermFormSet,
)
from .models import Case, CaseOrganisation, CasePerson, Event
from .staff_views import refused, staff

CHANGE = staff_page("cases.change_case")


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _page(request: HttpRequest, template: str, context: dict, *forms) -> HttpResponse:
    status = 400 if any(form.is_bound and form.errors for form in forms) else 200
    return render(request, template, context, status=status)


def _confirm(request: HttpRequest, case: Case, what: str, act) -> HttpResponse:
    """A removal: a page that asks to confirm, then the action."""
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            act()
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, f"{what} was removed.")
            return redirect(case)
    return _page(request, "cases/staff/confirm.html", {"case": case, "what": what, "form": form}, form)


# Persons


@CHANGE
@require_http_methods(["GET", "POST"])
def add_person(request: HttpRequest, uid) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    form = PersonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_person(case, actions.PersonDetails(**form.cleaned_data), by=staff(request))
        except ValidationError as error:
            refused(form, error)
        else:
            return redirect(case)
    context = {"case": case, "form": form, "heading": gettext("Add a person concerned")}
    return _page(request, "cases/staff/part_form.html", context, form)


@CHANGE
@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, uid, link_id: int) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    link = get_object_or_404(CasePerson.objects.select_related("person", "case"), pk=link_id, case=case)
    form = PersonForm(_posted(request), initial=PersonForm.initial_for(link))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_person(link, by=staff(request), **form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            return redirect(case)
    context = {"case": case, "form": form, "heading": gettext("Edit %(name)s") % {"name": link.person.name}}
    return _page(request, "cases/staff/part_form.html", context, form)


@CHANGE
@require_http_methods(["GET", "POST"])
def remove_person(request: HttpRequest, uid, link_id: int) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    link = get_object_or_404(CasePerson.objects.select_related("person", "case"), pk=link_id, case=case)
    return _confirm(request, case, link.person.name, lambda: actions.remove_person(link, by=staff(request)))


# Organisations


@CHANGE
@require_http_methods(["GET", "POST"])
def add_organisation(request: HttpRequest, uid) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    form = OrganisationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_organisation(case, by=staff(request), **form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            return redirect(case)
    context = {"case": case, "form": form, "heading": gettext("Add an organisation")}
    return _page(request, "cases/staff/part_form.html", context, form)


@CHANGE
@require_http_methods(["GET", "POST"])
def edit_organisation(request: HttpRequest, uid, link_id: int) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    link = get_object_or_404(
        CaseOrganisation.objects.select_related("organisation", "case"), pk=link_id, case=case
    )
    initial = {"name": link.organisation.name, "kind": link.organisation.kind, "relation": link.relation}
    form = OrganisationForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_organisation(link, by=staff(request), **form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            return redirect(case)
    context = {
        "case": case,
        "form": form,
        "heading": gettext("Edit %(name)s") % {"name": link.organisation.name},
    }
    return _page(request, "cases/staff/part_form.html", context, form)


@CHANGE
@require_http_methods(["GET", "POST"])
def remove_organisation(request: HttpRequest, uid, link_id: int) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    link = get_object_or_404(
        CaseOrganisation.objects.select_related("organisation", "case"), pk=link_id, case=case
    )
    what = link.organisation.name
    return _confirm(request, case, what, lambda: actions.remove_organisation(link, by=staff(request)))


# Events


def _event_page(request: HttpRequest, case: Case, event: Event | None) -> HttpResponse:
    data = _posted(request)
    if event is not None:
        form = EventForm(data, initial=EventForm.initial_for(event), case=case)
        provisions_initial = [{"code": p.code, "article": p.article} for p in event.legal_provisions.all()]
        terms_initial = [
            {"years": t.years, "months": t.months, "regime": t.regime} for t in event.terms.all()
        ]
    else:
        form, provisions_initial, terms_initial = EventForm(data, case=case), [], []
    provisions = ProvisionFormSet(data, prefix="provisions", initial=provisions_initial)
    terms = TermFormSet(data, prefix="terms", initial=terms_initial)
    if request.method == "POST":
        valid = [form.is_valid(), _valid(provisions, form), _valid(terms, form)]
        if all(valid):
            details = actions.EventDetails(
                **form.cleaned_data,
                # Not on the form: the source's own words, kept as they were copied.
                source_excerpt=event.source_excerpt if event is not None else "",
                provisions=[
                    actions.Provision(row["code"], row["article"])
                    for row in provisions.cleaned_data
                    if row.get("code")
                ],
                terms=[
                    actions.Term(row.get("years") or 0, row.get("months") or 0, row.get("regime") or "")
                    for row in terms.cleaned_data
                    if row
                ],
            )
            try:
                if event is None:
                    actions.add_event(case, details, by=staff(request))
                else:
                    actions.update_event(event, details, by=staff(request))
            except ValidationError as error:
                refused(form, error)
            else:
                return redirect(case)
    context = {
        "case": case,
        "form": form,
        "provisions": provisions,
        "terms": terms,
        "heading": gettext("Add an event")
        if event is None
        else gettext("Edit the event: %(event)s") % {"event": event},
    }
    return _page(request, "cases/staff/event_form.html", context, form)


def _valid(formset, form) -> bool:
    """Whether the rows are valid; if not, the main form says so, so that the page answers 400 with a summary."""
    if formset.is_valid():
        return True
    if formset.management_form.errors:
        form.add_error(None, gettext("The form was damaged on the way; please fill it in again."))
    else:
        form.add_error(None, gettext("Check the provisions and sentence terms below."))
    return False


@CHANGE
@require_http_methods(["GET", "POST"])
def add_event(request: HttpRequest, uid) -> HttpResponse:
    return _event_page(request, get_object_or_404(Case, uid=uid), None)


@CHANGE
@require_http_methods(["GET", "POST"])
def edit_event(request: HttpRequest, uid, event_id: int) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    return _event_page(request, case, get_object_or_404(Event, pk=event_id, case=case))


@CHANGE
@require_http_methods(["GET", "POST"])
def delete_event(request: HttpRequest, uid, event_id: int) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    event = get_object_or_404(Event, pk=event_id, case=case)
    return _confirm(
        request,
        case,
        gettext("The event %(event)s") % {"event": event},
        lambda: actions.delete_event(event, by=staff(request)),
    )


# Submissions


@staff_page("cases.change_case", "intake.read_submission")
@require_http_methods(["GET", "POST"])
def link_submission(request: HttpRequest, uid) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    form = LinkSubmissionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.link_submission(case, form.cleaned_data["submission"], by=staff(request))
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(
                request, gettext("The submission was filed under this case and marked accepted.")
            )
            return redirect(case)
    context = {"case": case, "form": form, "heading": gettext("Link a submission")}
    return _page(request, "cases/staff/part_form.html", context, form)


@staff_page("cases.change_case", "intake.read_submission")
@require_http_methods(["GET", "POST"])
def unlink_submission(request: HttpRequest, uid, submission_uid) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    submission = get_object_or_404(Submission, uid=submission_uid, case=case)
    what = gettext("The link to the submission received %(day)s") % {"day": local_day(submission.received_on)}
    return _confirm(
        request, case, what, lambda: actions.unlink_submission(case, submission, by=staff(request))
    )
