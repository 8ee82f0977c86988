"""Read a communication text into structured facts with evidence: `read_text(source) -> dict`.

Deterministic rules over sentences; the output is the JSON shape of issue 10 (communication, persons,
organisations, legal_provisions, events, checks), and every `evidence` is the exact slice of the source.
"""

import re
from typing import Any

from . import patterns
from .dates import DateMention, explicit_dates
from .events import EventReader
from .patterns import Span
from .sentences import Sentence, language_of, sentences

PERSON = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Mme|Sra|Sr|Srta|M)\.\s+(?P<name>[A-ZÀ-Þ][\w\-]+(?:\s+[A-ZÀ-Þ][\w\-]+){0,3})"
)
_ORG_HEAD = (
    r"Centre|Center|Committee|Union|Society|Initiative|Association|Watch|Council|Table|Campaign|Agency|Service|"
    r"Foundation|Network|Movement|Coalition|Institute|Observatory|Clinic|Collective|Federation"
)
ORGANISATION = re.compile(
    rf"\b(?P<name>(?:[A-Z][\w’'\-]+\s+(?:(?:of|for|on|the|de|du|pour|la|le|por|el|del)\s+)*){{1,6}}(?:{_ORG_HEAD})"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'\-]+(?:\s+(?:of\s+)?[A-Z][\w’'\-]+)*)?"
    r"|Ministry of (?:the\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*|Hizb-ut-Tahrir|Memorial)\b"
)
ORG_LEADING = re.compile(r"^(?:The|On|In|A|An|As|Since|During|According|Both|His|Her|Their|Our|We)\s+")
# Words one of which every reply pattern needs (patterns.REPLY_STATUSES), so most sentences cost no pattern.
REPLY_CUES = (
    "repl",
    "respon",
    "receipt",
    "extension",
    "prórroga",
    "réponse",
    "respuesta",
    "ответ",
    "délai",
    "réception",
    "recibo",
    "répondu",
    "respondi",
)
ABOUT_REPLY = re.compile(r"Government|Gouvernement|Gobierno|Правительство|repl|respon|communication")
DATE_LINE = re.compile(r"^[ \t]*(?P<date>[^\n]{6,30}?)[ \t]*$", re.M)


def read_text(source: str) -> dict[str, Any]:
    """Every fact the rules find in `source`, with evidence; nothing the text does not state."""
    language = language_of(source)
    parts = sentences(source)
    provisions = legal_provisions(source)
    organisations = _organisations(source)
    events, checks = EventReader(source, provisions, organisations, language).read(parts)
    return {
        "language": language,
        "communication": communication(source, parts),
        "persons": _persons(source),
        "organisations": [{"name": name, "evidence": span.evidence(source)} for name, span in organisations],
        "legal_provisions": [
            {"code": code, "article": article, "evidence": span.evidence(source)}
            for article, code, span in provisions
        ],
        "events": events,
        "checks": checks,
    }


def _first_date(text: str, offset: int = 0) -> DateMention | None:
    found = explicit_dates(text, offset)
    return found[0] if found else None


def communication(source: str, parts: list[Sentence]) -> dict[str, Any]:
    """The communication's metadata: reference, type, addressee, date sent, joint, mandates and reply."""
    reference, kind, addressee = _reference(source)
    mandates, joint = _mandates(source)
    sent_on, named_addressee = _sent(source, parts)
    if addressee is None:
        addressee = named_addressee
    if addressee is None and (title := patterns.TITLE_COUNTRY.search(source)):
        addressee = patterns.country_code(title.group("name"))
    if joint is None and patterns.JOINT.search(source):
        joint = True
    return {
        "reference": reference,
        "type": kind,
        "addressee": addressee,
        "sent_on": sent_on,
        "joint": joint,
        "mandates": mandates,
        "reply": _reply(source, parts),
    }


def _reference(source: str) -> tuple[str | None, str | None, str | None]:
    line = patterns.REFERENCE_LINE.search(source)
    if line:
        value = line.group("value")
        new = patterns.REFERENCE.fullmatch(value)
        legacy = new or patterns.LEGACY_REFERENCE.match(value)
        if legacy:
            return value, legacy.group("type").removeprefix("J"), legacy.group("code")
    anywhere = patterns.REFERENCE.search(source)
    if anywhere:
        return anywhere.group(0), anywhere.group("type").removeprefix("J"), anywhere.group("code")
    return None, None, None


def _mandates(source: str) -> tuple[list[str], bool | None]:
    header = patterns.MANDATES_LINE.search(source[:3000])
    if not header:
        return [], None
    names = [name.strip(" ,.") for name in patterns.MANDATE_SEPARATOR.split(header.group("value"))]
    names = [re.sub(r"^the\s+", "", name) for name in names if name]
    return names, len(names) > 1 or header.group("plural") == "Mandates"


def _sent(source: str, parts: list[Sentence]) -> tuple[str | None, str | None]:
    """The date sent and the addressee named with it: a letter's date line, or "to the Government of X on D"."""
    addressee = None
    for sentence in parts[:40]:
        if patterns.SENT_SENTENCE.search(sentence.text):
            government = patterns.GOVERNMENT_OF.search(sentence.text)
            if government:
                addressee = _country_from_words(government.group("name"))
            found = _first_date(sentence.text)
            if found:
                return found.value, addressee
    reference = patterns.REFERENCE_LINE.search(source)
    header_end = reference.end() if reference else 0
    for line in DATE_LINE.finditer(source[header_end : header_end + 600]):
        on_line = explicit_dates(line.group("date"))
        if on_line and on_line[0].end - on_line[0].start == len(line.group("date")):
            return on_line[0].value, addressee
    return None, addressee


def _country_from_words(name: str) -> str | None:
    words = name.split()
    for length in range(len(words), 0, -1):
        code = patterns.country_code(" ".join(words[:length]))
        if code:
            return code
    return None


def _reply(source: str, parts: list[Sentence]) -> dict[str, Any]:
    """The reply's status by the strongest statement in the text (a confidential reply over a reply)."""
    order = [status for status, _ in patterns.REPLY_STATUSES]
    best: tuple[int, Sentence] | None = None
    for sentence in parts:
        lowered = sentence.text.lower()
        if not any(cue in lowered for cue in REPLY_CUES) or not ABOUT_REPLY.search(sentence.text):
            continue
        for rank, (_, pattern) in enumerate(patterns.REPLY_STATUSES):
            if pattern.search(sentence.text) and (best is None or rank < best[0]):
                best = (rank, sentence)
                break
    if best is None:
        return {"status": "unknown", "received_on": None, "evidence": None}
    status = order[best[0]]
    sentence = best[1]
    received = _first_date(sentence.text) if status != "none" else None
    return {
        "status": status,
        "received_on": received.value if received else None,
        "evidence": Span(sentence.start, sentence.end).evidence(source),
    }


def legal_provisions(source: str) -> list[tuple[str, str | None, Span]]:
    """Each domestic article once, with its code (international instruments are left out)."""
    found: dict[str, tuple[str, str | None, Span]] = {}
    previous_code: str | None = None
    for match in patterns.ARTICLES.finditer(source):
        after = patterns.CODE_AFTER.match(source[match.end() : match.end() + 160])
        raw = after.group("code") if after else ""
        if raw and patterns.INTERNATIONAL.search(raw):
            continue
        code = patterns.normalised_code(raw, previous_code) if raw else previous_code
        previous_code = code or previous_code
        end = match.end() + (after.end() if after else 0)
        for article in patterns.ONE_ARTICLE.findall(match.group("list")):
            article = re.sub(r"\s+", "", article) if "(" in article else article
            if article not in found or found[article][1] is None:
                found[article] = (article, code, Span(match.start(), end))
    return list(found.values())


def _persons(source: str) -> list[dict[str, Any]]:
    names: list[tuple[str, Span]] = []
    known_words: list[set[str]] = []
    for match in PERSON.finditer(source):
        name = match.group("name")
        words = set(name.split())
        if any(words <= known for known in known_words):
            continue
        known_words.append(words)
        names.append((name, Span(match.start(), match.end())))
    return [{"name": name, "evidence": span.evidence(source)} for name, span in names]


def _organisations(source: str) -> list[tuple[str, Span]]:
    found: dict[str, tuple[str, Span]] = {}
    for match in ORGANISATION.finditer(source):
        name = match.group("name")
        stripped = ORG_LEADING.sub("", name)
        start = match.start() + len(name) - len(stripped)
        if stripped and stripped not in found and not any(stripped in known for known in found):
            found[stripped] = (stripped, Span(start, match.end()))
    return list(found.values())
