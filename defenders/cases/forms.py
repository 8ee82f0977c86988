"""The forms of the case pages: they parse and check what staff typed; the actions write it."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from defenders.addressees.models import Addressee
from defenders.core.validators import plausible_day
from defenders.intake.models import Submission

from .models import Case, CasePerson, Event, Organisation, Person, Theme

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def case_officers(keep: int | None = None):
    """Staff who may be responsible for a case: active accounts whose role may change cases (and the case's
    current officer, `keep`, so that saving the form does not drop them)."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    may = users.filter(
        groups__permissions__codename="change_case", groups__permissions__content_type__app_label="cases"
    )
    return get_user_model().objects.filter(Q(pk__in=may.values("pk")) | Q(pk=keep)).order_by("username")


def themes_offered(case: Case | None = None):
    """Active themes, and the retired ones the case is filed under already (so that saving keeps them)."""
    kept = Theme.objects.filter(cases=case).values("pk") if case is not None and case.pk else []
    return Theme.objects.filter(Q(is_active=True) | Q(pk__in=kept)).order_by("name")


class CaseForm(forms.Form):
    title = forms.CharField(max_length=300, label=_("Title"))
    country = forms.ModelChoiceField(
        Addressee.objects.order_by("short_name"),
        required=False,
        label=_("Country"),
        help_text=_("The State or other addressee."),
    )
    status = forms.ChoiceField(choices=Case.Status.choices, initial=Case.Status.OPEN, label=_("Status"))
    risk_level = forms.ChoiceField(
        choices=Case.RiskLevel.choices, initial=Case.RiskLevel.UNKNOWN, label=_("Risk level")
    )
    officer = forms.ModelChoiceField(get_user_model().objects.none(), required=False, label=_("Case officer"))
    follow_up_on = forms.DateField(
        required=False, validators=[plausible_day], widget=DATE_INPUT, label=_("Follow up on")
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, label=_("Summary"))
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Themes")
    )

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        keep = case.officer_id if case is not None else None
        self.fields["officer"].queryset = case_officers(keep)  # type: ignore[attr-defined]
        self.fields["themes"].queryset = themes_offered(case)  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(case: Case) -> dict:
        return {
            "title": case.title,
            "country": case.country_id,
            "status": case.status,
            "risk_level": case.risk_level,
            "officer": case.officer_id,
            "follow_up_on": case.follow_up_on,
            "summary": case.summary,
            "themes": list(case.themes.all()),
        }


class PersonForm(forms.Form):
    name = forms.CharField(max_length=200, label=_("Name"))
    role = forms.CharField(max_length=100, initial="human rights defender", label=_("Role"))
    gender = forms.ChoiceField(choices=Person.Gender.choices, required=False, label=_("Gender"))
    professions = forms.CharField(max_length=300, required=False, label=_("Professions"))
    focus = forms.CharField(
        max_length=300, required=False, label=_("Focus"), help_text=_("The rights the person works on.")
    )
    consents_to_naming_to_addressee = forms.BooleanField(
        required=False, label=_("May be named to the addressee")
    )
    consents_to_naming_in_public = forms.BooleanField(required=False, label=_("May be named in public"))

    @staticmethod
    def initial_for(link: CasePerson) -> dict:
        person = link.person
        return {
            "name": person.name,
            "role": link.role,
            "gender": person.gender,
            "professions": person.professions,
            "focus": person.focus,
            "consents_to_naming_to_addressee": link.consents_to_naming_to_addressee,
            "consents_to_naming_in_public": link.consents_to_naming_in_public,
        }


class OrganisationForm(forms.Form):
    name = forms.CharField(max_length=300, label=_("Name"))
    kind = forms.ChoiceField(
        choices=Organisation.Kind.choices, initial=Organisation.Kind.CIVIL_SOCIETY, label=_("Kind")
    )
    relation = forms.CharField(
        max_length=300, required=False, label=_("Relation"), help_text=_("e.g. “headed by the defender”.")
    )


class EventForm(forms.Form):
    kind = forms.ChoiceField(choices=Event.Kind.choices, label=_("Kind"))
    occurred_on = forms.DateField(
        required=False,
        validators=[plausible_day],
        widget=DATE_INPUT,
        label=_("Date"),
        help_text=_("When only the month or year is known, any day of it; the precision says which."),
    )
    date_precision = forms.ChoiceField(
        choices=Event.Precision.choices, initial=Event.Precision.DAY, label=_("Date precision")
    )
    place = forms.CharField(max_length=300, required=False, label=_("Place"))
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Summary"))
    court = forms.CharField(max_length=200, required=False, label=_("Court"))
    fine_amount = forms.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, label=_("Fine amount")
    )
    fine_currency = forms.CharField(
        max_length=3, required=False, label=_("Fine currency"), help_text=_("ISO 4217, e.g. RUB.")
    )
    duration_months = forms.IntegerField(
        min_value=0, max_value=1200, required=False, label=_("Duration (months)")
    )
    persons = forms.ModelMultipleChoiceField(
        Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Victims")
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = case.persons.all()  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean() or {}
        undated = data.get("date_precision") == Event.Precision.UNKNOWN
        if not undated and not data.get("occurred_on") and "occurred_on" not in self.errors:
            self.add_error("occurred_on", _("Give the date, or choose “Date unknown”."))
        return data

    @staticmethod
    def initial_for(event: Event) -> dict:
        return {
            **{
                name: getattr(event, name)
                for name in (
                    "kind",
                    "occurred_on",
                    "date_precision",
                    "place",
                    "summary",
                    "court",
                    "fine_amount",
                    "fine_currency",
                    "duration_months",
                )
            },
            "persons": list(event.persons.all()),
        }


class ProvisionForm(forms.Form):
    code = forms.CharField(
        max_length=200,
        required=False,
        label=pgettext_lazy("a legal code, as the Criminal Code", "Code"),
        help_text=_("e.g. “Criminal Code”."),
    )
    article = forms.CharField(
        max_length=40, required=False, label=_("Article"), help_text=_("e.g. “205.5-2”.")
    )

    def clean(self):
        data = super().clean() or {}
        if bool(data.get("code")) != bool(data.get("article")):
            raise forms.ValidationError(_("Give both the code and the article, or neither."))
        return data


class TermForm(forms.Form):
    years = forms.IntegerField(min_value=0, max_value=200, required=False, label=_("Years"))
    months = forms.IntegerField(min_value=0, max_value=11, required=False, label=_("Months"))
    regime = forms.CharField(
        max_length=200,
        required=False,
        label=_("Regime"),
        help_text=_("e.g. “maximum-security penal colony”."),
    )


# Rows an officer can fill at once; one more appears each time the page is saved with the rows full.
ROWS = 20
ProvisionFormSet = formset_factory(ProvisionForm, extra=1, max_num=ROWS, absolute_max=ROWS, validate_max=True)
TermFormSet = formset_factory(TermForm, extra=1, max_num=ROWS, absolute_max=ROWS, validate_max=True)


class ThemeForm(forms.Form):
    name = forms.CharField(max_length=120, label=_("Name"))


class LinkSubmissionForm(forms.Form):
    submission = forms.ModelChoiceField(
        Submission.objects.filter(
            case__isnull=True, kind__in=[Submission.Kind.CONFIDENTIAL, Submission.Kind.GENERAL]
        ).order_by("-received_on", "-pk"),
        label=_("Submission"),
        help_text=_("Submissions not yet filed under a case, by kind and day received."),
    )


class ConfirmForm(forms.Form):
    """A removal asks to be confirmed, so that a stray or forged empty post removes nothing."""

    confirm = forms.BooleanField(label=_("Yes, remove it"))


class CaseFilterForm(forms.Form):
    """The list's filters; an unknown value is ignored rather than refused, as the list is only read."""

    q = forms.CharField(required=False, max_length=200, label=_("Text"))
    country = forms.CharField(required=False, max_length=3)
    theme = forms.CharField(required=False, max_length=120)
    status = forms.ChoiceField(
        choices=[("", _("Not closed")), *Case.Status.choices, ("all", _("Any status"))], required=False
    )
    officer = forms.CharField(required=False, max_length=150)
    follow_up_due = forms.BooleanField(required=False, label=_("Follow-ups due"))
