"""Staff pages of communications after sending: the list, and one page per communication with its countdown,
withholding, letters, replies, follow-ups and audit trail. Views parse forms and call one action each."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_POST, require_safe

from defenders.accounts.access import staff_page
from defenders.clock import office_now
from defenders.core.history import Reason
from defenders.workspace.audit import audit_trail

from . import actions, states
from .forms import (
    CorrectionForm,
    FollowUpsForm,
    ListFilters,
    ReasonForm,
    ReplyCorrectionForm,
    ReplyForm,
    UpdateForm,
)
from .models import Communication, Reply
from .visibility import visible_to

VIEW = "communications.view_communication"
PER_PAGE = 25


@staff_page(VIEW)
@require_safe
def communication_list(request: HttpRequest) -> HttpResponse:
    filters = ListFilters(request.GET)
    filters.is_valid()
    chosen = {name: value for name, value in filters.cleaned_data.items() if value not in (None, "")}
    communications = visible_to(request.user).select_related("addressee").prefetch_related("replies")
    now = office_now()
    if "state" in chosen:
        communications = states.in_state(communications, chosen["state"], now)
    if "type" in chosen:
        communications = communications.filter(type=chosen["type"])
    if "country" in chosen:
        communications = communications.filter(addressee__code__iexact=chosen["country"])
    if "public_within" in chosen:
        communications = states.public_within(communications, chosen["public_within"], now)
    if "sent_within" in chosen:
        communications = states.sent_within(communications, chosen["sent_within"], now)
    if "q" in chosen:
        text = chosen["q"].strip()
        communications = communications.filter(
            Q(reference__icontains=text) | Q(legacy_reference__icontains=text) | Q(title__icontains=text)
        )
    page = Paginator(communications.distinct().order_by("-sent_on", "-created_at"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        (communication, state, states.STATE_NAMES[state])
        for communication, state in ((one, states.state_of(one, now)) for one in page)
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "communications/staff/list.html",
        {
            "filters": filters,
            "page": page,
            "rows": rows,
            "filtered": bool(chosen),
            "query": query.urlencode(),
        },
    )


def _sent(request: HttpRequest, uid) -> Communication | HttpResponse:
    """The sent communication the user may see (404 otherwise); a draft belongs to the drafting pages."""
    communication = get_object_or_404(visible_to(request.user).select_related("addressee"), uid=uid)
    if communication.sent_on is None:
        return redirect(f"/staff/drafts/{communication.uid}/")
    return communication


def _follow_up_candidates(request: HttpRequest, communication: Communication):
    """Sent communications the user sees to the same addressee, or already linked (e.g. another addressee)."""
    return (
        visible_to(request.user)
        .filter(sent_on__isnull=False)
        .filter(Q(addressee=communication.addressee) | Q(followed_up_by=communication))
        .exclude(pk=communication.pk)
        .distinct()
        .order_by("-sent_on")
    )


def _detail(request: HttpRequest, communication: Communication, status: int = 200, **forms) -> HttpResponse:
    moment = communication.public_from
    now = office_now()
    context = {
        "communication": communication,
        "mandates": communication.mandate_links.select_related("mandate").order_by("order"),
        "cases": communication.cases.all(),
        "public_from": moment,
        "countdown": states.countdown(moment, now) if moment is not None else "",
        "is_public": moment is not None and moment <= now,
        "state": states.state_of(communication, now),
        "letters": communication.sent_letters.defer("pdf").order_by("version"),
        "replies": communication.replies.order_by("received_on", "pk"),
        "follows_up": communication.follows_up.order_by("sent_on"),
        "followed_up_by": communication.followed_up_by.order_by("sent_on"),
        "press_releases": communication.press_releases.all(),
        "may_withhold": request.user.has_perm("communications.withhold_communication"),
        "may_change": request.user.has_perm("communications.change_communication"),
        "may_add_reply": request.user.has_perm("communications.add_reply"),
        "withhold_form": forms.get("withhold_form") or ReasonForm(prefix="withhold"),
        "release_form": forms.get("release_form") or ReasonForm(prefix="release"),
        "correction_form": forms.get("correction_form") or CorrectionForm(),
        "reply_form": forms.get("reply_form") or ReplyForm(communication=communication),
        "follow_ups_form": forms.get("follow_ups_form")
        or FollowUpsForm(
            communication=communication,
            candidates=_follow_up_candidates(request, communication),
            initial={"earlier": list(communication.follows_up.all())},
        ),
        "update_form": forms.get("update_form") or UpdateForm(initial={"update": communication.update}),
        "audit": audit_trail(communication),
    }
    return render(request, "communications/staff/detail.html", context, status=status)


@staff_page(VIEW)
@require_safe
def communication_detail(request: HttpRequest, uid) -> HttpResponse:
    communication = _sent(request, uid)
    if isinstance(communication, HttpResponse):
        return communication
    return _detail(request, communication)


def _done(request: HttpRequest, communication: Communication, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("communications:detail", uid=communication.uid)


def _refused(
    request: HttpRequest, communication: Communication, error: actions.CommunicationStateError
) -> HttpResponse:
    messages.error(request, str(error))
    return redirect("communications:detail", uid=communication.uid)


@staff_page(VIEW, "communications.withhold_communication")
@require_POST
def withhold(request: HttpRequest, uid) -> HttpResponse:
    communication = _sent(request, uid)
    if isinstance(communication, HttpResponse):
        return communication
    form = ReasonForm(request.POST, prefix="withhold")
    if not form.is_valid():
        return _detail(request, communication, 400, withhold_form=form)
    actions.withhold_communication(communication, reason=form.cleaned_data["reason"], by=request.user)
    return _done(
        request,
        communication,
        gettext("%(communication)s is withheld: it will not be public until released.")
        % {"communication": communication},
    )


@staff_page(VIEW, "communications.withhold_communication")
@require_POST
def release(request: HttpRequest, uid) -> HttpResponse:
    communication = _sent(request, uid)
    if isinstance(communication, HttpResponse):
        return communication
    form = ReasonForm(request.POST, prefix="release")
    if not form.is_valid():
        return _detail(request, communication, 400, release_form=form)
    if not communication.withheld:
        messages.error(
            request, gettext("%(communication)s is not withheld.") % {"communication": communication}
        )
        return redirect("communications:detail", uid=communication.uid)
    actions.release_communication(communication, by=request.user, reason=form.cleaned_data["reason"])
    return _done(
        request,
        communication,
        gettext("%(communication)s is released: the publication rule applies again.")
        % {"communication": communication},
    )


@staff_page(VIEW, "communications.change_communication")
@require_POST
def correct_letter(request: HttpRequest, uid) -> HttpResponse:
    communication = _sent(request, uid)
    if isinstance(communication, HttpResponse):
        return communication
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _detail(request, communication, 400, correction_form=form)
    try:
        letter = actions.correct_letter(communication, by=request.user, note=form.cleaned_data["note"])
    except actions.CommunicationStateError as error:
        return _refused(request, communication, error)
    return _done(
        request,
        communication,
        gettext("The corrected letter is kept as version %(version)s.") % {"version": letter.version},
    )


@staff_page(VIEW, "communications.add_reply")
@require_POST
def record_reply(request: HttpRequest, uid) -> HttpResponse:
    communication = _sent(request, uid)
    if isinstance(communication, HttpResponse):
        return communication
    form = ReplyForm(request.POST, request.FILES, communication=communication)
    if not form.is_valid():
        return _detail(request, communication, 400, reply_form=form)
    try:
        actions.record_reply(communication, by=request.user, **form.cleaned_data)
    except actions.CommunicationStateError as error:
        return _refused(request, communication, error)
    return _done(
        request, communication, gettext("The reply is recorded; the public introduction follows by itself.")
    )


def _reply(request: HttpRequest, uid, reply_uid) -> tuple[Communication, Reply] | HttpResponse:
    communication = _sent(request, uid)
    if isinstance(communication, HttpResponse):
        return communication
    return communication, get_object_or_404(communication.replies, uid=reply_uid)


@staff_page(VIEW, "communications.change_reply")
def reply_edit(request: HttpRequest, uid, reply_uid) -> HttpResponse:
    found = _reply(request, uid, reply_uid)
    if isinstance(found, HttpResponse):
        return found
    communication, reply = found
    status = 200
    if request.method == "POST":
        form = ReplyCorrectionForm(request.POST, request.FILES, communication=communication)
        if form.is_valid():
            values = dict(form.cleaned_data)
            reason = values.pop("reason").strip()
            if not values["file"]:
                values.pop("file")  # no new file: keep the one recorded
            try:
                changed = actions.correct_reply(
                    reply,
                    by=request.user,
                    reason=Reason(gettext_noop("Corrected: {reason}"), reason=reason),
                    **values,
                )
            except actions.CommunicationStateError as error:
                return _refused(request, communication, error)
            return _done(
                request,
                communication,
                gettext("The reply is corrected.") if changed else gettext("Nothing changed."),
            )
        status = 400
    else:
        form = ReplyCorrectionForm(
            communication=communication,
            initial={
                name: getattr(reply, name)
                for name in ("received_on", "kind", "language", "translation_pending", "summary")
            },
        )
    return render(
        request,
        "communications/staff/reply_edit.html",
        {"communication": communication, "reply": reply, "form": form, "audit": audit_trail(reply)},
        status=status,
    )


@staff_page(VIEW, "communications.delete_reply")
def reply_delete(request: HttpRequest, uid, reply_uid) -> HttpResponse:
    found = _reply(request, uid, reply_uid)
    if isinstance(found, HttpResponse):
        return found
    communication, reply = found
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.delete_reply(
            reply,
            by=request.user,
            reason=Reason(gettext_noop("Deleted: {reason}"), reason=form.cleaned_data["reason"]),
        )
        return _done(
            request, communication, gettext("The reply is deleted; the audit trail keeps what it was.")
        )
    return render(
        request,
        "communications/staff/reply_delete.html",
        {"communication": communication, "reply": reply, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_page(VIEW, "communications.change_communication")
@require_POST
def follow_ups(request: HttpRequest, uid) -> HttpResponse:
    communication = _sent(request, uid)
    if isinstance(communication, HttpResponse):
        return communication
    form = FollowUpsForm(
        request.POST, communication=communication, candidates=_follow_up_candidates(request, communication)
    )
    if not form.is_valid():
        return _detail(request, communication, 400, follow_ups_form=form)
    try:
        changed = actions.set_follow_ups(communication, form.cleaned_data["earlier"], by=request.user)
    except actions.CommunicationStateError as error:
        return _refused(request, communication, error)
    return _done(
        request,
        communication,
        gettext("The follow-ups are recorded.") if changed else gettext("Nothing changed."),
    )


@staff_page(VIEW, "communications.change_communication")
@require_POST
def update(request: HttpRequest, uid) -> HttpResponse:
    communication = _sent(request, uid)
    if isinstance(communication, HttpResponse):
        return communication
    form = UpdateForm(request.POST)
    if not form.is_valid():
        return _detail(request, communication, 400, update_form=form)
    changed = actions.edit_communication(
        communication,
        by=request.user,
        reason=Reason(gettext_noop("Update since sending")),
        update=form.cleaned_data["update"].strip(),
    )
    return _done(
        request, communication, gettext("The update is saved.") if changed else gettext("Nothing changed.")
    )
