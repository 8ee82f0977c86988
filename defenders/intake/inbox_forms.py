"""The staff inbox's forms: unlocking the key, and changing, answering or keeping a submission."""

from django import forms
from django.utils.translation import gettext_lazy as _

from defenders.clock import office_today

from .models import Submission


class UnlockForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Submission.Status.choices)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply to the source"), widget=forms.Textarea(attrs={"rows": 5}))


class ExtendForm(forms.Form):
    until = forms.DateField(label=_("Keep until"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= office_today():
            raise forms.ValidationError(_("Choose a day in the future."))
        return until
