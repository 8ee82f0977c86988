"""The drafting pages under /staff/drafts/: the office drafts and sends; a co-signer reads the drafts shared with
their mandate and decides for it. Drafts are looked up among what the person sees, so any other answers 404."""

import uuid
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from defenders.accounts.access import View, staff_page
from defenders.accounts.roles import mandate_of
from defenders.cases.models import Case
from defenders.communications.actions import CommunicationStateError
from defenders.communications.models import Communication
from defenders.communications.visibility import visible_to
from defenders.mandates.models import Mandate
from defenders.workspace.audit import audit_trail

from . import actions, diff, prefill
from .forms import DecisionForm, NewDraftForm, SectionsForm, SignatoriesForm
from .models import SECTION_LABELS, SECTIONS, DraftVersion, SignOff
from .readiness import DraftState, current_version, draft_state, missing_for_sending

READ_PERMISSIONS = ("communications.view_communication", "communications.view_shared_communication")
EDIT = ("communications.change_communication", "drafting.add_draftversion")
PAGE_SIZE = 25


def may_read_drafts(user) -> bool:
    """The office reads every draft, a co-signer those shared with their mandate: either permission will do."""
    return any(user.has_perm(permission) for permission in READ_PERMISSIONS)


def readers_page(view: View) -> View:
    """A page for whoever reads drafts: the workspace's checks first, then either reading permission (403)."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_read_drafts(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return staff_page()(checked)


def _draft(request: HttpRequest, uid) -> Communication:
    return get_object_or_404(visible_to(request.user), uid=uid)


def _sent_page(communication: Communication) -> HttpResponse:
    # Once sent, the communication's own page (communications:detail) is where it lives.
    return redirect(f"/staff/communications/{communication.uid}/")


@readers_page
@require_safe
def draft_list(request: HttpRequest) -> HttpResponse:
    drafts = (
        visible_to(request.user)
        .filter(sent_on__isnull=True)
        .select_related("addressee")
        .prefetch_related("sign_offs__mandate")
        .order_by("-updated_at")
    )
    waiting_for_me = request.GET.get("waiting_for") == "me"
    if waiting_for_me:
        mine = mandate_of(request.user)
        drafts = (
            drafts.filter(sign_offs__mandate=mine, sign_offs__state=SignOff.State.REQUESTED)
            if mine is not None
            else drafts.none()
        )
    rows = [(draft, draft_state(draft)) for draft in drafts]
    state = request.GET.get("state", "")
    if state in DraftState.LABELS:
        rows = [(draft, found) for draft, found in rows if found == state]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "drafting/list.html",
        {
            "page": page,
            "rows": [(draft, DraftState.LABELS[found]) for draft, found in page.object_list],
            "states": DraftState.LABELS,
            "state": state,
            "waiting_for_me": waiting_for_me,
            "filtered": waiting_for_me or state in DraftState.LABELS,
            "may_start": request.user.has_perms(EDIT),
        },
    )


FORM_METHODS = require_http_methods(["GET", "HEAD", "POST"])


@staff_page(*EDIT, "communications.add_communication")
@FORM_METHODS
def new_draft(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = NewDraftForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            communication = actions.start_draft(
                data["case"],
                type=data["type"],
                addressee=form.addressee(),
                copied=form.copied_states(),
                lead_mandate=data["lead_mandate"],
                co_signing_mandates=data["co_signing_mandates"],
                language=data["language"],
                law_paragraphs=data["law_paragraphs"],
                questions=data["questions"],
                by=request.user,
            )
            messages.success(request, gettext("Draft started as version 1, prefilled from the case."))
            return redirect("drafting:detail", uid=communication.uid)
    else:
        initial: dict = {"lead_mandate": Mandate.objects.filter(short_name="SR HRDs").first()}
        case_uid = _uuid_or_none(request.GET.get("case"))
        case = Case.objects.filter(uid=case_uid).select_related("country").first() if case_uid else None
        if case is not None:
            initial["case"] = case.uid
            if case.country is not None and case.country.is_state:
                initial["state"] = case.country.code
        form = NewDraftForm(initial=initial)
    return render(request, "drafting/new.html", {"form": form})


def _uuid_or_none(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


@dataclass
class SignOffRow:
    mandate: Mandate
    is_lead: bool
    sign_off: SignOff | None


def _sign_off_rows(communication: Communication) -> list[SignOffRow]:
    sign_offs = {
        s.mandate_id: s for s in communication.sign_offs.select_related("decided_by", "approved_version")
    }
    return [
        SignOffRow(link.mandate, link.is_lead, sign_offs.get(link.mandate_id))
        for link in communication.mandate_links.select_related("mandate").order_by("order")
    ]


def _trail(communication: Communication) -> list:
    entries = audit_trail(communication)
    for sign_off in communication.sign_offs.all():
        entries += audit_trail(sign_off)
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


@readers_page
@require_safe
def draft_detail(request: HttpRequest, uid) -> HttpResponse:
    communication = _draft(request, uid)
    if communication.sent_on is not None:
        return _sent_page(communication)
    version = current_version(communication)
    sections = version.sections if version else {}
    missing = missing_for_sending(communication)
    mine = mandate_of(request.user)
    return render(
        request,
        "drafting/detail.html",
        {
            "communication": communication,
            "version": version,
            "sections": [(SECTION_LABELS[key], sections.get(key, "")) for key in SECTIONS],
            "sign_off_rows": _sign_off_rows(communication),
            "missing": missing,
            "may_send": not missing and request.user.has_perm("communications.send_communication"),
            "may_edit": request.user.has_perms(EDIT),
            "may_request": request.user.has_perm("drafting.add_signoff"),
            "my_mandate": mine,
            "entries": _trail(communication),
        },
    )


@staff_page(*EDIT)
@FORM_METHODS
def edit_draft(request: HttpRequest, uid) -> HttpResponse:
    communication = _draft(request, uid)
    if communication.sent_on is not None:
        return _sent_page(communication)
    version = current_version(communication)
    if request.method == "POST":
        form = SectionsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            sections = {key: data[key] for key in SECTIONS}
            if data["rebuild"]:
                sections["law"] = prefill.law(data["picked_law"])
                sections["questions"] = prefill.questions(data["picked_questions"])
            saved = actions.save_version(
                communication,
                sections,
                by=request.user,
                note=data["note"],
                law_paragraphs=data["picked_law"],
                questions=data["picked_questions"],
            )
            if saved is None:
                messages.info(request, gettext("Nothing changed: no new version."))
            else:
                messages.success(request, gettext("Saved as version %(number)s.") % {"number": saved.number})
            return redirect("drafting:detail", uid=communication.uid)
    else:
        initial: dict = dict(version.sections) if version else {}
        if version is not None:
            initial["picked_law"] = list(version.law_paragraphs.all())
            initial["picked_questions"] = list(version.questions.all())
        form = SectionsForm(initial=initial)
    return render(
        request, "drafting/edit.html", {"communication": communication, "form": form, "version": version}
    )


@staff_page(*EDIT)
@FORM_METHODS
def signatories(request: HttpRequest, uid) -> HttpResponse:
    """Change who signs. The opening is written afresh as a new version, so every approval is asked again."""
    communication = _draft(request, uid)
    if communication.sent_on is not None:
        return _sent_page(communication)
    if request.method == "POST":
        form = SignatoriesForm(request.POST)
        if form.is_valid():
            changed = actions.change_signatories(
                communication, form.mandates(), lead=form.cleaned_data["lead_mandate"], by=request.user
            )
            if changed:
                messages.success(
                    request,
                    gettext("Signatories changed; the opening was rewritten and approvals asked again."),
                )
            else:
                messages.info(request, gettext("The signatories are as they were."))
            return redirect("drafting:detail", uid=communication.uid)
    else:
        lead = communication.lead_mandate()
        form = SignatoriesForm(
            initial={
                "lead_mandate": lead,
                "co_signing_mandates": [m for m in communication.ordered_mandates() if m != lead],
            }
        )
    return render(request, "drafting/signatories.html", {"communication": communication, "form": form})


@readers_page
@require_safe
def versions(request: HttpRequest, uid) -> HttpResponse:
    communication = _draft(request, uid)
    listed = communication.versions.select_related("author").order_by("-number")
    return render(request, "drafting/versions.html", {"communication": communication, "versions": listed})


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 9 else None


@readers_page
@require_safe
def compare(request: HttpRequest, uid) -> HttpResponse:
    communication = _draft(request, uid)
    latest = current_version(communication)
    if latest is None:
        raise Http404(gettext("No version yet."))
    b = _number(request.GET.get("b")) or latest.number
    a = _number(request.GET.get("a")) or max(b - 1, 1)
    older = get_object_or_404(DraftVersion, communication=communication, number=a)
    newer = get_object_or_404(DraftVersion, communication=communication, number=b)
    return render(
        request,
        "drafting/compare.html",
        {
            "communication": communication,
            "older": older,
            "newer": newer,
            "rows": diff.compare(older, newer),
            "numbers": list(communication.versions.order_by("-number").values_list("number", flat=True)),
        },
    )


@staff_page("drafting.add_signoff")
@require_POST
def request_sign_off(request: HttpRequest, uid) -> HttpResponse:
    communication = _draft(request, uid)
    try:
        asked = actions.request_sign_off(communication, by=request.user)
    except actions.DraftingError as refused:
        messages.error(request, str(refused))
    else:
        if asked:
            names = ", ".join(sign_off.mandate.short_name for sign_off in asked)
            messages.success(request, gettext("Sign-off requested of %(names)s.") % {"names": names})
        else:
            messages.info(request, gettext("Every signing mandate was asked already."))
    return redirect("drafting:detail", uid=communication.uid)


@readers_page
@FORM_METHODS
def sign_off(request: HttpRequest, uid, mandate_pk: int) -> HttpResponse:
    communication = _draft(request, uid)
    if communication.sent_on is not None:
        return _sent_page(communication)
    link = get_object_or_404(communication.mandate_links.select_related("mandate"), mandate_id=mandate_pk)
    found = communication.sign_offs.filter(mandate_id=mandate_pk).select_related("decided_by").first()
    may_decide = found is not None and actions.may_decide(found, request.user)
    form = DecisionForm()
    if request.method == "POST":
        if not may_decide or found is None:
            raise PermissionDenied
        form = DecisionForm(request.POST)
        if form.is_valid():
            comment = form.cleaned_data["comment"]
            try:
                if form.cleaned_data["decision"] == "approve":
                    actions.approve(found, by=request.user, comment=comment)
                    messages.success(
                        request, gettext("Approved for %(mandate)s.") % {"mandate": link.mandate.short_name}
                    )
                else:
                    actions.ask_for_changes(found, by=request.user, comment=comment)
                    messages.success(
                        request,
                        gettext("Changes asked for %(mandate)s.") % {"mandate": link.mandate.short_name},
                    )
            except actions.DraftingError as refused:
                messages.error(request, str(refused))
            return redirect("drafting:detail", uid=communication.uid)
    return render(
        request,
        "drafting/sign_off.html",
        {
            "communication": communication,
            "mandate": link.mandate,
            "sign_off": found,
            "may_decide": may_decide,
            "form": form,
            "version": current_version(communication),
        },
    )


@staff_page("communications.send_communication")
@require_POST
def send(request: HttpRequest, uid) -> HttpResponse:
    communication = _draft(request, uid)
    if communication.sent_on is not None:
        return _sent_page(communication)
    try:
        actions.send_approved(communication, by=request.user)
    except actions.DraftingError as refused:
        messages.error(request, gettext("Not sent.") + " " + " ".join(refused.missing or [str(refused)]))
        return redirect("drafting:detail", uid=communication.uid)
    except CommunicationStateError as refused:
        messages.error(request, gettext("Not sent.") + f" {refused}")
        return redirect("drafting:detail", uid=communication.uid)
    messages.success(request, gettext("Sent as %(reference)s.") % {"reference": communication.reference})
    return _sent_page(communication)
