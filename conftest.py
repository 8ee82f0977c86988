"""Fixtures shared by every app's tests: mandates, addressees and a factory of communications."""

from datetime import date

import pytest
from django.core.management import call_command

from defenders.addressees.models import Addressee
from defenders.cases.models import Case, CasePerson, Person
from defenders.communications.models import Communication, CommunicationMandate


@pytest.fixture
def mandates(db):
    call_command("loaddata", "mandates", verbosity=0)


@pytest.fixture
def make_communication(mandates):
    """Build a sent (or draft) communication to a State, signed by the HRD mandate and optionally others."""

    def make(
        *,
        code: str = "RUS",
        type: str = "AL",
        sent_on: date | None = date(2023, 10, 25),
        signers: tuple[str, ...] = ("SR HRDs", "WGAD"),
        title: str = "judicial harassment of a defender",
        **fields,
    ) -> Communication:
        communication = Communication.objects.create(
            addressee=Addressee.state(code), type=type, sent_on=sent_on, title=title, **fields
        )
        from defenders.mandates.models import Mandate

        for order, short_name in enumerate(signers):
            CommunicationMandate.objects.create(
                communication=communication,
                mandate=Mandate.objects.get(short_name=short_name),
                order=order,
                is_lead=order == 0,
            )
        return communication

    return make


@pytest.fixture
def concerning():
    """Attach a person to a communication through a case, with or without consent to public naming."""

    def attach(communication: Communication, name: str, *, named_in_public: bool) -> Person:
        case = Case.objects.create(title=f"Case of {name}", country=communication.addressee)
        person = Person.objects.create(name=name)
        CasePerson.objects.create(case=case, person=person, consents_to_naming_in_public=named_in_public)
        communication.cases.add(case)
        return person

    return attach
