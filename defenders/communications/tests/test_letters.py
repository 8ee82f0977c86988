"""The formal letter as PDF, read back with pypdf: what the office signs and sends."""

import io
import re
import socket
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from defenders.communications import letters
from defenders.communications.letters import LocalOnlyFetcher, RefusedURL

BODY = (
    "Excellency,\n\nWe have the honour to address you in our capacities as Special Rapporteur on the situation "
    "of human rights defenders and Working Group on Arbitrary Detention.\n\nIn this connection, we would like to "
    "bring to the attention of your Excellency's Government information we have received concerning the "
    "sentencing of a defender."
)
CLOSING = "Please accept, Excellency, the assurances of our highest consideration."


def pdf_text(pdf: bytes) -> str:
    """The text of every page, with runs of white space (line ends included) made single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pdf_fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


@pytest.fixture
def khamroev_letter(make_communication):
    return make_communication(
        reference="AL RUS 15/2023",
        sent_on=date(2023, 10, 25),
        signers=("SR HRDs", "WGAD", "SR FoE"),
        full_text=BODY,
    )


def test_letter_has_the_mandates_in_order_reference_date_addressee_body_and_signatures(khamroev_letter):
    text = pdf_text(letters.letter_pdf(khamroev_letter))
    assert (
        "Mandates of the Special Rapporteur on the situation of human rights defenders; the Working Group on "
        "Arbitrary Detention and the Special Rapporteur on the promotion and protection of the right to freedom "
        "of opinion and expression" in text
    )
    assert "REFERENCE: AL RUS 15/2023" in text
    assert "25 October 2023" in text
    assert "The Government of Russia" in text
    assert "we would like to bring to the attention of your Excellency's Government" in text
    signatures = text[text.index(CLOSING) :]
    assert (
        signatures.index("Mary Lawlor")
        < signatures.index("[holder not recorded]")
        < signatures.index("Irene Khan")
    )
    names = [
        "Special Rapporteur on the situation of human rights defenders",
        "Working Group on Arbitrary Detention",
        "Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression",
    ]
    assert [signatures.index(name) for name in names] == sorted(signatures.index(name) for name in names)


def test_the_body_keeps_its_paragraphs_and_is_escaped(make_communication):
    communication = make_communication(full_text="First <b>paragraph</b> & more.\n\nSecond\nline.")
    html = letters.letter_html(communication)
    assert "<p>First &lt;b&gt;paragraph&lt;/b&gt; &amp; more.</p>" in html
    assert "<p>Second<br>line.</p>" in html


def test_the_signature_names_the_holder_in_office_on_the_day_of_sending(make_communication):
    text = pdf_text(letters.letter_pdf(make_communication(sent_on=date(2019, 3, 1), signers=("SR HRDs",))))
    assert "Michel Forst" in text
    assert "Mary Lawlor" not in text
    assert "Mandate of the Special Rapporteur on the situation of human rights defenders" in text


def test_the_closing_is_added_only_where_the_body_lacks_it(make_communication):
    without = pdf_text(letters.letter_pdf(make_communication(full_text="Excellency,\n\nFacts.")))
    with_it = pdf_text(
        letters.letter_pdf(make_communication(full_text=f"Excellency,\n\nFacts.\n\n{CLOSING}"))
    )
    assert without.count(CLOSING) == with_it.count(CLOSING) == 1


def test_a_letter_to_a_company_is_not_addressed_as_excellency(make_communication):
    from defenders.addressees.models import Addressee
    from defenders.communications import actions

    communication = make_communication(full_text="Dear Sir or Madam,\n\nFacts.")
    actions.edit_communication(
        communication, by=None, addressee=Addressee.find_or_create(kind="company", name="Acme Mining plc")
    )
    text = pdf_text(letters.letter_pdf(communication))
    assert "Acme Mining plc" in text
    assert "Please accept the assurances of our highest consideration." in text


def test_cyrillic_and_arabic_text_survive_with_fonts_that_have_their_letters(make_communication):
    communication = make_communication(
        full_text="Правозащитник Бахром Хамроев был осуждён.\n\nالمدافع عن حقوق الإنسان محتجز."
    )
    pdf = letters.letter_pdf(communication)
    words = pdf_text(pdf).split()
    assert "Правозащитник" in words
    assert "المدافع" in words and "الإنسان" in words
    assert any("Arabic" in font for font in pdf_fonts(pdf)), pdf_fonts(pdf)


def test_a_french_letter_has_the_french_fixed_phrases_and_date(make_communication):
    communication = make_communication(
        reference="AL RUS 15/2023",
        sent_on=date(2023, 10, 25),
        language="fr",
        full_text="Excellence,\n\nFaits.",
    )
    text = pdf_text(letters.letter_pdf(communication))
    assert "RÉFÉRENCE : AL RUS 15/2023" in text
    assert "25 octobre 2023" in text
    assert "Veuillez agréer, Excellence, l’assurance de notre haute considération." in text
    assert "Mandats :" in text
    assert "PALAIS DES NATIONS • 1211 GENÈVE 10, SUISSE" in text


def test_a_spanish_letter_has_the_spanish_fixed_phrases_and_date(make_communication):
    communication = make_communication(
        reference="AL RUS 15/2023",
        sent_on=date(2023, 10, 25),
        language="es",
        full_text="Excelencia,\n\nHechos.",
    )
    text = pdf_text(letters.letter_pdf(communication))
    assert "REFERENCIA: AL RUS 15/2023" in text
    assert "25 de octubre de 2023" in text
    assert "Acepte, Excelencia, la expresión de nuestra más distinguida consideración." in text


def test_a_russian_letter_dates_in_russian_and_an_arabic_one_runs_right_to_left(make_communication):
    russian = make_communication(sent_on=date(2023, 10, 25), language="ru")
    assert "25 октября 2023" in pdf_text(letters.letter_pdf(russian))
    assert 'dir="rtl"' in letters.letter_html(make_communication(language="ar"))


def test_a_legacy_reference_and_a_draft(make_communication):
    legacy = make_communication(sent_on=date(2011, 3, 1), legacy_reference="UA G/SO 214 (67-17) THA 5/2011")
    assert "REFERENCE: UA G/SO 214 (67-17) THA 5/2011" in pdf_text(letters.letter_pdf(legacy))
    draft = pdf_text(letters.letter_pdf(make_communication(sent_on=None)))
    assert "REFERENCE: —" in draft
    assert "Not yet sent" in draft


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/letterhead.png",
        "https://example.org/style.css",
        "ftp://example.org/x",
        "file:///etc/passwd",
        "file://example.org/defenders/communications/letters.py",
    ],
)
def test_the_fetcher_refuses_the_network_and_files_outside_the_app(url):
    with pytest.raises(RefusedURL):
        LocalOnlyFetcher().fetch(url)


def test_the_fetcher_reads_data_urls():
    response = LocalOnlyFetcher().fetch("data:text/plain;base64,UkVGRVJFTkNF")
    assert response.read() == b"REFERENCE"


def test_rendering_a_page_that_links_outside_resolves_no_host(monkeypatch):
    looked_up: list[str] = []

    def no_lookup(host, *args, **kwargs):
        looked_up.append(host)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    html = (
        '<link rel="stylesheet" href="https://example.org/style.css">'
        '<p>Text<img src="http://example.org/logo.png"></p>'
    )
    assert "Text" in re.sub(r"\s+", " ", pdf_text(letters.pdf_from_html(html)))
    assert looked_up == []


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Each font the PDF draws with, and whether its glyphs are embedded in the file (not left to the reader)."""
    embedded = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            name = str(font["/BaseFont"]).split("+")[-1]
            embedded[name] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return embedded


def test_arabic_russian_and_chinese_are_drawn_with_embedded_fonts_that_have_their_glyphs(make_communication):
    communication = make_communication(
        full_text=(
            "Правозащитник был осуждён.\n\n"
            "المدافع عن حقوق الإنسان محتجز.\n\n"
            "人权维护者被拘留。特别报告员表示关切。"
        )
    )
    pdf = letters.letter_pdf(communication)
    text = pdf_text(pdf)
    # Text comes back out only where each character was drawn with a glyph of a font that has it (a missing
    # glyph is drawn as .notdef and extracts as nothing, or as a replacement character).
    assert "Правозащитник был осуждён." in text
    assert "人权维护者被拘留。特别报告员表示关切。" in text
    assert "المدافع" in text.split() and "الإنسان" in text.split()
    assert "\ufffd" not in text
    fonts = embedded_fonts(pdf)
    assert any("CJK" in name for name in fonts), fonts
    assert any("Arabic" in name for name in fonts), fonts
    assert all(fonts.values()), fonts


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("zh", "顺致最崇高的敬意。"),
        ("ar", "وتفضلوا، يا صاحب السعادة، بقبول فائق الاحترام."),
        ("ru", "Примите, Ваше Превосходительство, уверения в нашем самом глубоком уважении."),
    ],
)
def test_a_letter_in_arabic_chinese_or_russian_has_its_fixed_phrases_in_that_language(
    make_communication, language, phrase
):
    communication = make_communication(sent_on=date(2023, 10, 25), language=language, full_text="…")
    text = pdf_text(letters.letter_pdf(communication))
    normalised = " ".join(phrase.split())
    if language == "ar":
        # Arabic comes out of a PDF in visual order: compare its words, not the sentence.
        assert all(word.strip("،.") in text for word in normalised.split()[:3])
    else:
        assert normalised in text
