"""Staff login and second-factor forms."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("One-time code"),
        max_length=20,
        required=False,
        help_text=_(
            "The six digits of your authenticator app, or one of your backup codes. Leave empty only at your "
            "very first login, before you set up the app."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown by the app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class LanguageForm(forms.Form):
    """The staff member's own choice on their account page; each language is named in itself."""

    language = forms.ChoiceField(
        label=_("Language of the workspace and of your emails"),
        required=False,
        choices=[("", _("The language I last used")), *settings.LANGUAGES],
        help_text=_(
            "Sign-off requests, replies, the daily digest and every other email to you are written in it."
        ),
    )
