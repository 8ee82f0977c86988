"""The dated timeline of a text: one event per sentence that has a trigger (triggers.py) and a date, relative
dates resolved against the previous date, terms of imprisonment read and their arithmetic checked.
"""

import re
from bisect import bisect_left
from typing import Any

from . import patterns
from .dates import MONTHS, DateMention, explicit_dates, from_iso, relative_dates, searched_dates, with_year
from .patterns import Span
from .sentences import Sentence
from .triggers import first_trigger

PLACE = re.compile(r"\b(?:in|at|near|à|en)\s+(?P<place>[A-ZÀ-Þ][\w’'\-]+(?:\s+(?:de\s+)?[A-ZÀ-Þ][\w’'\-]+)?)")
NOT_PLACES = {"The", "This", "Her", "His", "Their", "Facebook", "Russia's"}
DURATION = re.compile(
    r"\bfor\s+(?P<count>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<unit>months?|days?)\b",
    re.I,
)
THIS_SENTENCE = re.compile(r"^(?:This|The|That) (?:sentence|term|punishment)\b", re.I)
SUMMARY_LENGTH = 240
DATED_FOR_TERMS = {"sentence", "appeal_decision"}
UNDATED_KINDS_WITH_AMOUNT = {"fine"}


class EventReader:
    """Walks the sentences in order, keeping the previous date and the last known sentence term."""

    def __init__(self, source: str, provisions, organisations, language: str) -> None:
        self.source = source
        self.provisions = provisions
        self.organisations = organisations
        self.language = language
        self.previous: DateMention | None = None
        self.last_term_months: int | None = None
        self.events: list[dict[str, Any]] = []
        self.checks: list[dict[str, Any]] = []
        self.seen: set[tuple[str | None, str]] = set()

    def read(self, parts: list[Sentence]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        # The date patterns run once over the whole text; each sentence takes the dates inside it.
        self.mentions = explicit_dates(self.source, yearless=True)
        self.starts = [mention.start for mention in self.mentions]
        for sentence in parts:
            self._sentence(sentence)
        return self.events, self.checks

    def _dates(self, sentence: Sentence) -> list[DateMention]:
        anchor = from_iso(self.previous.value)[0] if self.previous else None
        found = []
        first, last = bisect_left(self.starts, sentence.start), bisect_left(self.starts, sentence.end)
        for mention in self.mentions[first:last]:
            if mention.end > sentence.end:
                continue
            if mention.precision == "yearless":
                completed = with_year(mention, anchor.year) if anchor else None
                if completed:
                    found.append(completed)
            else:
                found.append(mention)
        if not found or found[0].start - sentence.start > 0:
            # A relative phrase counts from the date before this sentence's own dates.
            found = relative_dates(sentence.text, sentence.start, self.previous) + found
        return sorted(found, key=lambda mention: mention.start)

    def _sentence(self, sentence: Sentence) -> None:
        mentions = self._dates(sentence)
        trigger = first_trigger(sentence.text)
        if trigger is None:
            if self.events and THIS_SENTENCE.match(sentence.text):
                self._parts(self.events[-1], sentence)
            self._advance(mentions)
            return
        kind, match = trigger
        trigger_at = sentence.start + match.start()
        if not mentions and kind != "other":
            mentions = searched_dates(sentence.text, sentence.start, self.language)
        chosen = _date_for(mentions, trigger_at)
        amount = patterns.AMOUNT.search(sentence.text)
        if chosen is None and not (kind in UNDATED_KINDS_WITH_AMOUNT and amount):
            self._advance(mentions)
            return
        value = chosen.value if chosen else None
        if (value, kind) not in self.seen:
            self.seen.add((value, kind))
            self.events.append(self._event(sentence, kind, value, amount))
        self._advance(mentions)

    def _advance(self, mentions: list[DateMention]) -> None:
        if mentions:
            self.previous = mentions[-1]

    def _event(
        self, sentence: Sentence, kind: str, value: str | None, amount: re.Match | None
    ) -> dict[str, Any]:
        text = sentence.text
        event: dict[str, Any] = {
            "date": value,
            "kind": kind,
            "summary": text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…",
            "legal_provisions": [
                article
                for article, _, span in self.provisions
                if _mentions_article(self.source[sentence.start : sentence.end], article)
            ],
            "place": _place(text),
            "actors": [name for name, span in self.organisations if name in text],
            "evidence": Span(sentence.start, sentence.end).evidence(self.source),
        }
        court = patterns.COURT.search(text) if ("Court" in text or "Tribunal" in text) else None
        if court:
            words = court.group("court").split()
            while words and words[0] in patterns.COURT_STOP:
                words.pop(0)
            event["court"] = " ".join(words)
        if amount and kind == "fine":
            event["amount"] = {
                "value": patterns.amount_value(amount.group("value")),
                "currency": patterns.CURRENCIES.get(
                    amount.group("currency").lower(), amount.group("currency")
                ),
            }
        if kind in {"sentence", "appeal_decision", "prosecution_request"}:
            self._term(event, text, kind)
        duration = DURATION.search(text)
        if duration and kind in {"pretrial_detention", "detention", "travel_ban"}:
            count = duration.group("count")
            number = int(count) if count.isdigit() else patterns.NUMBER_VALUES[count.lower()]
            unit = "months" if duration.group("unit").lower().startswith("month") else "days"
            event["duration"] = {unit: number}
        return event

    def _term(self, event: dict[str, Any], text: str, kind: str) -> None:
        change = patterns.CHANGE.search(text)
        terms = [
            match
            for match in patterns.TERM.finditer(text)
            if not (change and change.start("term") <= match.start() < change.end("term"))
        ]
        if not terms:
            return
        # The sentence's total is the first term named; an appeal's new total is the last one.
        total = terms[-1] if kind == "appeal_decision" else terms[0]
        months = patterns.term_months(total)
        event["term"] = patterns.as_term(months)
        if change:
            term = patterns.TERM.search(change.group("term"))
            delta = patterns.term_months(term) if term else 0
            delta = -delta if change.group("way").lower() == "reduced" else delta
            event["change"] = patterns.as_term(abs(delta)) | {"sign": "-" if delta < 0 else "+"}
            if self.last_term_months is not None:
                expected = self.last_term_months + delta
                self.checks.append(
                    {
                        "what": "sentence arithmetic",
                        "holds": expected == months,
                        "detail": f"{_words(self.last_term_months)} {'-' if delta < 0 else '+'} {_words(abs(delta))}"
                        f" = {_words(expected)}; the text says {_words(months)}",
                        "evidence": event["evidence"],
                    }
                )
        elif kind == "sentence" and len(terms) > 2:
            self._check_parts(event, months, terms[1:], event["evidence"])
        if kind in DATED_FOR_TERMS:
            self.last_term_months = months

    def _parts(self, event: dict[str, Any], sentence: Sentence) -> None:
        """ "This sentence is comprised of three years in a prison and 11 years in a colony": the parts must add up."""
        if event["kind"] != "sentence" or "term" not in event:
            return
        parts = list(patterns.TERM.finditer(sentence.text))
        if len(parts) >= 2:
            total = event["term"].get("years", 0) * 12 + event["term"].get("months", 0)
            self._check_parts(event, total, parts, Span(sentence.start, sentence.end).evidence(self.source))

    def _check_parts(self, event: dict[str, Any], total: int, parts: list[re.Match], evidence: dict) -> None:
        months = [patterns.term_months(part) for part in parts]
        event["parts"] = [patterns.as_term(value) for value in months]
        self.checks.append(
            {
                "what": "sentence arithmetic",
                "holds": sum(months) == total,
                "detail": " + ".join(_words(value) for value in months) + f" = {_words(sum(months))}; "
                f"the total is {_words(total)}",
                "evidence": evidence,
            }
        )


def _words(months: int) -> str:
    years, rest = divmod(months, 12)
    said = []
    if years:
        said.append(f"{years} year{'s' if years != 1 else ''}")
    if rest or not years:
        said.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(said)


def _date_for(mentions: list[DateMention], trigger_at: int) -> DateMention | None:
    """The date an event happened on: the last one before its trigger, else the first after it."""
    before = [mention for mention in mentions if mention.start <= trigger_at]
    if before:
        return before[-1]
    return mentions[0] if mentions else None


def _mentions_article(text: str, article: str) -> bool:
    return article in text and re.search(rf"(?<![\d.]){re.escape(article)}(?![\d])(?!\.\d)", text) is not None


def _place(text: str) -> str:
    for match in PLACE.finditer(text):
        place = match.group("place")
        if place.split()[0] not in NOT_PLACES and place.split()[0].lower() not in MONTHS:
            return place
    return ""
