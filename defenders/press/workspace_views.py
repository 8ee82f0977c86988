"""Staff pages of press releases: list, draft, edit, links, schedule, publish now and withdraw. Views parse forms
and call one action of defenders/press/actions.py each; the ordering rule lives there, the page only says it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import dateformat
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST, require_safe

from defenders.accounts.access import staff_page
from defenders.communications.days import day_in_words
from defenders.communications.visibility import visible_to
from defenders.workspace.audit import audit_trail

from . import actions
from .forms import LinksForm, PressReleaseForm, ReasonForm, ScheduleForm
from .models import PressRelease

VIEW = "press.view_pressrelease"
CHANGE = "press.change_pressrelease"
PER_PAGE = 25


# The word the pages show for each value of state_of().
STATE_NAMES = {
    "withdrawn": pgettext_lazy("a press release's state", "Withdrawn"),
    "published": pgettext_lazy("a press release's state", "Published"),
    "scheduled": pgettext_lazy("a press release's state", "Scheduled"),
    "draft": pgettext_lazy("a press release's state", "Draft"),
}


def state_of(release: PressRelease) -> str:
    if release.withdrawn:
        return "withdrawn"
    if release.published_at is not None:
        return "published"
    if release.scheduled_for is not None:
        return "scheduled"
    return "draft"


def waiting_for(release: PressRelease) -> SafeString:
    """The ordering rule as the page says it: empty when every linked communication was sent. Each communication
    is named in its own language (its title, while it has no reference yet)."""
    unsent = [
        communication for communication in release.communications.all() if communication.sent_on is None
    ]
    if not unsent:
        return SafeString("")
    names = format_html_join(", ", '<span lang="{}">{}</span>', ((one.language, str(one)) for one in unsent))
    message = ngettext(
        "This release cannot be scheduled or published yet: %(count)d linked communication was not sent "
        "(%(names)s). A press release never goes out before every linked communication was sent.",
        "This release cannot be scheduled or published yet: %(count)d linked communications were not sent "
        "(%(names)s). A press release never goes out before every linked communication was sent.",
        len(unsent),
    )
    # The message is the catalogue's text, escaped; the names are escaped by format_html_join.
    return mark_safe(conditional_escape(message) % {"count": len(unsent), "names": names})


@staff_page(VIEW)
@require_safe
def release_list(request: HttpRequest) -> HttpResponse:
    releases = PressRelease.objects.prefetch_related("communications").order_by(
        "-published_at", "-scheduled_for", "-created_at"
    )
    page = Paginator(releases, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(release, STATE_NAMES[state_of(release)]) for release in page]
    return render(request, "press/staff/list.html", {"page": page, "rows": rows})


@staff_page(VIEW, "press.add_pressrelease")
def release_new(request: HttpRequest) -> HttpResponse:
    form = PressReleaseForm(request.POST or None, initial={"language": "en"})
    if request.method == "POST" and form.is_valid():
        release = actions.draft_press_release(by=request.user, **form.cleaned_data)
        messages.success(
            request, gettext("The press release is drafted. Link it, then schedule or publish it.")
        )
        return redirect("press:detail", uid=release.uid)
    status = 400 if request.method == "POST" else 200
    return render(request, "press/staff/new.html", {"form": form}, status=status)


def _release(request: HttpRequest, uid) -> PressRelease:
    return get_object_or_404(PressRelease, uid=uid)


def _detail(request: HttpRequest, release: PressRelease, status: int = 200, **forms) -> HttpResponse:
    context = {
        "release": release,
        "state": state_of(release),
        "state_name": STATE_NAMES[state_of(release)],
        "waiting_for": waiting_for(release),
        "communications": release.communications.order_by("sent_on"),
        "cases": release.cases.all(),
        "may_change": request.user.has_perm(CHANGE),
        "form": forms.get("form")
        or PressReleaseForm(initial={name: getattr(release, name) for name in ("title", "body", "language")}),
        "links_form": forms.get("links_form")
        or LinksForm(
            communications=visible_to(request.user),
            initial={
                "communications": list(release.communications.all()),
                "cases": list(release.cases.all()),
            },
        ),
        "schedule_form": forms.get("schedule_form")
        or ScheduleForm(initial={"moment": release.scheduled_for} if release.scheduled_for else None),
        "withdraw_form": forms.get("withdraw_form") or ReasonForm(),
        "audit": audit_trail(release),
    }
    return render(request, "press/staff/detail.html", context, status=status)


def _back(request: HttpRequest, release: PressRelease, message: str, *, error: bool = False) -> HttpResponse:
    (messages.error if error else messages.success)(request, message)
    return redirect("press:detail", uid=release.uid)


@staff_page(VIEW)
def release_detail(request: HttpRequest, uid) -> HttpResponse:
    release = _release(request, uid)
    if request.method != "POST":
        return _detail(request, release)
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    form = PressReleaseForm(request.POST)
    if not form.is_valid():
        return _detail(request, release, 400, form=form)
    try:
        changed = actions.edit_press_release(release, by=request.user, **form.cleaned_data)
    except actions.PressReleaseStateError as error:
        return _back(request, release, str(error), error=True)
    return _back(
        request, release, gettext("The press release is saved.") if changed else gettext("Nothing changed.")
    )


@staff_page(VIEW, CHANGE)
@require_POST
def release_links(request: HttpRequest, uid) -> HttpResponse:
    release = _release(request, uid)
    form = LinksForm(request.POST, communications=visible_to(request.user))
    if not form.is_valid():
        return _detail(request, release, 400, links_form=form)
    try:
        changed = actions.link(release, by=request.user, **form.cleaned_data)
    except actions.PressReleaseStateError as error:
        return _back(request, release, str(error), error=True)
    return _back(
        request, release, gettext("The links are saved.") if changed else gettext("Nothing changed.")
    )


@staff_page(VIEW, CHANGE)
@require_POST
def release_schedule(request: HttpRequest, uid) -> HttpResponse:
    release = _release(request, uid)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        return _detail(request, release, 400, schedule_form=form)
    moment = form.cleaned_data["moment"]
    try:
        actions.schedule_press_release(release, at=moment, by=request.user)
    except actions.PressReleaseStateError as error:
        return _back(request, release, str(error), error=True)
    return _back(
        request,
        release,
        gettext("Scheduled for %(day)s at %(time)s Geneva time.")
        % {"day": day_in_words(moment), "time": dateformat.format(moment, "H:i")},
    )


@staff_page(VIEW, CHANGE)
@require_POST
def release_publish(request: HttpRequest, uid) -> HttpResponse:
    release = _release(request, uid)
    try:
        actions.publish_press_release(release, by=request.user)
    except actions.PressReleaseStateError as error:
        return _back(request, release, str(error), error=True)
    return _back(request, release, gettext("Published: the release is on the public site."))


@staff_page(VIEW, CHANGE)
@require_POST
def release_withdraw(request: HttpRequest, uid) -> HttpResponse:
    release = _release(request, uid)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _detail(request, release, 400, withdraw_form=form)
    actions.withdraw_press_release(release, reason=form.cleaned_data["reason"], by=request.user)
    return _back(request, release, gettext("Withdrawn: the release is off the public site for good."))
