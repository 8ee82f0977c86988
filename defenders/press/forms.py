"""Staff forms of press releases: they parse what staff type; defenders/press/actions.py decides and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from defenders.cases.models import Case
from defenders.communications.forms import CommunicationsSelect
from defenders.communications.models import Communication


class PressReleaseForm(forms.Form):
    title = forms.CharField(max_length=300, label=_("Title"))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), max_length=100000, label=_("Text"))
    language = forms.ChoiceField(choices=Communication.Language.choices, label=_("Language"))


class LinksForm(forms.Form):
    communications = forms.ModelMultipleChoiceField(
        queryset=Communication.objects.none(),
        required=False,
        widget=CommunicationsSelect,
        label=_("Communications"),
        help_text=_("A release goes out only once every communication linked here was sent."),
    )
    cases = forms.ModelMultipleChoiceField(queryset=Case.objects.none(), required=False, label=_("Cases"))

    def __init__(self, *args, communications, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["communications"].queryset = communications  # type: ignore[attr-defined]
        self.fields["cases"].queryset = Case.objects.order_by("-pk")  # type: ignore[attr-defined]


class ScheduleForm(forms.Form):
    # Read in Django's current zone, which is the office's (settings.TIME_ZONE comes from defenders.clock).
    moment = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        label=_("Goes out at"),
        help_text=_("Geneva time, e.g. 2024-03-01 09:00."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, label=_("Reason"))

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why."))
        return reason
