"""A submission's sealed answers as staff read them: each field under its label and each choice in its wording,
in the reader's language. The sealed content keeps the forms' field names and values, whatever the language."""

from django import forms

from . import source_forms
from .models import Submission

ANSWER_FORMS: dict[str, type[forms.Form]] = {
    Submission.Kind.CONFIDENTIAL: source_forms.ConfidentialSubmissionForm,
    Submission.Kind.GENERAL: source_forms.GeneralSubmissionForm,
    Submission.Kind.MEETING: source_forms.MeetingRequestForm,
    Submission.Kind.CONTACT: source_forms.ContactForm,
}


def labelled(answers: dict, form_class: type[forms.Form]) -> dict[str, object]:
    """The answers keyed by their fields' labels; a choice's value replaced by its wording. A name no field has
    (an answer sealed by an older form) is kept as it was."""
    shown: dict[str, object] = {}
    for name, value in answers.items():
        field = form_class.base_fields.get(name)
        if field is None:
            shown[name] = value
            continue
        choices = {str(key): str(label) for key, label in getattr(field, "choices", None) or ()}
        shown[str(field.label)] = choices.get(str(value), value) if choices else value
    return shown


def readable(kind: str, content: dict) -> dict:
    """The content in the same shape as it was sealed, with its field names and choices made readable."""
    form_class = ANSWER_FORMS.get(kind)
    if form_class is None:
        return content
    if kind != Submission.Kind.CONFIDENTIAL:
        return labelled(content, form_class)
    return {
        **content,
        "form": labelled(content.get("form", {}), form_class),
        "persons": [
            labelled(person, source_forms.PersonConcernedForm) for person in content.get("persons", [])
        ],
    }
