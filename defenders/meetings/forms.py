"""Staff forms of meetings: they parse what staff type; defenders/meetings/actions.py decides and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Meeting

STATUSES = [("", _("Any status")), *Meeting.Status.choices]


class ListFilters(forms.Form):
    status = forms.ChoiceField(required=False, choices=STATUSES, label=_("Status"))


class OpenForm(forms.Form):
    submission = forms.UUIDField(required=False)
    case = forms.UUIDField(required=False)

    def clean(self):
        cleaned = super().clean() or {}
        if bool(cleaned.get("submission")) == bool(cleaned.get("case")):
            raise forms.ValidationError(_("Open a meeting for one meeting request or one case."))
        return cleaned


class ScheduleForm(forms.Form):
    # Read in Django's current zone, which is the office's (settings.TIME_ZONE comes from defenders.clock).
    at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), label=_("Date and time (Geneva)")
    )
    place_or_link = forms.CharField(max_length=500, label=_("Place or link"))
    participants = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class DeclineForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why."))
        return reason


class OutcomeForm(forms.Form):
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)

    def clean_outcome(self) -> str:
        outcome = self.cleaned_data["outcome"].strip()
        if not outcome:
            raise forms.ValidationError(_("Say what came of the meeting."))
        return outcome
