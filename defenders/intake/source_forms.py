"""The public intake forms. They validate and keep what was typed; the actions seal and store it."""

from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from defenders.clock import office_today

# Django's own wording, in the project catalogue: its Chinese catalogue says "Email" in Latin letters.
EMAIL_REFUSED = {"invalid": _("Enter a valid email address.")}
# The one answer to any refused codename, unknown or wrong alike.
CODENAME_REFUSED = _("This codename was not recognised. Check each word and try again.")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
# The site's six UN languages, each in its own name: a person finds theirs whatever language the page is in.
SUBMISSION_LANGUAGES = settings.LANGUAGES
# Django's month names, translated lazily: shown in the language of the page, never the server's locale.
MONTHS = [("", _("Month (if known)"))] + [(str(number), name) for number, name in MONTH_NAMES.items()]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


def yes_no(label: StrOrPromise, help_text: StrOrPromise = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect, help_text=help_text)


class PersonConcernedForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    gender = forms.CharField(label=_("Gender"), max_length=60, required=False)
    age = forms.IntegerField(label=_("Age"), min_value=0, max_value=130, required=False)
    profession = forms.CharField(label=_("Profession"), max_length=200, required=False)
    residence = forms.CharField(label=_("Place of residence"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation or affiliation"), max_length=200, required=False)
    activities = forms.CharField(
        label=_("Human rights activities"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class IncidentForm(forms.Form):
    day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31, required=False)
    month = forms.TypedChoiceField(
        label=_("Month"), choices=MONTHS, coerce=int, empty_value=None, required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    account = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 6}))

    def clean(self):
        data = super().clean() or {}
        day, month, year = data.get("day"), data.get("month"), data.get("year")
        if (day or month) and not year:
            raise ValidationError(_("Please give the year, or leave the day and month empty too."))
        if day and not month:
            raise ValidationError(_("Please give the month of that day."))
        if day and month and year:
            try:
                date(year, month, day)
            except ValueError:
                raise ValidationError(_("This date does not exist.")) from None
            if date(year, month, day) > office_today():
                raise ValidationError(_("This date is in the future."))
        return data

    @staticmethod
    def partial_date(data: dict) -> str:
        """The date as precisely as it was given: YYYY, YYYY-MM or YYYY-MM-DD, or empty."""
        year, month, day = data.get("year"), data.get("month"), data.get("day")
        if not year:
            return ""
        if not month:
            return f"{year:04d}"
        return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


# The most rows of each kind a source can add. absolute_max bounds the forms Django builds whatever TOTAL_FORMS
# claims (by default it would build 1,030); the views refuse a bad count before building any (`row_counts_are_sane`).
MAX_ROWS = 30
FORMSET_PREFIXES = ("persons", "incidents")
ROW_COUNT_REFUSED = _("The form was damaged on the way and could not be read. Please fill it in again.")


def _formset(form_class: type[forms.Form]):
    return formset_factory(
        form_class,
        extra=0,
        min_num=1,
        validate_min=True,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS,
    )


PersonsFormSet = _formset(PersonConcernedForm)
IncidentsFormSet = _formset(IncidentForm)


def row_counts_are_sane(data) -> bool:
    """Whether every formset's INITIAL_FORMS is 0 and TOTAL_FORMS a plain number of rows the page could have sent (0 to MAX_ROWS).
    Checked on the raw data, before any form is built, so that a forged count costs nothing."""
    for prefix in FORMSET_PREFIXES:
        # The page never has stored rows; any other INITIAL_FORMS would fail Django's check without a summary.
        if data.get(f"{prefix}-INITIAL_FORMS") != "0":
            return False
        value = data.get(f"{prefix}-TOTAL_FORMS", "")
        # isascii: int() would also read other scripts' digits, which no page of ours sends.
        if not (value.isascii() and value.isdigit() and len(value) <= 2 and int(value) <= MAX_ROWS):
            return False
    return True


def _megabytes(size: int) -> int:
    return size // (1024 * 1024)


def _attachments_help_text() -> str:
    return gettext(
        "Documents, pictures, sound or video; at most %(per_file)s MB each and %(in_all)s MB in all."
    ) % {
        "per_file": _megabytes(settings.DEFENDERS_MAX_FILE_BYTES),
        "in_all": _megabytes(settings.DEFENDERS_MAX_SUBMISSION_BYTES),
    }


# Lazy, so that the text is built when a form is shown: in the reader's language, from the limits then set.
ATTACHMENTS_HELP_TEXT = lazy(_attachments_help_text, str)()


class AttachmentsMixin(forms.Form):
    attachments = MultipleFileField(
        label=_("Files (optional)"),
        help_text=ATTACHMENTS_HELP_TEXT,
    )
    remove_metadata = forms.BooleanField(
        label=_("Remove hidden information (author, location, device) from my files"),
        initial=True,
        required=False,
    )


class ConfidentialSubmissionForm(AttachmentsMixin, forms.Form):
    perpetrators = forms.CharField(
        label=_("Alleged perpetrators"),
        help_text=_("Who is responsible: a police unit, a security service, a court, a company, a person."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    risk_now = forms.CharField(label=_("The risk now"), widget=forms.Textarea(attrs={"rows": 4}))
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=[
            ("imminent", _("Someone is in danger now or within days")),
            ("weeks", _("Within the coming weeks")),
            ("not_urgent", _("Not urgent")),
        ],
        widget=forms.RadioSelect,
    )
    steps_taken = forms.CharField(
        label=_("Steps taken in the country (complaints, courts) and their results"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    context = forms.CharField(
        label=_("Context: earlier incidents, patterns"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    consents_to_naming_to_government = yes_no(
        _("Do the persons concerned agree that their names are given to the Government?")
    )
    consents_to_naming_in_public = yes_no(
        _(
            "Do the persons concerned agree that their names appear in public reports and the online database?"
        ),
        _("If not, their names are removed from everything the office publishes."),
    )
    submitter_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    submitter_organisation = forms.CharField(
        label=_("Your organisation (optional)"), max_length=200, required=False
    )
    submitter_relationship = forms.CharField(
        label=_("Your relation to the persons concerned (optional)"), max_length=200, required=False
    )
    preferred_contact = forms.ChoiceField(
        label=_("How may the team contact you?"),
        choices=[
            ("codename", _("Only through this site, with my codename")),
            ("email", _("By email")),
            ("phone", _("By phone or messaging app")),
        ],
        widget=forms.RadioSelect,
        initial="codename",
    )
    contact_details = forms.CharField(
        label=_("Email address or phone number (only if you chose them above)"),
        max_length=200,
        required=False,
    )
    language = forms.ChoiceField(label=_("Language of your submission"), choices=SUBMISSION_LANGUAGES)

    def clean(self):
        data = super().clean() or {}
        if data.get("preferred_contact") in {"email", "phone"} and not data.get("contact_details"):
            self.add_error("contact_details", _("Please give the email address or number to use."))
        return data


class GeneralSubmissionForm(AttachmentsMixin, forms.Form):
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your email address (optional)"), required=False, error_messages=EMAIL_REFUSED
    )
    country = forms.CharField(label=_("Country concerned"), max_length=100)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    information = forms.CharField(label=_("Information"), widget=forms.Textarea(attrs={"rows": 10}))
    language = forms.ChoiceField(label=_("Language of your submission"), choices=SUBMISSION_LANGUAGES)


class MeetingRequestForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    country = forms.CharField(label=_("Country"), max_length=100)
    email = forms.EmailField(label=_("Email address"), error_messages=EMAIL_REFUSED)
    meet_with = forms.ChoiceField(
        label=_("Meeting with"),
        choices=[("rapporteur", _("The Special Rapporteur")), ("team", _("The team"))],
        widget=forms.RadioSelect,
    )
    topic = forms.CharField(label=_("Topic"), widget=forms.Textarea(attrs={"rows": 4}))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("online", _("Online")), ("in_person", _("In person"))],
        widget=forms.RadioSelect,
    )
    preferred_dates = forms.CharField(label=_("Preferred dates and times"), max_length=300)
    time_zone = forms.CharField(
        label=_("Your time zone"), max_length=60, help_text=_("For example UTC+3 or Europe/Kyiv.")
    )
    language = forms.ChoiceField(label=_("Language"), choices=SUBMISSION_LANGUAGES)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    participants = forms.CharField(
        label=_("Participants (names and roles)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email address"), error_messages=EMAIL_REFUSED)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))


# What a submission seals: the answers as the forms cleaned them. The files are sealed apart, each on its own.
NOT_SEALED_WITH_THE_ANSWERS = frozenset({"attachments", "remove_metadata"})


def sealed_answers(form: forms.Form) -> dict:
    """The answers of a simple form (information, meeting request, contact) as they are sealed."""
    return {k: v for k, v in form.cleaned_data.items() if k not in NOT_SEALED_WITH_THE_ANSWERS}


def confidential_content(
    form: ConfidentialSubmissionForm, persons: forms.BaseFormSet, incidents: forms.BaseFormSet
) -> dict:
    """What a confidential submission seals: the answers, each person concerned, and each incident with its date
    as precisely as it was given. Every form must be valid."""
    return {
        "form": sealed_answers(form),
        "persons": [p for p in persons.cleaned_data if p],
        "incidents": [
            {**incident, "date": IncidentForm.partial_date(incident)}
            for incident in incidents.cleaned_data
            if incident
        ],
    }


class CodenameForm(forms.Form):
    codename = forms.CharField(
        label=_("Your codename"),
        max_length=300,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class SourceMessageForm(AttachmentsMixin, forms.Form):
    message = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )

    def clean(self):
        data = super().clean() or {}
        if not data.get("message", "").strip() and not data.get("attachments"):
            raise ValidationError(_("Please write a message or add a file."))
        return data
