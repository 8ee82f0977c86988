"""Public intake pages: they parse the forms, call one action, and never log or keep who sent what."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.forms import BaseForm, BaseFormSet
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_stubs_ext import StrOrPromise

from . import metadata, source_forms, throttle
from .actions import sources
from .errors import IntakeNotReady
from .files import PreparedFile, RejectedFile, discard, prepare
from .models import Submission
from .uploads import REFUSED_ATTRIBUTE

logger = logging.getLogger(__name__)
T = TypeVar("T")
SOURCE_SESSION_KEY = "intake_source_submission"


@dataclass
class _RowsErrors:
    """A formset's errors about its rows as a whole (e.g. none given), shown in the summary like a form's."""

    non_field_errors: list

    def __iter__(self):
        return iter(())


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """Render a source page, listing at the top every form that has errors, with links to the fields."""
    error_forms: list = []
    for value in context.values():
        if isinstance(value, BaseFormSet) and value.is_bound:
            if value.non_form_errors():
                error_forms.append(_RowsErrors(list(value.non_form_errors())))
            error_forms += [form for form in value.forms if form.errors]
        elif isinstance(value, BaseForm) and value.is_bound and value.errors:
            error_forms.append(value)
    return render(request, template, {**context, "error_forms": error_forms}, status=status)


def _quiet(*forms_to_quiet) -> None:
    """Show bound forms without errors: the person only asked for one more row, and has not sent anything yet."""
    for form in forms_to_quiet:
        for each in form.forms if isinstance(form, BaseFormSet) else [form]:
            each._errors = ErrorDict()
            each.cleaned_data = {}


def _too_large(request: HttpRequest) -> HttpResponse | None:
    """A 413 page when the body is over the limits: announced too large, or stopped while streaming."""
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        announced = 0
    reason = getattr(request, REFUSED_ATTRIBUTE, None)
    if announced > settings.DEFENDERS_MAX_SUBMISSION_BYTES + 1024 * 1024 or reason:
        context = {
            "reason": reason or "submission_too_large",
            "max_file_mb": settings.DEFENDERS_MAX_FILE_BYTES // (1024 * 1024),
            "max_submission_mb": settings.DEFENDERS_MAX_SUBMISSION_BYTES // (1024 * 1024),
            "max_files": settings.DEFENDERS_MAX_FILES,
        }
        return render(request, "intake/too_large.html", context, status=413)
    return None


def _parse(request: HttpRequest) -> HttpResponse | None:
    """Read the body; answer 413 for an oversize one (nothing of it is kept)."""
    early = _too_large(request)
    if early is not None:
        return early
    try:
        request.POST, request.FILES  # noqa: B018 (parsing happens on access)
    except RequestDataTooBig:
        setattr(request, REFUSED_ATTRIBUTE, "submission_too_large")
    return _too_large(request)


def _prepare_files(form) -> list[PreparedFile] | None:
    """Check and clean every attachment; on a refused file, the error goes beside the field."""
    prepared: list[PreparedFile] = []
    # mat2 gets one budget for all the files of a request, so that the request ends before the worker's timeout.
    deadline = time.monotonic() + metadata.MAT2_TIMEOUT_SECONDS
    for upload in form.cleaned_data.get("attachments") or []:
        try:
            path = Path(upload.temporary_file_path())
            strip = form.cleaned_data["remove_metadata"]
            prepared.append(prepare(path, upload.name, strip_metadata=strip, deadline=deadline))
        except RejectedFile as error:
            form.add_error("attachments", str(error))
    if form.errors:
        for item in prepared:
            discard(item)
        return None
    return prepared


def _attempt(request: HttpRequest, prepared: list[PreparedFile], write: Callable[[], T]) -> T | HttpResponse:
    """Run the action that stores what a person sent; on any failure they see “not received”, and nothing is kept.
    The scratch copies of their files go either way."""
    try:
        return write()
    except IntakeNotReady as error:
        logger.error("Intake is refusing submissions: %s", error)  # an operator's task, worded for them
    except Exception as error:
        # Broad on purpose: whatever failed (database, disk, a bug), the person must see “not received” rather
        # than an error page, and the log gets the type only: the message could carry what they wrote.
        logger.error("A submission could not be stored (%s)", type(error).__name__)
    finally:
        for item in prepared:
            discard(item)
    return render(request, "intake/not_received.html", status=503)


def _bumped(data, prefix: str):
    """The same form data with one more empty row in a formset: “add another” without JavaScript."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(min(int(data.get(key, 1)) + 1, source_forms.MAX_ROWS))
    except ValueError:
        data[key] = "1"
    return data


@never_cache
@require_http_methods(["GET", "POST"])
def submit_confidential(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        blank: dict[str, Any] = {
            "form": source_forms.ConfidentialSubmissionForm(initial={"language": request.LANGUAGE_CODE[:2]}),
            "persons": source_forms.PersonsFormSet(prefix="persons"),
            "incidents": source_forms.IncidentsFormSet(prefix="incidents"),
        }
        return _page(request, "intake/submit_confidential.html", blank)
    refused = _parse(request)
    if refused is not None:
        return refused
    data = request.POST
    if not source_forms.row_counts_are_sane(data):
        return _forged_row_count(request)
    adding = next((name for name in ("persons", "incidents") if f"add_{name}" in data), None)
    if adding:
        data = _bumped(data, adding)
    form = source_forms.ConfidentialSubmissionForm(data, request.FILES)
    persons = source_forms.PersonsFormSet(data, prefix="persons")
    incidents = source_forms.IncidentsFormSet(data, prefix="incidents")
    context: dict[str, Any] = {"form": form, "persons": persons, "incidents": incidents, "adding": adding}
    if adding:
        persons.is_valid(), incidents.is_valid()  # builds the rows; their errors are then hidden
        _quiet(form, persons, incidents)
        context["files_dropped"] = bool(request.FILES)
        return _page(request, "intake/submit_confidential.html", context)
    valid = [form.is_valid(), persons.is_valid(), incidents.is_valid()]
    if not all(valid):
        return _page(request, "intake/submit_confidential.html", context, status=400)
    prepared = _prepare_files(form)
    if prepared is None:
        return _page(request, "intake/submit_confidential.html", context, status=400)
    content = source_forms.confidential_content(form, persons, incidents)
    language = form.cleaned_data["language"]
    result = _attempt(
        request,
        prepared,
        lambda: sources.receive_submission(
            kind=Submission.Kind.CONFIDENTIAL,
            content=content,
            prepared_files=prepared,
            language=language,
            with_codename=True,
        ),
    )
    if isinstance(result, HttpResponse):
        return result
    return render(request, "intake/receipt.html", {"codename": result.codename})


def _forged_row_count(request: HttpRequest) -> HttpResponse:
    """A 400 with the blank form and one plain message: nothing sent is shown again, nothing costly is built."""
    form = source_forms.ConfidentialSubmissionForm(request.POST)
    _quiet(form)
    form.add_error(None, source_forms.ROW_COUNT_REFUSED)
    context = {
        "form": form,
        "persons": source_forms.PersonsFormSet(prefix="persons"),
        "incidents": source_forms.IncidentsFormSet(prefix="incidents"),
    }
    return _page(request, "intake/submit_confidential.html", context, status=400)


def _simple_form(
    request: HttpRequest, form_class, kind: str, template: str, heading: StrOrPromise
) -> HttpResponse:
    extra = {"heading": heading}
    if request.method == "GET":
        return _page(request, template, {"form": form_class(), **extra})
    refused = _parse(request)
    if refused is not None:
        return refused
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, template, {"form": form, **extra}, status=400)
    prepared = _prepare_files(form) if "attachments" in form.fields else []
    if prepared is None:
        return _page(request, template, {"form": form, **extra}, status=400)
    content = source_forms.sealed_answers(form)
    language = form.cleaned_data.get("language", "en")
    result = _attempt(
        request,
        prepared,
        lambda: sources.receive_submission(
            kind=kind, content=content, prepared_files=prepared, language=language, with_codename=False
        ),
    )
    if isinstance(result, HttpResponse):
        return result
    return render(request, "intake/thanks.html", {"kind": kind})


@never_cache
@require_http_methods(["GET", "POST"])
def submit_information(request: HttpRequest) -> HttpResponse:
    return _simple_form(
        request,
        source_forms.GeneralSubmissionForm,
        Submission.Kind.GENERAL,
        "intake/submit_information.html",
        _("Submit information"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def request_meeting(request: HttpRequest) -> HttpResponse:
    return _simple_form(
        request,
        source_forms.MeetingRequestForm,
        Submission.Kind.MEETING,
        "intake/request_meeting.html",
        _("Request a meeting with the Special Rapporteur or the team"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    return _simple_form(
        request,
        source_forms.ContactForm,
        Submission.Kind.CONTACT,
        "intake/contact.html",
        _("Contact the Special Rapporteur"),
    )


# Follow-up with a codename


@never_cache
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    """Log in with the codename and read the conversation; the key derived from it is never stored."""
    if request.method == "GET":
        return _page(request, "intake/follow_up_login.html", {"form": source_forms.CodenameForm()})
    form = source_forms.CodenameForm(request.POST)
    if not form.is_valid():
        return _page(request, "intake/follow_up_login.html", {"form": form}, status=400)
    codename = form.cleaned_data["codename"]
    try:
        if throttle.is_blocked(codename):
            return render(request, "intake/throttled.html", status=429)
        submission = sources.authenticate_source(codename)
    except IntakeNotReady as error:
        logger.error("Intake is refusing codenames: %s", error)  # an operator's task, worded for them
        return render(request, "intake/not_received.html", status=503)
    if submission is None:
        throttle.record_failure(codename)
        form.add_error("codename", source_forms.CODENAME_REFUSED)
        return _page(request, "intake/follow_up_login.html", {"form": form}, status=400)
    request.session.cycle_key()
    request.session[SOURCE_SESSION_KEY] = str(submission.uid)
    context = {
        "thread": sources.read_thread_as_source(submission, codename),
        "form": source_forms.SourceMessageForm(),
        "submission": submission,
    }
    return render(request, "intake/follow_up_thread.html", context)


def _source_submission(request: HttpRequest) -> Submission | None:
    uid = request.session.get(SOURCE_SESSION_KEY)
    return Submission.objects.filter(uid=uid).first() if uid else None


@never_cache
@require_http_methods(["POST"])
def follow_up_add(request: HttpRequest) -> HttpResponse:
    submission = _source_submission(request)
    if submission is None:
        return render(
            request,
            "intake/follow_up_login.html",
            {"form": source_forms.CodenameForm(), "expired": True},
            status=403,
        )
    refused = _parse(request)
    if refused is not None:
        return refused
    form = source_forms.SourceMessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, "intake/follow_up_add.html", {"form": form}, status=400)
    prepared = _prepare_files(form)
    if prepared is None:
        return _page(request, "intake/follow_up_add.html", {"form": form}, status=400)
    message = form.cleaned_data.get("message", "")
    result = _attempt(request, prepared, lambda: sources.add_source_message(submission, message, prepared))
    if isinstance(result, HttpResponse):
        return result
    return render(request, "intake/follow_up_added.html", {"file_count": len(prepared)})


@never_cache
@require_http_methods(["POST"])
def follow_up_logout(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    return render(
        request, "intake/follow_up_login.html", {"form": source_forms.CodenameForm(), "logged_out": True}
    )
