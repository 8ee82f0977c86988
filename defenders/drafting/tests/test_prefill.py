"""The first text of a draft: mandates and resolutions, the timeline in order, the public version redacted."""

from defenders.addressees.models import Addressee
from defenders.communications.redaction import REDACTED_NAME
from defenders.drafting import prefill
from defenders.drafting.models import SECTIONS, LawParagraph, StandardQuestion

from .conftest import mandate


def test_opening_names_every_mandate_and_its_resolution(mandates):
    signing = [mandate("SR HRDs"), mandate("SR FoE"), mandate("WGAD")]
    text = prefill.opening(signing, Addressee.state("TUR"))
    assert text.startswith("We have the honour to address you in our capacities as Special Rapporteur on")
    for one in signing:
        assert one.name in text
        assert one.resolution in text
    assert "resolutions 52/4, 52/9 and 51/8" in text


def test_information_follows_the_timeline_not_the_order_of_entry(case):
    text = prefill.information(case)
    assert text.index("On 14 May 2023, in Istanbul") < text.index("In March 2024")
    assert text.index("arrested") < text.index("sentenced")


def test_public_version_redacts_a_name_without_public_consent(case):
    sections = prefill.draft_sections(case, mandates=[mandate("SR HRDs")], addressee=Addressee.state("TUR"))
    assert set(sections) == set(SECTIONS)
    assert "Kavala" not in sections["allegations"]
    assert REDACTED_NAME in sections["allegations"]
    assert "Leyla Demirtas" in sections["allegations"]
    assert sections["background"] == (
        f"Leyla Demirtas is a human rights defender. {REDACTED_NAME} is a human rights defender."
    )
    # The letter names both: each consented to be named to the addressee.
    assert "Osman Kavala-Yilmaz" in sections["information"]


def test_law_questions_and_closing(db):
    paragraphs = LawParagraph.objects.filter(instrument="ICCPR", article="19")
    assert "article 19" in prefill.law(paragraphs)
    questions = prefill.questions(StandardQuestion.objects.all()[:2])
    assert "1. Please provide any additional information" in questions
    assert "\n2. " in questions
    assert "within 60 days" in prefill.closing(Addressee.state("TUR"))


def test_the_library_is_seeded_with_the_standard_paragraphs(db):
    iccpr = set(LawParagraph.objects.filter(instrument="ICCPR").values_list("article", flat=True))
    assert iccpr == {"9", "14", "17", "19", "21", "22"}
    declaration = LawParagraph.objects.filter(instrument__contains="Defenders").values_list(
        "article", flat=True
    )
    assert set(declaration) == {"1", "2", "5", "6", "9", "12"}
    assert StandardQuestion.objects.filter(text__contains="safe and enabling environment").exists()
