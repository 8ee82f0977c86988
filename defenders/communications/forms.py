"""Staff forms of a sent communication: they parse what staff type; the actions decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from defenders.clock import is_plausible_day

from . import actions
from .models import Communication, Reply
from .states import STATES

TYPES = [("", _("Any type")), *Communication.Type.choices]


class _NamedInTheirLanguage:
    """Options that name communications carry each one's language: a title (all a draft has) is its own text."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(  # type: ignore[misc]
            name, value, label, selected, index, subindex=subindex, attrs=attrs
        )
        communication = getattr(value, "instance", None)
        if isinstance(communication, Communication):
            option["attrs"]["lang"] = communication.language
        return option


class CommunicationsSelect(_NamedInTheirLanguage, forms.SelectMultiple):
    pass


class CommunicationsCheckboxes(_NamedInTheirLanguage, forms.CheckboxSelectMultiple):
    pass


class ListFilters(forms.Form):
    """The list's GET filters; a value it cannot read is ignored (the list then filters less), never an error."""

    state = forms.ChoiceField(
        required=False,
        choices=[("", _("Any state")), *STATES.items()],
        label=pgettext_lazy("where a communication stands", "State"),
    )
    type = forms.ChoiceField(required=False, choices=TYPES, label=_("Type"))
    country = forms.CharField(required=False, max_length=3, label=_("Addressee code"))
    public_within = forms.IntegerField(
        required=False, min_value=0, max_value=3650, label=_("Public within (days)")
    )
    sent_within = forms.IntegerField(
        required=False, min_value=1, max_value=36500, label=_("Sent within (days)")
    )
    q = forms.CharField(required=False, max_length=200, label=_("Reference or title"))


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, label=_("Reason"))

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why."))
        return reason


class CorrectionForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        label=_("Note"),
        help_text=_("What the corrected letter changes, and why. The versions before it stay as they were."),
    )

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("Say what the correction changes."))
        return note


class ReplyForm(forms.Form):
    received_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label=_("Date received"))
    kind = forms.ChoiceField(choices=Reply.Kind.choices, label=_("Kind of reply"))
    language = forms.ChoiceField(choices=Communication.Language.choices, label=_("Language"))
    file = forms.FileField(required=False, label=_("File"), help_text=_("The reply as received (PDF)."))
    translation_pending = forms.BooleanField(required=False, label=_("Translation pending"))
    summary = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=20000, label=_("Summary")
    )

    def __init__(self, *args, communication: Communication, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.communication = communication

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if not is_plausible_day(day):
            raise forms.ValidationError(actions.reply_date_problem(self.communication, day) or "")
        problem = actions.reply_date_problem(self.communication, day)
        if problem is not None:
            raise forms.ValidationError(problem)
        return day


class ReplyCorrectionForm(ReplyForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        label=_("Reason"),
        help_text=_("What was wrong, for the audit trail."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why."))
        return reason


class FollowUpsForm(forms.Form):
    earlier = forms.ModelMultipleChoiceField(
        queryset=Communication.objects.none(),
        required=False,
        widget=CommunicationsCheckboxes,
        label=_("Follows up"),
    )

    def __init__(self, *args, communication: Communication, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.communication = communication
        self.fields["earlier"].queryset = candidates  # type: ignore[attr-defined]

    def clean_earlier(self):
        earlier = list(self.cleaned_data["earlier"])
        problem = actions.follow_up_problem(self.communication, earlier)
        if problem is not None:
            raise forms.ValidationError(problem)
        return earlier


class UpdateForm(forms.Form):
    update = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        label=_("Since the communication was sent"),
        help_text=_("Shown on the public page once the communication is public; leave empty for none."),
    )
