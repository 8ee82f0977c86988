"""“Suggest timeline” on a case: the extractor reads a submission filed under the case (unlocked by the
officer) or a pasted text, and the officer accepts its suggested events one by one. An accepted event is read
again from the source on the server, never taken from the post, and written by `actions.add_event`."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods

from defenders.accounts.access import staff_page
from defenders.core.templatetags.locale_format import local_day
from defenders.extraction.dates import from_iso
from defenders.extraction.kinds import EVENT_KINDS, case_event_kind
from defenders.extraction.reader import read_text
from defenders.intake import keyring
from defenders.intake.actions import reading
from defenders.intake.errors import NotSharedWithYou
from defenders.intake.models import Submission

from . import actions
from .from_submission import answers_of
from .models import Case, Event
from .staff_views import refused, staff

PASTED = "text"
TEXT_LIMIT = 100_000  # characters: a long letter is about 30,000
# The extractor's kinds the case file keeps as `other`, named for the officer (the others are Event.Kind's labels).
OTHER_KIND_LABELS = {
    "dissolution": gettext_lazy(
        "An organisation dissolved, liquidated, deregistered or its registration cancelled"
    ),
    "smear_campaign": gettext_lazy("Publicly stigmatised, labelled a terrorist or traitor, red-tagged"),
    "surveillance": gettext_lazy("Followed, watched, spyware, phone tapped"),
}
# The submission's answers read as prose, in this order.
PROSE_ANSWERS = ("information", "context", "perpetrators", "steps_taken", "risk_now")


class SuggestForm(forms.Form):
    source = forms.ChoiceField(label=pgettext_lazy("where to read suggestions from", "Read"))
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=TEXT_LIMIT,
        label=gettext_lazy("Pasted text"),
        help_text=gettext_lazy(
            "A published summary, a letter or an account, in English, French, Spanish or Russian."
        ),
    )
    accept = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, submissions: list[Submission], **kwargs):
        super().__init__(*args, **kwargs)
        source = self.fields["source"]
        assert isinstance(source, forms.ChoiceField)
        source.choices = [(PASTED, gettext("The text pasted below"))] + [
            (
                str(submission.uid),
                gettext("The submission received %(date)s") % {"date": local_day(submission.received_on)},
            )
            for submission in submissions
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == PASTED and not (data.get("text") or "").strip():
            raise ValidationError(
                gettext("Paste the text to read, or choose a submission filed under this case.")
            )
        return data


@dataclass(frozen=True)
class Suggestion:
    index: int
    event: dict[str, Any]
    details: actions.EventDetails
    label: str
    accepted: bool


def submission_prose(content: dict) -> str:
    """What the source wrote in prose, without their own details (answers_of leaves those out)."""
    shown, _, incidents = answers_of(content)
    parts = [shown[key].strip() for key in PROSE_ANSWERS if key in shown]
    parts += [str(incident["account"]).strip() for incident in incidents]
    return "\n\n".join(part for part in parts if part)


def event_details(event: dict[str, Any], provisions: list[dict[str, Any]]) -> actions.EventDetails:
    """The case's event for an extracted one; a kind the case file lacks becomes `other`, named in the summary."""
    kind = case_event_kind(event["kind"])
    summary = event["summary"]
    if kind != event["kind"]:
        summary = f"{EVENT_KINDS[event['kind']]}: {summary}"
    occurred_on, precision = from_iso(event["date"]) if event["date"] else (None, Event.Precision.UNKNOWN)
    codes = {provision["article"]: provision["code"] for provision in provisions}
    term = event.get("term")
    amount = event.get("amount")
    return actions.EventDetails(
        kind=kind,
        summary=summary,
        occurred_on=occurred_on,
        date_precision=precision,
        place=(event.get("place") or "")[:300],
        court=(event.get("court") or "")[:200],
        fine_amount=Decimal(amount["value"]) if amount else None,
        fine_currency=(amount or {}).get("currency", "")[:3],
        duration_months=(event.get("duration") or {}).get("months"),
        source_excerpt=event["evidence"]["text"],
        # A provision whose code the text does not name is left for the officer to add.
        provisions=[
            actions.Provision(code=codes[article], article=article)
            for article in event.get("legal_provisions", [])
            if codes.get(article)
        ],
        terms=[actions.Term(years=term.get("years", 0), months=term.get("months", 0))] if term else [],
    )


def _label(kind: str, case_kind: str) -> str:
    """The suggested event's kind for the officer, in the page's language."""
    if kind == case_kind:
        return str(Event.Kind(case_kind).label)
    return str(OTHER_KIND_LABELS.get(kind, EVENT_KINDS[kind]))


def suggestions_for(case: Case, text: str) -> tuple[list[Suggestion], list[dict[str, Any]]]:
    found = read_text(text)
    existing = set(case.events.values_list("kind", "source_excerpt"))
    suggestions = []
    for index, event in enumerate(found["events"]):
        details = event_details(event, found["legal_provisions"])
        suggestions.append(
            Suggestion(
                index=index,
                event=event,
                details=details,
                label=_label(event["kind"], details.kind),
                accepted=(details.kind, details.source_excerpt) in existing,
            )
        )
    return suggestions, found["checks"]


def _readable_submissions(request: HttpRequest, case: Case) -> list[Submission]:
    user = staff(request)
    if not user.has_perm("intake.read_submission"):
        return []
    return [
        submission
        for submission in case.submissions.order_by("received_on")
        if keyring.is_shared_with(submission, user)
    ]


@staff_page("cases.change_case")
@require_http_methods(["GET", "POST"])
def suggest_timeline(request: HttpRequest, uid) -> HttpResponse:
    case = get_object_or_404(Case, uid=uid)
    submissions = _readable_submissions(request, case)
    form = SuggestForm(request.POST if request.method == "POST" else None, submissions=submissions)
    context: dict[str, Any] = {"case": case, "form": form, "suggestions": None, "checks": []}
    if request.method != "POST" or not form.is_valid():
        return render(
            request, "cases/staff/suggest_timeline.html", context, status=400 if form.is_bound else 200
        )
    source = form.cleaned_data["source"]
    if source == PASTED:
        text = form.cleaned_data["text"]
    else:
        staff_key = keyring.session_staff_key(request)
        if staff_key is None:
            return redirect(f"{reverse('inbox:unlock')}?next={request.path}")
        submission = next(submission for submission in submissions if str(submission.uid) == source)
        try:
            opened = reading.open_submission(submission, by=staff(request), staff_private_key=staff_key)
        except NotSharedWithYou:
            return render(request, "intake/staff/not_shared.html", {"submission": submission}, status=403)
        text = submission_prose(opened.content)
    suggestions, checks = suggestions_for(case, text)
    chosen = form.cleaned_data.get("accept")
    if chosen is not None:
        if chosen >= len(suggestions):
            form.add_error(None, gettext("That suggestion is no longer in the text; read it again."))
        elif suggestions[chosen].accepted:
            messages.info(request, gettext("That event is on the case already."))
        else:
            try:
                event = actions.add_event(case, suggestions[chosen].details, by=staff(request))
            except ValidationError as error:
                refused(form, error)
            else:
                messages.success(request, gettext("Added to the case: %(event)s.") % {"event": event})
                suggestions, checks = suggestions_for(case, text)
    context.update({"suggestions": suggestions, "checks": checks, "text": text})
    return render(request, "cases/staff/suggest_timeline.html", context, status=400 if form.errors else 200)
