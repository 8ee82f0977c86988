"""Opening a case from a submission: the officer reads it unlocked and ticks what to copy. Nothing is copied
unless ticked, and the source's own details (who they are, how to reach them) are never offered."""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from defenders.accounts.access import staff_page
from defenders.addressees.models import Addressee
from defenders.intake import keyring
from defenders.intake.actions import reading
from defenders.intake.errors import NotSharedWithYou
from defenders.intake.models import Submission
from defenders.intake.source_forms import ConfidentialSubmissionForm, PersonConcernedForm

from . import actions
from .models import Event, Person
from .staff_views import refused, staff

# What the source said about themselves and how to reach them: never shown here, never copied.
SOURCE_OWN_DETAILS = frozenset(
    {
        "submitter_name",
        "submitter_organisation",
        "submitter_relationship",
        "preferred_contact",
        "contact_details",
        "name",
        "email",
    }
)
# What the page shows of a submission's other answers, in this order (the rest is read in the inbox).
SHOWN_ANSWERS = {
    "subject": gettext_lazy("Subject"),
    "country": gettext_lazy("Country concerned (as the source wrote it)"),
    "information": gettext_lazy("Information"),
    "perpetrators": gettext_lazy("Alleged perpetrators"),
    "risk_now": gettext_lazy("The risk now"),
    "urgency": gettext_lazy("Urgency"),
    "steps_taken": gettext_lazy("Steps taken in the country"),
    "context": gettext_lazy("Context"),
    "consents_to_naming_to_government": gettext_lazy("Persons agree to be named to the Government"),
    "consents_to_naming_in_public": gettext_lazy("Persons agree to be named in public"),
}
GENDERS = {"female": Person.Gender.FEMALE, "woman": Person.Gender.FEMALE, "male": Person.Gender.MALE}
GENDERS |= {"man": Person.Gender.MALE, "non-binary": Person.Gender.NON_BINARY}
GENDERS |= {"non binary": Person.Gender.NON_BINARY, "nonbinary": Person.Gender.NON_BINARY}
OPENABLE = (Submission.Kind.CONFIDENTIAL, Submission.Kind.GENERAL)


def _clip(text: object, length: int) -> str:
    text = str(text or "").strip()
    return text if len(text) <= length else text[: length - 1] + "…"


# The answers the source chose from a list, shown as the list's words in the page's language; the rest is prose.
CHOSEN_ANSWERS = ("urgency", "consents_to_naming_to_government", "consents_to_naming_in_public")


def _shown(key: str, value: str) -> tuple[str, bool]:
    """An answer as the page shows it, and whether it is the source's own words (in the submission's language)."""
    if key not in CHOSEN_ANSWERS:
        return value, True
    choices = dict(ConfidentialSubmissionForm.base_fields["urgency"].choices)  # type: ignore[attr-defined]
    choices |= {"yes": gettext("yes"), "no": gettext("no")}
    return str(choices.get(value, value)), False


def _person_label(key: str) -> str:
    field = PersonConcernedForm.base_fields.get(key)
    return str(field.label) if field is not None and field.label else key


def answers_of(content: dict) -> tuple[dict, list[dict], list[dict]]:
    """The submission's answers (without the source's own details), its persons and its incidents."""
    answers = content.get("form", content)
    shown = {
        key: answers[key]
        for key in SHOWN_ANSWERS
        if key not in SOURCE_OWN_DETAILS and isinstance(answers.get(key), str) and answers[key].strip()
    }
    persons = [p for p in content.get("persons", []) if isinstance(p, dict) and p.get("name")]
    incidents = [i for i in content.get("incidents", []) if isinstance(i, dict) and i.get("account")]
    return shown, persons, incidents


def partial_date(text: str) -> tuple[date | None, str]:
    """The intake's YYYY, YYYY-MM or YYYY-MM-DD as a day and its precision."""
    try:
        parts = [int(part) for part in text.split("-")] if text else []
        if len(parts) == 1:
            return date(parts[0], 1, 1), Event.Precision.YEAR
        if len(parts) == 2:
            return date(parts[0], parts[1], 1), Event.Precision.MONTH
        if len(parts) == 3:
            return date(*parts), Event.Precision.DAY
    except ValueError:
        pass
    return None, Event.Precision.UNKNOWN


class FromSubmissionForm(forms.Form):
    """The officer's choices. Only ticks, a role, a kind and the typed title and summary come from the post: what
    is copied is read again from the sealed submission, so that a forged post cannot put words in the source's."""

    title = forms.CharField(
        max_length=300,
        label=gettext_lazy("Title"),
        help_text=gettext_lazy("The case's title, in the office's words."),
    )
    country = forms.ModelChoiceField(
        Addressee.objects.order_by("short_name"), required=False, label=gettext_lazy("Country")
    )
    copy_summary = forms.BooleanField(required=False, label=gettext_lazy("Copy this summary into the case"))
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), required=False, label=gettext_lazy("Summary")
    )

    def __init__(
        self, *args, persons: list[dict], incidents: list[dict], consents: tuple[bool, bool], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.persons, self.incidents = persons, incidents
        for index, person in enumerate(persons):
            self.fields[f"person_{index}"] = forms.BooleanField(
                required=False, label=gettext("Copy %(name)s") % {"name": _clip(person["name"], 200)}
            )
            self.fields[f"person_{index}_role"] = forms.CharField(
                max_length=100,
                required=False,
                initial="human rights defender",
                label=gettext("Role in the case"),
            )
            self.fields[f"person_{index}_to_addressee"] = forms.BooleanField(
                required=False, initial=consents[0], label=gettext("May be named to the addressee")
            )
            self.fields[f"person_{index}_in_public"] = forms.BooleanField(
                required=False, initial=consents[1], label=gettext("May be named in public")
            )
            if person.get("organisation"):
                self.fields[f"person_{index}_organisation"] = forms.BooleanField(
                    required=False,
                    label=gettext("Also link the organisation “%(name)s”")
                    % {"name": _clip(person["organisation"], 200)},
                )
        for index in range(len(incidents)):
            self.fields[f"incident_{index}"] = forms.BooleanField(
                required=False, label=gettext("Copy as an event")
            )
            self.fields[f"incident_{index}_kind"] = forms.ChoiceField(
                choices=Event.Kind.choices,
                initial=Event.Kind.OTHER,
                required=False,
                label=gettext("Kind of event"),
            )

    def person_rows(self) -> list[dict]:
        return [
            {
                "source": person,
                # What the source wrote of the person, each under the intake form's own label.
                "facts": [
                    (_person_label(key), value) for key, value in person.items() if value and key != "name"
                ],
                "fields": [
                    self[name]
                    for name in (
                        f"person_{index}",
                        f"person_{index}_role",
                        f"person_{index}_to_addressee",
                        f"person_{index}_in_public",
                        f"person_{index}_organisation",
                    )
                    if name in self.fields
                ],
            }
            for index, person in enumerate(self.persons)
        ]

    def incident_rows(self) -> list[dict]:
        return [
            {"source": incident, "fields": [self[f"incident_{index}"], self[f"incident_{index}_kind"]]}
            for index, incident in enumerate(self.incidents)
        ]

    def chosen(self) -> actions.CaseFromSubmission:
        data = self.cleaned_data
        chosen = actions.CaseFromSubmission(
            title=data["title"],
            country=data["country"],
            summary=data["summary"] if data["copy_summary"] else "",
        )
        for index, person in enumerate(self.persons):
            # The organisation has a tick of its own: a person's affiliation can matter without the person.
            if data.get(f"person_{index}_organisation"):
                # Not "of <name>": the person may not be copied, and their name must not come in this way.
                relation = "affiliation of a person named in the submission"
                chosen.organisations.append((_clip(person["organisation"], 300), relation))
            if not data.get(f"person_{index}"):
                continue
            chosen.persons.append(
                actions.PersonDetails(
                    name=_clip(person["name"], 200),
                    role=data[f"person_{index}_role"],
                    consents_to_naming_to_addressee=data[f"person_{index}_to_addressee"],
                    consents_to_naming_in_public=data[f"person_{index}_in_public"],
                    gender=GENDERS.get(str(person.get("gender") or "").strip().lower(), ""),
                    professions=_clip(person.get("profession"), 300),
                    focus=_clip(person.get("activities"), 300),
                )
            )
        for index, incident in enumerate(self.incidents):
            if not data.get(f"incident_{index}"):
                continue
            day, precision = partial_date(str(incident.get("date") or ""))
            chosen.events.append(
                actions.EventDetails(
                    kind=data[f"incident_{index}_kind"] or Event.Kind.OTHER,
                    summary=str(incident["account"]),
                    occurred_on=day,
                    date_precision=precision,
                    place=_clip(incident.get("place"), 300),
                    source_excerpt=str(incident["account"]),
                )
            )
        return chosen


def _consents(answers: dict) -> tuple[bool, bool]:
    return (
        answers.get("consents_to_naming_to_government") == "yes",
        answers.get("consents_to_naming_in_public") == "yes",
    )


@staff_page("intake.read_submission", "cases.add_case")
@require_http_methods(["GET", "POST"])
def new_from_submission(request: HttpRequest, submission_uid) -> HttpResponse:
    submission = get_object_or_404(Submission, uid=submission_uid, kind__in=OPENABLE)
    staff_key = keyring.session_staff_key(request)
    if staff_key is None:
        return redirect(f"{reverse('inbox:unlock')}?next={request.path}")
    if submission.case is not None:
        messages.info(
            request, gettext("This submission is filed under this case already; nothing was copied.")
        )
        return redirect(submission.case)
    try:
        opened = reading.open_submission(submission, by=staff(request), staff_private_key=staff_key)
    except NotSharedWithYou:
        return render(request, "intake/staff/not_shared.html", {"submission": submission}, status=403)
    shown, persons, incidents = answers_of(opened.content)
    form = FromSubmissionForm(
        request.POST if request.method == "POST" else None,
        persons=persons,
        incidents=incidents,
        consents=_consents(opened.content.get("form", opened.content)),
        initial={"summary": shown.get("risk_now") or shown.get("information", "")},
    )
    # The summary offered is the source's own words, in the submission's language.
    form.fields["summary"].widget.attrs["lang"] = submission.language
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.open_case_from_submission(submission, form.chosen(), by=staff(request))
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, gettext("The case was opened and the submission marked accepted."))
            return redirect(case)
    context = {
        "submission": submission,
        "answers": [(str(SHOWN_ANSWERS[key]), *_shown(key, value)) for key, value in shown.items()],
        "form": form,
    }
    return render(request, "cases/staff/from_submission.html", context, status=400 if form.errors else 200)
