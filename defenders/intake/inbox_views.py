"""The staff inbox pages: submissions, meeting requests and contact messages, decrypted in memory for the reader."""

import dataclasses
from typing import cast
from urllib.parse import quote

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from defenders.vault import recovery
from defenders.vault.boxes import WrongPassword

from . import answers, keyring
from .actions import reading, retention, staff_keys
from .errors import NotARecipient, NotSharedWithYou
from .inbox_forms import ExtendForm, ReplyForm, StatusForm, UnlockForm
from .models import StaffKey, Submission, SubmissionFile

READ = permission_required(keyring.READ_PERMISSION, raise_exception=True)


def _staff(request: HttpRequest) -> User:
    """The signed-in staff member (every view here requires one)."""
    return cast(User, request.user)


@never_cache
@staff_member_required
@READ
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    submissions = Submission.objects.all()
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    if status in Submission.Status.values:
        submissions = submissions.filter(status=status)
    if kind in Submission.Kind.values:
        submissions = submissions.filter(kind=kind)
    page = Paginator(submissions, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "kind": kind,
        "statuses": Submission.Status.choices,
        "kinds": Submission.Kind.choices,
        "unlocked": keyring.session_staff_key(request) is not None,
    }
    return render(request, "intake/staff/inbox.html", context)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("inbox:inbox")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return reverse("inbox:inbox")
    return target


@never_cache
@staff_member_required
@READ
@require_http_methods(["GET", "POST"])
def unlock(request: HttpRequest) -> HttpResponse:
    form = UnlockForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "next": _safe_next(request)}
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data["password"]
        if not request.user.check_password(password):
            form.add_error("password", _("This is not your password."))
        elif not StaffKey.objects.filter(user=_staff(request)).exists():
            return _create_key(request, form, password, context)
        else:
            response = redirect(str(context["next"]))
            try:
                keyring.unlock_for_session(request, response, _staff(request), password)
            except WrongPassword:
                form.add_error(
                    "password", _("Your key does not open with this password; ask for access again.")
                )
            else:
                return response
    return render(request, "intake/staff/unlock.html", context, status=400 if form.errors else 200)


def _create_key(request: HttpRequest, form: UnlockForm, password: str, context: dict) -> HttpResponse:
    """The first unlock of an enabled recipient makes their key and shows its fingerprint, to compare with the one
    administrators see; anyone else is told to ask for it."""
    try:
        staff_key = staff_keys.set_up_staff_key(_staff(request), password)
    except NotARecipient as refused:
        form.add_error(None, str(refused))
        return render(request, "intake/staff/unlock.html", context, status=403)
    fingerprint = recovery.fingerprint(bytes(staff_key.public_key))
    response = render(request, "intake/staff/key_created.html", {**context, "fingerprint": fingerprint})
    keyring.unlock_for_session(request, response, _staff(request), password)
    return response


@never_cache
@staff_member_required
@require_POST
def lock(request: HttpRequest) -> HttpResponse:
    response = redirect("inbox:inbox")
    keyring.lock_session(request, response)
    return response


@never_cache
@staff_member_required
@READ
@require_http_methods(["GET", "POST"])
def submission_detail(request: HttpRequest, uid) -> HttpResponse:
    submission = get_object_or_404(Submission, uid=uid)
    staff_key = keyring.session_staff_key(request)
    if staff_key is None:
        return redirect(f"{reverse('inbox:unlock')}?next={request.path}")
    if not keyring.is_shared_with(submission, _staff(request)):
        return _not_shared(request, submission)
    forms_ = {
        "status": StatusForm(initial={"status": submission.status}),
        "reply": ReplyForm(),
        "extend": ExtendForm(),
    }
    if request.method == "POST":
        action = request.POST.get("action") or ""
        form_class = {"status": StatusForm, "reply": ReplyForm, "extend": ExtendForm}.get(action)
        if form_class is None:
            return HttpResponse("Unknown action", status=400)
        bound = form_class(request.POST)
        forms_[action] = bound
        if action == "reply" and not submission.follows_up_with_codename:
            bound.add_error(
                None, _("This submission has no codename: answer by the contact details it gives.")
            )
        if bound.is_valid():
            try:
                _act(request, submission, action, bound.cleaned_data)
            except NotSharedWithYou:  # access revoked since the check above
                return _not_shared(request, submission)
            return redirect("inbox:submission", uid=submission.uid)
    try:
        opened = reading.open_submission(submission, by=_staff(request), staff_private_key=staff_key)
    except NotSharedWithYou:
        return _not_shared(request, submission)
    opened = dataclasses.replace(opened, content=answers.readable(submission.kind, opened.content))
    context = {
        "opened": opened,
        "submission": submission,
        "forms": forms_,
        "deletion_due_on": retention.deletion_due_on(submission),
        "records": submission.access_records.select_related("user")[:50],
    }
    status = 400 if any(form.is_bound and form.errors for form in forms_.values()) else 200
    return render(request, "intake/staff/submission.html", context, status=status)


def _not_shared(request: HttpRequest, submission: Submission) -> HttpResponse:
    """The one answer to a staff member acting on a submission not sealed to their key, whatever the action."""
    return render(request, "intake/staff/not_shared.html", {"submission": submission}, status=403)


def _act(request: HttpRequest, submission: Submission, action: str, cleaned: dict) -> None:
    if action == "status":
        reading.change_status(submission, cleaned["status"], by=_staff(request))
    elif action == "reply":
        reading.reply_to_source(submission, cleaned["text"], by=_staff(request))
    else:
        retention.extend_retention(
            submission, until=cleaned["until"], reason=cleaned["reason"], by=_staff(request)
        )


@never_cache
@staff_member_required
@READ
@require_safe
def download(request: HttpRequest, uid, stored_name: str) -> HttpResponse:
    row = get_object_or_404(SubmissionFile, submission__uid=uid, stored_name=stored_name)
    staff_key = keyring.session_staff_key(request)
    if staff_key is None:
        return redirect(f"{reverse('inbox:unlock')}?next={reverse('inbox:submission', args=[uid])}")
    try:
        details, data = reading.download_file(row, by=_staff(request), staff_private_key=staff_key)
    except NotSharedWithYou:
        return _not_shared(request, row.submission)
    # Served as an opaque download, never rendered by the browser: its content came from anyone.
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(details['name'])}"
    return response


def _quote(name: str) -> str:
    return quote(name, safe="")


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    """Change the password and rewrap the staff key with it, so that access to submissions is kept."""
    form = PasswordChangeForm(_staff(request), request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        staff_keys.change_staff_password(
            _staff(request),
            old_password=form.cleaned_data["old_password"],
            new_password=form.cleaned_data["new_password1"],
        )
        update_session_auth_hash(request, _staff(request))
        return redirect("inbox:inbox")
    return render(request, "intake/staff/change_password.html", {"form": form})
