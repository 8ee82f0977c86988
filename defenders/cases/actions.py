"""Writes to case files: each action owns its transaction, checks what it is given, and leaves a reasoned row in
the history of the case (and of the row it changes, when that row keeps one). Views, the demo and tests call them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import get_language, gettext, gettext_noop

from defenders.addressees.models import Addressee
from defenders.core.history import Reason, StaffUser, Text, When, attribute_to, save_with_reason
from defenders.core.slugs import free_slug
from defenders.intake import keyring
from defenders.intake.actions import reading
from defenders.intake.models import Submission

from .models import (
    Case,
    CaseOrganisation,
    CasePerson,
    Event,
    LegalProvision,
    Organisation,
    Person,
    SentenceTerm,
    Theme,
)

CASE_FIELDS = frozenset({"title", "country", "status", "risk_level", "officer", "follow_up_on", "summary"})
PERSON_FIELDS = frozenset({"name", "gender", "professions", "focus", "active_since"})
LINK_FIELDS = frozenset({"role", "consents_to_naming_to_addressee", "consents_to_naming_in_public"})
EVENT_FIELDS = frozenset(
    {
        "kind",
        "occurred_on",
        "date_precision",
        "place",
        "summary",
        "court",
        "fine_amount",
        "fine_currency",
        "duration_months",
        "source_excerpt",
    }
)


@dataclass(frozen=True)
class Provision:
    """A legal provision an event cites, as typed: found or added to the shared list by (code, article)."""

    code: str
    article: str


@dataclass(frozen=True)
class Term:
    years: int = 0
    months: int = 0
    regime: str = ""


@dataclass
class EventDetails:
    """What an event says; `provisions` and `terms` replace the event's own on every write."""

    kind: str
    summary: str
    occurred_on: date | None = None
    date_precision: str = Event.Precision.DAY
    place: str = ""
    court: str = ""
    fine_amount: Decimal | None = None
    fine_currency: str = ""
    duration_months: int | None = None
    source_excerpt: str = ""
    provisions: Sequence[Provision] = ()
    terms: Sequence[Term] = ()
    persons: Sequence[Person] = ()


@dataclass
class PersonDetails:
    name: str
    role: str = "human rights defender"
    consents_to_naming_to_addressee: bool = False
    consents_to_naming_in_public: bool = False
    gender: str = ""
    professions: str = ""
    focus: str = ""


@dataclass
class CaseFromSubmission:
    """What the officer chose to copy from a submission: only these reach the case, nothing else of the source."""

    title: str
    country: Addressee | None = None
    summary: str = ""
    persons: list[PersonDetails] = field(default_factory=list)
    organisations: list[tuple[str, str]] = field(default_factory=list)  # (name, relation)
    events: list[EventDetails] = field(default_factory=list)


OPENED = Reason(gettext_noop("Opened"))
ADDED = Reason(gettext_noop("Added"))
EDITED = Reason(gettext_noop("Edited"))


def _received(submission) -> When:
    return When(submission.received_on, f"{submission.received_on:%d %B %Y}")


def _described(event: Event) -> Text:
    # An event's kind is written in the language of the person recording it, and marked so on a page.
    return Text(str(event), get_language() or "en")


def _note(case: Case, reason: Reason, by: StaffUser) -> None:
    """A row in the case's own history for a change to one of its parts, so that the case page shows it."""
    save_with_reason(case, reason, by)


def _assign(instance: models.Model, values: dict, allowed: Iterable[str]) -> bool:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    changed = False
    for name, value in values.items():
        if instance.pk is None or getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _checked(instance: models.Model, *, exclude: Sequence[str] = ()) -> None:
    # Validators of the fields (plausible days, lengths, choices) apply to every write path, not only forms.
    instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


# The case itself


@transaction.atomic
def create_case(
    *, by: StaffUser, themes: Iterable[Theme] = (), reason: str | Reason = OPENED, **fields
) -> Case:
    case = Case()
    _assign(case, {"status": Case.Status.OPEN, **fields}, CASE_FIELDS)
    _checked(case, exclude=["opened_on"])
    save_with_reason(case, reason, by)
    if themes:
        set_themes(case, themes, by=by)
    return case


@transaction.atomic
def update_case(
    case: Case,
    *,
    by: StaffUser,
    themes: Iterable[Theme] | None = None,
    reason: str | Reason = EDITED,
    **fields,
) -> bool:
    """Change the case's facts (and its themes, when given); says whether anything changed."""
    changed = _assign(case, fields, CASE_FIELDS)
    if changed:
        _checked(case, exclude=["opened_on"])
        save_with_reason(case, reason, by)
    if themes is not None:
        changed = set_themes(case, themes, by=by) or changed
    return changed


@transaction.atomic
def set_themes(case: Case, themes: Iterable[Theme], *, by: StaffUser) -> bool:
    """File the case under exactly these themes. A retired theme may stay where it is, but is never added."""
    wanted = {theme.pk: theme for theme in themes}
    current = set(case.themes.values_list("pk", flat=True))
    added = [theme for pk, theme in wanted.items() if pk not in current]
    retired = [theme.name for theme in added if not theme.is_active]
    if retired:
        raise ValidationError(
            gettext("Retired themes are no longer offered: %(names)s.") % {"names": ", ".join(retired)}
        )
    if set(wanted) == current:
        return False
    case.themes.set(wanted.values())
    names = ", ".join(sorted(theme.name for theme in wanted.values()))
    _note(
        case,
        Reason(gettext_noop("Themes: {themes}"), themes=names)
        if names
        else Reason(gettext_noop("Themes: none")),
        by,
    )
    return True


# Persons


@transaction.atomic
def add_person(
    case: Case, details: PersonDetails, *, by: StaffUser, person: Person | None = None
) -> CasePerson:
    """Add a person concerned, with the two consents; a new Person unless an existing one is given (names are not
    unique: two people may share one, so nothing is merged by name)."""
    if person is None:
        person = Person(
            name=details.name.strip(),
            gender=details.gender,
            professions=details.professions,
            focus=details.focus,
        )
        _checked(person)
        save_with_reason(person, Reason(gettext_noop("Added to a case")), by)
    elif CasePerson.objects.filter(case=case, person=person).exists():
        raise ValidationError(
            gettext("%(person)s is already a person concerned by this case.") % {"person": person}
        )
    link = CasePerson(
        case=case,
        person=person,
        role=details.role.strip() or "human rights defender",
        consents_to_naming_to_addressee=details.consents_to_naming_to_addressee,
        consents_to_naming_in_public=details.consents_to_naming_in_public,
    )
    _checked(link, exclude=["case", "person"])
    save_with_reason(link, ADDED, by)
    _note(case, Reason(gettext_noop("Added person {name}"), name=person.name), by)
    return link


@transaction.atomic
def update_person(link: CasePerson, *, by: StaffUser, **values) -> bool:
    """Change a person's details (shared by every case that names them) or their role and consents in this case."""
    person_values = {k: v for k, v in values.items() if k in PERSON_FIELDS}
    link_values = {k: v for k, v in values.items() if k not in PERSON_FIELDS}
    person, changed = link.person, False
    if _assign(person, person_values, PERSON_FIELDS):
        _checked(person)
        save_with_reason(person, EDITED, by)
        changed = True
    if _assign(link, link_values, LINK_FIELDS):
        _checked(link, exclude=["case", "person"])
        save_with_reason(link, EDITED, by)
        changed = True
    if changed:
        _note(link.case, Reason(gettext_noop("Edited person {name}"), name=person.name), by)
    return changed


@transaction.atomic
def remove_person(link: CasePerson, *, by: StaffUser) -> None:
    """Take a person off the case (and off its events); a person no other case names is deleted, so that the name
    of someone the office no longer works on is not kept."""
    case, person = link.case, link.person
    for event in case.events.filter(persons=person):
        event.persons.remove(person)
    attribute_to(link, by)
    link.delete()
    _note(case, Reason(gettext_noop("Removed person {name}"), name=person.name), by)
    if not person.cases.exists() and not person.events.exists():
        attribute_to(person, by)
        person.delete()


# Organisations


def _organisation(name: str, kind: str) -> Organisation:
    name = name.strip()
    if not name:
        raise ValidationError(gettext("Give the organisation's name."))
    if kind not in Organisation.Kind.values:
        raise ValidationError(gettext("Unknown kind of organisation: “%(kind)s”.") % {"kind": kind})
    organisation, _ = Organisation.objects.get_or_create(name=name, kind=kind)
    return organisation


@transaction.atomic
def add_organisation(
    case: Case, *, name: str, kind: str = Organisation.Kind.CIVIL_SOCIETY, relation: str = "", by: StaffUser
) -> CaseOrganisation:
    """Link an organisation, found by name and kind in the shared list or added to it."""
    organisation = _organisation(name, kind)
    if CaseOrganisation.objects.filter(case=case, organisation=organisation).exists():
        raise ValidationError(
            gettext("%(organisation)s is already linked to this case.") % {"organisation": organisation}
        )
    link = CaseOrganisation(case=case, organisation=organisation, relation=relation.strip())
    _checked(link, exclude=["case", "organisation"])
    save_with_reason(link, ADDED, by)
    _note(case, Reason(gettext_noop("Added organisation {name}"), name=organisation.name), by)
    return link


@transaction.atomic
def update_organisation(
    link: CaseOrganisation, *, name: str, kind: str, relation: str, by: StaffUser
) -> bool:
    """Change which organisation the case names (by name and kind) and how it relates to the case."""
    organisation = _organisation(name, kind)
    if (
        organisation.pk != link.organisation_id
        and CaseOrganisation.objects.filter(case=link.case, organisation=organisation).exists()
    ):
        raise ValidationError(
            gettext("%(organisation)s is already linked to this case.") % {"organisation": organisation}
        )
    if not _assign(
        link, {"organisation": organisation, "relation": relation.strip()}, ["organisation", "relation"]
    ):
        return False
    _checked(link, exclude=["case", "organisation"])
    save_with_reason(link, EDITED, by)
    _note(link.case, Reason(gettext_noop("Edited organisation {name}"), name=organisation.name), by)
    return True


@transaction.atomic
def remove_organisation(link: CaseOrganisation, *, by: StaffUser) -> None:
    case, organisation = link.case, link.organisation
    attribute_to(link, by)
    link.delete()
    _note(case, Reason(gettext_noop("Removed organisation {name}"), name=organisation.name), by)


# Events


def _normalised_day(details: EventDetails) -> date | None:
    """The stored day of a date known only to the month or year is the first of that month or year."""
    day, precision = details.occurred_on, details.date_precision
    if precision == Event.Precision.UNKNOWN:
        return None
    if day is None:
        raise ValidationError(gettext("Give the date, or choose “Date unknown”."))
    if precision == Event.Precision.YEAR:
        return day.replace(month=1, day=1)
    if precision == Event.Precision.MONTH:
        return day.replace(day=1)
    return day


def _write_event(event: Event, details: EventDetails, *, by: StaffUser, reason: Reason) -> Event:
    values = {name: getattr(details, name) for name in EVENT_FIELDS}
    values["occurred_on"] = _normalised_day(details)
    _assign(event, values, EVENT_FIELDS)
    _checked(event, exclude=["case"])
    for term in details.terms:
        if term.years < 0 or term.months < 0 or term.months > 11 or term.years > 200:
            raise ValidationError(gettext("A sentence term is 0 to 200 years and 0 to 11 months."))
    provisions = []
    for provision in details.provisions:
        code, article = provision.code.strip(), provision.article.strip()
        if not code or not article:
            raise ValidationError(gettext("A legal provision needs both its code and its article."))
        if len(code) > 200 or len(article) > 40:
            raise ValidationError(
                gettext("A legal provision's code is at most 200 characters, its article 40.")
            )
        provisions.append(LegalProvision.objects.get_or_create(code=code, article=article)[0])
    foreign = [person for person in details.persons if not event.case.persons.filter(pk=person.pk).exists()]
    if foreign:
        raise ValidationError(gettext("An event's victims must be persons concerned by its case."))
    save_with_reason(event, reason, by)
    event.legal_provisions.set(provisions)
    event.persons.set(details.persons)
    event.terms.all().delete()
    SentenceTerm.objects.bulk_create(
        SentenceTerm(
            event=event, years=term.years, months=term.months, regime=term.regime.strip(), order=order
        )
        for order, term in enumerate(details.terms)
        if term.years or term.months or term.regime.strip()
    )
    return event


@transaction.atomic
def add_event(case: Case, details: EventDetails, *, by: StaffUser) -> Event:
    event = _write_event(Event(case=case), details, by=by, reason=ADDED)
    _note(case, Reason(gettext_noop("Added event: {event}"), event=_described(event)), by)
    return event


@transaction.atomic
def update_event(event: Event, details: EventDetails, *, by: StaffUser) -> Event:
    _write_event(event, details, by=by, reason=EDITED)
    _note(event.case, Reason(gettext_noop("Edited event: {event}"), event=_described(event)), by)
    return event


@transaction.atomic
def delete_event(event: Event, *, by: StaffUser) -> None:
    case, described = event.case, _described(event)
    attribute_to(event, by)
    event.delete()
    _note(case, Reason(gettext_noop("Deleted event: {event}"), event=described), by)


# Submissions


@transaction.atomic
def link_submission(case: Case, submission: Submission, *, by: User) -> None:
    """File a submission under the case and mark it accepted (through the intake's own action, which records it
    in the submission's access records and requires a reader the submission is sealed to)."""
    if submission.case_id is not None and submission.case_id != case.pk:
        raise ValidationError(gettext("This submission is already filed under another case."))
    if not keyring.is_shared_with(submission, by):
        raise ValidationError(
            gettext("This submission is not sealed to your key: ask for access to it first.")
        )
    if submission.kind not in {Submission.Kind.CONFIDENTIAL, Submission.Kind.GENERAL}:
        raise ValidationError(
            gettext("Only information submitted about defenders can be filed under a case.")
        )
    submission.case = case
    submission.save(update_fields=["case"])
    if submission.status != Submission.Status.ACCEPTED:
        reading.change_status(submission, Submission.Status.ACCEPTED, by=by)
    _note(case, Reason(gettext_noop("Linked the submission received {day}"), day=_received(submission)), by)


@transaction.atomic
def unlink_submission(case: Case, submission: Submission, *, by: StaffUser) -> None:
    """Take a submission off the case; its status stays as it is (the inbox changes it)."""
    if submission.case_id != case.pk:
        raise ValidationError(gettext("This submission is not filed under this case."))
    submission.case = None
    submission.save(update_fields=["case"])
    _note(case, Reason(gettext_noop("Unlinked the submission received {day}"), day=_received(submission)), by)


@transaction.atomic
def open_case_from_submission(submission: Submission, chosen: CaseFromSubmission, *, by: User) -> Case:
    """Open a case with what the officer chose to copy from the submission, file the submission under it and
    mark it accepted. All or nothing: a refusal anywhere leaves neither a case nor a changed submission."""
    case = create_case(
        by=by,
        title=chosen.title,
        country=chosen.country,
        summary=chosen.summary,
        officer=by,
        reason=Reason(gettext_noop("Opened from the submission received {day}"), day=_received(submission)),
    )
    for person in chosen.persons:
        add_person(case, person, by=by)
    for name, relation in chosen.organisations:
        if not CaseOrganisation.objects.filter(case=case, organisation__name=name.strip()).exists():
            add_organisation(case, name=name, relation=relation, by=by)
    for details in chosen.events:
        add_event(case, details, by=by)
    link_submission(case, submission, by=by)
    return case


# The theme vocabulary


@transaction.atomic
def add_theme(name: str, *, by: StaffUser) -> Theme:
    name = " ".join(name.split())
    if not name:
        raise ValidationError(gettext("Give the theme's name."))
    if Theme.objects.filter(name__iexact=name).exists():
        raise ValidationError(gettext("There is a theme “%(name)s” already.") % {"name": name})
    theme = Theme(name=name, slug=free_slug(name, Theme.objects.all(), fallback="theme", length=110))
    _checked(theme)
    save_with_reason(theme, Reason(gettext_noop("Added to the vocabulary")), by)
    return theme


@transaction.atomic
def rename_theme(theme: Theme, name: str, *, by: StaffUser) -> bool:
    """Rename a theme; its address (slug) stays, so that saved lists and links keep working."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(gettext("Give the theme's name."))
    if name == theme.name:
        return False
    if Theme.objects.filter(name__iexact=name).exclude(pk=theme.pk).exists():
        raise ValidationError(gettext("There is a theme “%(name)s” already.") % {"name": name})
    previous = theme.name
    theme.name = name
    _checked(theme)
    save_with_reason(theme, Reason(gettext_noop("Renamed from “{name}”"), name=previous), by)
    return True


@transaction.atomic
def set_theme_active(theme: Theme, active: bool, *, by: StaffUser) -> bool:
    """Retire a theme (no longer offered; what is filed under it keeps it) or offer it again."""
    if theme.is_active == active:
        return False
    theme.is_active = active
    save_with_reason(
        theme, Reason(gettext_noop("Offered again")) if active else Reason(gettext_noop("Retired")), by
    )
    return True
