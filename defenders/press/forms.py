"""Staff forms of press releases: they parse what staff type; defenders/press/actions.py decides and writes."""

from django import forms

from defenders.cases.models import Case
from defenders.communications.models import Communication


class PressReleaseForm(forms.Form):
    title = forms.CharField(max_length=300)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), max_length=100000)
    language = forms.ChoiceField(choices=Communication.Language.choices)


class LinksForm(forms.Form):
    communications = forms.ModelMultipleChoiceField(
        queryset=Communication.objects.none(),
        required=False,
        help_text="A release goes out only once every communication linked here was sent.",
    )
    cases = forms.ModelMultipleChoiceField(queryset=Case.objects.none(), required=False)

    def __init__(self, *args, communications, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["communications"].queryset = communications  # type: ignore[attr-defined]
        self.fields["cases"].queryset = Case.objects.order_by("-pk")  # type: ignore[attr-defined]


class ScheduleForm(forms.Form):
    # Read in Django's current zone, which is the office's (settings.TIME_ZONE comes from defenders.clock).
    moment = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        label="Goes out at",
        help_text="Geneva time, e.g. 2024-03-01 09:00.",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why.")
        return reason
