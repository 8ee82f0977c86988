"""The forms of the drafting pages: they parse what staff send; the actions decide."""

from functools import cache

import pycountry
from babel import Locale
from django import forms
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from defenders.addressees import countries
from defenders.addressees.models import Addressee
from defenders.cases.models import Case
from defenders.communications.models import Communication
from defenders.mandates.models import Mandate

from .models import SECTION_LABELS, SECTIONS, LawParagraph, StandardQuestion

MAX_SECTION = 50_000


def state_choices() -> list[tuple[str, str]]:
    """The States by their short names: the UN's in English, the CLDR's (Babel) in the page's other languages."""
    return _state_choices(translation.get_language() or "en")


@cache
def _state_choices(language: str) -> list[tuple[str, str]]:
    names = {} if language.startswith("en") else Locale.parse(translation.to_locale(language)).territories
    choices = []
    for record in pycountry.countries:
        found = countries.lookup(record.alpha_3)
        if found is not None:
            choices.append((found.code, str(names.get(record.alpha_2, found.short_name))))
    return sorted(choices, key=lambda choice: choice[1])


def english(text: object) -> str:
    """A choice's label that is English data (a mandate's title, a standard paragraph), marked as such."""
    return format_html('<span lang="en">{}</span>', text)


class LibraryChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return english(obj)


class MandateChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return english(obj)


def law_choices() -> LibraryChoices:
    return LibraryChoices(
        queryset=LawParagraph.objects.filter(is_active=True), required=False, label=_("Applicable law")
    )


def question_choices() -> LibraryChoices:
    return LibraryChoices(
        queryset=StandardQuestion.objects.filter(is_active=True), required=False, label=_("Questions")
    )


class NewDraftForm(forms.Form):
    case = forms.ModelChoiceField(queryset=Case.objects.all(), to_field_name="uid", label=_("Case"))
    type = forms.ChoiceField(choices=Communication.Type.choices, label=_("Type"))
    state = forms.ChoiceField(
        required=False,
        label=_("Addressee: a State"),
        help_text=_("Leave empty to write to another actor (OTH)."),
    )
    other_kind = forms.ChoiceField(
        required=False,
        label=_("or another actor, of the kind"),
        choices=[("", "—")] + [c for c in Addressee.Kind.choices if c[0] != Addressee.Kind.STATE],
    )
    other_name = forms.CharField(required=False, max_length=200, label=_("named"))
    copied = forms.MultipleChoiceField(required=False, label=_("Copied States"))
    # The mandates' titles are English: the select and each label say so.
    lead_mandate = forms.ModelChoiceField(
        queryset=Mandate.objects.all(), label=_("Lead mandate"), widget=forms.Select(attrs={"lang": "en"})
    )
    co_signing_mandates = MandateChoices(
        queryset=Mandate.objects.all(), required=False, label=_("Co-signing mandates")
    )
    language = forms.ChoiceField(
        choices=Communication.Language.choices, initial=Communication.Language.ENGLISH, label=_("Language")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "—"), *state_choices()]  # type: ignore[attr-defined]
        self.fields["copied"].choices = state_choices()  # type: ignore[attr-defined]
        self.fields["law_paragraphs"] = law_choices()
        self.fields["questions"] = question_choices()

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        state, kind, name = (
            cleaned.get("state"),
            cleaned.get("other_kind"),
            cleaned.get("other_name", "").strip(),
        )
        if bool(state) == bool(kind or name):
            raise forms.ValidationError(
                _("Choose a State, or the kind and name of another actor: one of the two.")
            )
        if not state and not (kind and name):
            raise forms.ValidationError(_("Another actor needs both its kind and its name."))
        return cleaned

    def addressee(self) -> Addressee:
        """The addressee chosen, made on first use (a State from ISO 3166, another actor by its name)."""
        data = self.cleaned_data
        if data["state"]:
            return Addressee.state(data["state"])
        return Addressee.find_or_create(kind=data["other_kind"], name=data["other_name"].strip())

    def copied_states(self) -> list[Addressee]:
        return [Addressee.state(code) for code in self.cleaned_data["copied"]]


class SignatoriesForm(forms.Form):
    # The mandates' titles are English: the select and each label say so.
    lead_mandate = forms.ModelChoiceField(
        queryset=Mandate.objects.all(), label=_("Lead mandate"), widget=forms.Select(attrs={"lang": "en"})
    )
    co_signing_mandates = MandateChoices(
        queryset=Mandate.objects.all(), required=False, label=_("Co-signing mandates")
    )

    def mandates(self) -> list[Mandate]:
        lead = self.cleaned_data["lead_mandate"]
        return [lead, *(m for m in self.cleaned_data["co_signing_mandates"] if m.pk != lead.pk)]


class SectionsForm(forms.Form):
    """One textarea per section, the picks of law and questions, and a note on what changed."""

    note = forms.CharField(required=False, max_length=300, help_text=_("What changed and why (optional)."))
    rebuild = forms.BooleanField(
        required=False,
        label=_("Write the law and questions sections afresh from the picks below"),
        help_text=_("Otherwise the two sections keep the text above."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key in SECTIONS:
            self.fields[key] = forms.CharField(
                required=key == "public_title",
                strip=False,
                max_length=MAX_SECTION if key != "public_title" else 300,
                label=SECTION_LABELS[key],
                widget=forms.TextInput if key == "public_title" else forms.Textarea(attrs={"rows": 8}),
            )
        # Not "law" and "questions": those are the sections' own names.
        self.fields["picked_law"] = law_choices()
        self.fields["picked_questions"] = question_choices()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve this version")), ("changes", _("Ask for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "changes" and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say which changes you ask for."))
        return cleaned


class LawParagraphForm(forms.ModelForm):
    class Meta:
        model = LawParagraph
        fields = ["instrument", "article", "title", "text", "order"]


class StandardQuestionForm(forms.ModelForm):
    class Meta:
        model = StandardQuestion
        fields = ["text", "order"]
