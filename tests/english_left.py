"""Finds English left on a page in another language: the words only English uses, in the text a reader sees.

Content in its own language (a letter written in English shown on a French page) is marked with its `lang`
attribute, as screen readers need anyway; text inside an element whose `lang` differs from the page's is skipped,
as are scripts, styles and `translate="no"` elements (codenames, references)."""

import re
from html.parser import HTMLParser

# Words that are English and nothing else in French, Spanish (or the other scripts' pages): function words, the
# months and days, and the interface's own vocabulary. Words French or Spanish share ("date", "type", "page",
# "communication", "a", "no", "on", "plus") are left out on purpose.
_ENGLISH_ONLY_WORDS = """
    the and with your you this that these those which from for is are was were been has have of to by or it its
    will would should please here there any all each every what when where who how why than then into onto
    about after before between during without within upon our we they them their she his her
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    search submit reply replies letter letters next previous year years show results found help required
    field name email send save cancel back home view edit delete statistics allegation appeal other
    none yes received status language country state theme mandate summary download filter newest oldest
    relevance skip meeting request follow up codename
    government addressee joint between of read more less
"""
ENGLISH_ONLY = frozenset(_ENGLISH_ONLY_WORDS.split())

_SKIPPED_TAGS = {"script", "style", "template", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Whole words in any script: "Allégations" is one French word, not the English "all" and a remainder.
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page_language = ""
        self.stack: list[bool] = []  # for each open element: is its text skipped?
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.page_language = (attributes.get("lang") or "").lower()
            return
        skipped = bool(self.stack and self.stack[-1]) or tag in _SKIPPED_TAGS
        language = (attributes.get("lang") or "").lower()
        if language and language.split("-")[0] != self.page_language.split("-")[0]:
            skipped = True
        if attributes.get("translate") == "no" or "hidden" in attributes:
            skipped = True
        # What a reader meets without seeing the element: labels for assistive technology and placeholders.
        if not skipped:
            for name in ("aria-label", "title", "placeholder", "alt"):
                if attributes.get(name):
                    self.words.extend(_WORD.findall(attributes[name] or ""))
            if tag == "input" and attributes.get("type") in {"submit", "button"} and attributes.get("value"):
                self.words.extend(_WORD.findall(attributes["value"] or ""))
        if tag not in _VOID:
            self.stack.append(skipped)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag == "html" or not self.stack:
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.words.extend(_WORD.findall(data))


def english_words_left(html: str) -> list[str]:
    """The English-only words a reader of this page would see, in order (empty on an English page)."""
    parser = _VisibleText()
    parser.feed(html)
    if parser.page_language.startswith("en"):
        return []
    return [word for word in parser.words if word.lower() in ENGLISH_ONLY]
