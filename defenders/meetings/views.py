"""Staff pages of meetings: the list (with the meeting requests still waiting), and one page per meeting with
its forms and audit trail. Views parse forms and call one action each."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from defenders.accounts.access import staff_page
from defenders.cases.models import Case
from defenders.intake.models import Submission
from defenders.workspace.audit import audit_trail

from . import actions
from .forms import DeclineForm, ListFilters, OpenForm, OutcomeForm, ScheduleForm
from .models import Meeting
from .queries import waiting_requests

VIEW = "meetings.view_meeting"
CHANGE = "meetings.change_meeting"
PER_PAGE = 25


@staff_page(VIEW)
@require_safe
def meeting_list(request: HttpRequest) -> HttpResponse:
    filters = ListFilters(request.GET)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    meetings = Meeting.objects.select_related("submission", "case").order_by("-created_at")
    if status:
        meetings = meetings.filter(status=status)
    page = Paginator(meetings, PER_PAGE).get_page(request.GET.get("page"))
    # Only those who may read submissions learn that requests wait; even they see no content here.
    show_requests = status in ("", Meeting.Status.PENDING) and request.user.has_perm("intake.read_submission")
    return render(
        request,
        "meetings/list.html",
        {
            "filters": filters,
            "status": status,
            "page": page,
            "requests": list(waiting_requests()) if show_requests else [],
            "may_open": request.user.has_perm("meetings.add_meeting"),
        },
    )


@staff_page(VIEW, "meetings.add_meeting")
@require_POST
def meeting_open(request: HttpRequest) -> HttpResponse:
    form = OpenForm(request.POST)
    if not form.is_valid():
        return HttpResponse(gettext("Open a meeting for one meeting request or one case."), status=400)
    submission = case = None
    if form.cleaned_data["submission"]:
        if not request.user.has_perm("intake.read_submission"):
            raise Http404  # the request is not theirs to know of
        submission = get_object_or_404(
            Submission.objects.filter(kind=Submission.Kind.MEETING), uid=form.cleaned_data["submission"]
        )
    else:
        case = get_object_or_404(Case, uid=form.cleaned_data["case"])
    try:
        meeting = actions.open_meeting(submission=submission, case=case, by=request.user)
    except actions.MeetingStateError as error:
        messages.error(request, str(error))
        return redirect("meetings:list")
    messages.success(request, gettext("The meeting is open: schedule it or decline it."))
    return redirect("meetings:detail", uid=meeting.uid)


def _detail(request: HttpRequest, meeting: Meeting, status: int = 200, **forms) -> HttpResponse:
    context = {
        "meeting": meeting,
        "may_change": request.user.has_perm(CHANGE),
        "may_read_request": request.user.has_perm("intake.read_submission"),
        "schedule_form": forms.get("schedule_form")
        or ScheduleForm(
            initial={
                "at": meeting.scheduled_at,
                "place_or_link": meeting.place_or_link,
                "participants": meeting.participants,
            }
        ),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(initial={"outcome": meeting.outcome}),
        "audit": audit_trail(meeting),
    }
    return render(request, "meetings/detail.html", context, status=status)


def _meeting(uid) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("submission", "case"), uid=uid)


@staff_page(VIEW)
@require_safe
def meeting_detail(request: HttpRequest, uid) -> HttpResponse:
    return _detail(request, _meeting(uid))


def _act(request: HttpRequest, meeting: Meeting, act, done: str) -> HttpResponse:
    try:
        act()
    except actions.MeetingStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("meetings:detail", uid=meeting.uid)


@staff_page(VIEW, CHANGE)
@require_POST
def meeting_schedule(request: HttpRequest, uid) -> HttpResponse:
    meeting = _meeting(uid)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        problem = actions.schedule_problem(meeting, form.cleaned_data["at"])
        if problem is not None:
            form.add_error("at", problem)
    if not form.is_valid():
        return _detail(request, meeting, 400, schedule_form=form)
    return _act(
        request,
        meeting,
        lambda: actions.schedule(meeting, by=request.user, **form.cleaned_data),
        gettext("The meeting is scheduled."),
    )


@staff_page(VIEW, CHANGE)
@require_POST
def meeting_decline(request: HttpRequest, uid) -> HttpResponse:
    meeting = _meeting(uid)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _detail(request, meeting, 400, decline_form=form)
    return _act(
        request,
        meeting,
        lambda: actions.decline(meeting, reason=form.cleaned_data["reason"], by=request.user),
        gettext("The meeting is declined."),
    )


@staff_page(VIEW, CHANGE)
@require_POST
def meeting_outcome(request: HttpRequest, uid) -> HttpResponse:
    meeting = _meeting(uid)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _detail(request, meeting, 400, outcome_form=form)
    return _act(
        request,
        meeting,
        lambda: actions.record_outcome(meeting, outcome=form.cleaned_data["outcome"], by=request.user),
        gettext("The outcome is recorded."),
    )
