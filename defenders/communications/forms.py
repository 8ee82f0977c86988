"""Staff forms of a sent communication: they parse what staff type; the actions decide and write."""

from django import forms

from defenders.clock import PLAUSIBLE_DAYS, is_plausible_day

from . import actions
from .models import Communication, Reply
from .states import STATES

TYPES = [("", "Any type"), *Communication.Type.choices]


class ListFilters(forms.Form):
    """The list's GET filters; a value it cannot read is ignored (the list then filters less), never an error."""

    state = forms.ChoiceField(required=False, choices=[("", "Any state"), *STATES.items()])
    type = forms.ChoiceField(required=False, choices=TYPES)
    country = forms.CharField(required=False, max_length=3, label="Addressee code")
    public_within = forms.IntegerField(
        required=False, min_value=0, max_value=3650, label="Public within (days)"
    )
    sent_within = forms.IntegerField(required=False, min_value=1, max_value=36500, label="Sent within (days)")
    q = forms.CharField(required=False, max_length=200, label="Reference or title")


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why.")
        return reason


class CorrectionForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="What the corrected letter changes, and why. The versions before it stay as they were.",
    )

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError("Say what the correction changes.")
        return note


class ReplyForm(forms.Form):
    received_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Date received")
    kind = forms.ChoiceField(choices=Reply.Kind.choices)
    language = forms.ChoiceField(choices=Communication.Language.choices)
    file = forms.FileField(required=False, help_text="The reply as received (PDF).")
    translation_pending = forms.BooleanField(required=False, label="Translation pending")
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)

    def __init__(self, *args, communication: Communication, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.communication = communication

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if not is_plausible_day(day):
            raise forms.ValidationError(f"A reply date must be {PLAUSIBLE_DAYS}.")
        problem = actions.reply_date_problem(self.communication, day)
        if problem is not None:
            raise forms.ValidationError(problem)
        return day


class ReplyCorrectionForm(ReplyForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="What was wrong, for the audit trail.",
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why.")
        return reason


class FollowUpsForm(forms.Form):
    earlier = forms.ModelMultipleChoiceField(
        queryset=Communication.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Follows up",
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
        label="Since the communication was sent",
        help_text="Shown on the public page once the communication is public; leave empty for none.",
    )
