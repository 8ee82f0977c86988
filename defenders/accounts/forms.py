"""Staff login and second-factor forms."""

from django import forms

CODE_HELP = "The six digits of your authenticator app, or one of your backup codes."


class LoginForm(forms.Form):
    username = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    code = forms.CharField(
        label="One-time code",
        max_length=20,
        required=False,
        help_text=CODE_HELP + " Leave empty only at your very first login, before you set up the app.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="Code shown by the app",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
