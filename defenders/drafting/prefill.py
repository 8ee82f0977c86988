"""The first text of each section of a draft, from what the office already knows: the signing mandates and their
resolutions, the case's timeline, the picked law paragraphs and questions. Plain functions; staff edit the rest.

The prefilled text is in English whatever the letter's language: translation is a person's work."""

from collections.abc import Iterable, Sequence

from django.utils import translation

from defenders.addressees.models import Addressee
from defenders.cases.models import Case, Event
from defenders.communications.embargo import CONFIDENTIAL_DAYS
from defenders.communications.exposure import names_withheld_in
from defenders.communications.redaction import redact
from defenders.mandates.models import Mandate

from .models import SECTIONS, LawParagraph, StandardQuestion


def opening(mandates: Sequence[Mandate], addressee: Addressee) -> str:
    """Who writes, in what capacities and under which resolutions, in the order the letter lists them."""
    if not mandates:
        return ""
    capacities = "; ".join(mandate.name for mandate in mandates)
    resolutions = _listed([mandate.resolution for mandate in mandates])
    plural = "resolutions" if len(mandates) > 1 else "resolution"
    to = "your Excellency's Government" if addressee.is_state else addressee.name
    return (
        f"We have the honour to address you in our capacities as {capacities}, pursuant to Human Rights Council "
        f"{plural} {resolutions}.\n\n"
        f"In this connection, we would like to bring to the attention of {to} information we have received "
        "concerning the situation set out below."
    )


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def information(case: Case) -> str:
    """The information received: the case's events in the order they happened, each with its date."""
    events = list(case.events.all())
    if not events:
        return "According to the information received:\n\n"
    lines = ["According to the information received:"]
    for event in events:
        place = f", in {event.place}" if event.place else ""
        lines.append(f"{_when(event)}{place}: {event.summary.strip()}")
    return "\n\n".join(lines)


def _when(event: Event) -> str:
    """“On 14 May 2023”, “In March 2024”, “In 2024”, or “On a date not known” as precisely as the case knows."""
    # The letter's text is English whatever language the officer's pages are in: its months too.
    with translation.override("en"):
        shown = event.date_display
    if shown == "date unknown":
        return "On a date not known"
    return f"{'On' if event.date_precision == Event.Precision.DAY else 'In'} {shown}"


def concerns() -> str:
    return (
        "Without prejudging the accuracy of the information received, we express our serious concern at the "
        "allegations above, which appear to be directly linked to the legitimate and peaceful work of the "
        "person(s) concerned in the defence of human rights."
    )


def law(paragraphs: Iterable[LawParagraph]) -> str:
    texts = [paragraph.text.strip() for paragraph in paragraphs]
    if not texts:
        return ""
    return (
        "In connection with the above alleged facts and concerns, we would like to draw the attention of your "
        "Excellency's Government to the applicable international human rights norms and standards.\n\n"
        + "\n\n".join(texts)
    )


def questions(picked: Iterable[StandardQuestion]) -> str:
    numbered = [f"{number}. {question.text.strip()}" for number, question in enumerate(picked, start=1)]
    if not numbered:
        return ""
    return (
        "As it is our responsibility, under the mandates provided to us by the Human Rights Council, to seek "
        "to clarify all cases brought to our attention, we would be grateful for your observations on the "
        "following matters:\n\n" + "\n\n".join(numbered)
    )


def closing(addressee: Addressee) -> str:
    """The request for measures and the 60-day note, as the letters have it."""
    whom = "your Excellency's Government" if addressee.is_state else addressee.name
    return (
        "While awaiting a reply, we urge that all necessary interim measures be taken to halt the alleged "
        "violations and prevent their re-occurrence and, in the event that the investigations support or "
        "suggest the allegations to be correct, to ensure the accountability of any person(s) responsible.\n\n"
        f"This communication and any response received from {whom} will be made public via the "
        f"communications reporting website within {CONFIDENTIAL_DAYS} days. They will also subsequently be "
        "made available in the usual report to be presented to the Human Rights Council."
    )


def background(case: Case) -> str:
    """Who the persons concerned are, one sentence each, from the case file."""
    sentences = []
    for link in case.caseperson_set.select_related("person").order_by("person__name"):
        person = link.person
        what = person.professions.strip() or link.role.strip() or "human rights defender"
        focus = f", working on {person.focus.strip()}" if person.focus.strip() else ""
        sentences.append(f"{person.name} is a {what}{focus}.")
    return " ".join(sentences)


def public_version(
    case: Case, addressee: Addressee, information_text: str, concerns_text: str
) -> dict[str, str]:
    """The public title, topic, background, allegations and concerns, with every name that a person concerned
    did not consent to see in public replaced by the placeholder."""
    withheld = names_withheld_in([case])
    themes = ", ".join(theme.name.lower() for theme in case.themes.all())
    sections = {
        "public_title": case.title,
        "topic": themes.capitalize() if themes else "",
        "background": background(case),
        "allegations": information_text.removeprefix("According to the information received:").strip(),
        "public_concerns": concerns_text,
    }
    return {key: redact(text, withheld) for key, text in sections.items()}


def names_not_for_the_addressee(case: Case) -> list[str]:
    """Persons who did not consent to be named even to the addressee: the letter itself leaves them out."""
    return sorted(
        {link.person.name for link in case.caseperson_set.all() if not link.consents_to_naming_to_addressee}
    )


def draft_sections(
    case: Case,
    *,
    mandates: Sequence[Mandate],
    addressee: Addressee,
    law_paragraphs: Iterable[LawParagraph] = (),
    picked_questions: Iterable[StandardQuestion] = (),
) -> dict[str, str]:
    """Every section of a new draft, prefilled."""
    not_to_addressee = names_not_for_the_addressee(case)
    information_text = redact(information(case), not_to_addressee)
    concerns_text = concerns()
    sections = {
        "opening": opening(mandates, addressee),
        "information": information_text,
        "concerns": concerns_text,
        "law": law(law_paragraphs),
        "questions": questions(picked_questions),
        "closing": closing(addressee),
        **public_version(case, addressee, information_text, concerns_text),
    }
    assert set(sections) == set(SECTIONS)
    return sections
