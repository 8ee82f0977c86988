"""The form staff fill in to add or change a reporting period; the rules themselves live in the model's clean()."""

from django import forms

from .models import ReportingPeriod


class ReportingPeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["session", "sent_from", "sent_to", "replies_from", "replies_to"]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("sent_from", "sent_to", "replies_from", "replies_to")
        }

    def validate_unique(self) -> None:
        # The action checks the whole period (full_clean) once the form's fields are read.
        pass

    def _post_clean(self) -> None:
        # The model's clean() runs in the action, with the refusal shown on the form (period_views.refused).
        pass
