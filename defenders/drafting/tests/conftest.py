"""A case with a timeline and two persons (one who may be named in public, one who may not), and a draft on it."""

from datetime import date

import pytest

from defenders.addressees.models import Addressee
from defenders.cases.models import Case, CasePerson, Event, Person
from defenders.drafting import actions
from defenders.drafting.models import LawParagraph, StandardQuestion
from defenders.mandates.models import Mandate


@pytest.fixture
def case(mandates):
    case = Case.objects.create(
        title="Detention of two environmental defenders", country=Addressee.state("TUR")
    )
    for name, in_public in (("Leyla Demirtas", True), ("Osman Kavala-Yilmaz", False)):
        CasePerson.objects.create(
            case=case,
            person=Person.objects.create(name=name),
            consents_to_naming_to_addressee=True,
            consents_to_naming_in_public=in_public,
        )
    # Created out of order: the information follows the dates, not the order of entry.
    Event.objects.create(
        case=case,
        kind=Event.Kind.SENTENCE,
        occurred_on=date(2024, 3, 1),
        date_precision=Event.Precision.MONTH,
        summary="Osman Kavala-Yilmaz was sentenced to six years in prison.",
    )
    Event.objects.create(
        case=case,
        kind=Event.Kind.ARREST,
        occurred_on=date(2023, 5, 14),
        place="Istanbul",
        summary="Police arrested Leyla Demirtas and Osman Kavala-Yilmaz after a protest against a mine.",
    )
    return case


def mandate(short_name: str) -> Mandate:
    return Mandate.objects.get(short_name=short_name)


@pytest.fixture
def start_draft(case, officer):
    """Start a joint urgent appeal led by SR HRDs, co-signed by SR FoE and WGAD."""

    def start(co_signers=("SR FoE", "WGAD")):
        return actions.start_draft(
            case,
            type="UA",
            addressee=Addressee.state("TUR"),
            copied=[Addressee.state("AZE")],
            lead_mandate=mandate("SR HRDs"),
            co_signing_mandates=[mandate(name) for name in co_signers],
            language="en",
            law_paragraphs=LawParagraph.objects.filter(article__in=["9", "19"], instrument="ICCPR"),
            questions=StandardQuestion.objects.all()[:2],
            by=officer,
        )

    return start
