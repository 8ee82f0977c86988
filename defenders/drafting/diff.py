"""Two versions of a draft side by side, section by section, with the words taken out and put in marked.

A plain function: the rows it returns are safe HTML (every word escaped, only <del> and <ins> added)."""

import difflib
import re
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .models import SECTION_LABELS, SECTIONS, DraftVersion

# Words with the spaces after them, so that joining the tokens gives the text back exactly.
_TOKENS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class SectionDiff:
    key: str
    label: str
    before: SafeString
    after: SafeString
    changed: bool


def _marked(tokens: list[str], tag: str) -> str:
    text = escape("".join(tokens))
    return f"<{tag}>{text}</{tag}>" if text else ""


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """The old text with its removed words in <del>, and the new one with its added words in <ins>."""
    before_tokens, after_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    before: list[str] = []
    after: list[str] = []
    matcher = difflib.SequenceMatcher(a=before_tokens, b=after_tokens, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            before.append(escape("".join(before_tokens[a1:a2])))
            after.append(escape("".join(after_tokens[b1:b2])))
            continue
        before.append(_marked(before_tokens[a1:a2], "del"))
        after.append(_marked(after_tokens[b1:b2], "ins"))
    return mark_safe("".join(before)), mark_safe("".join(after))  # every piece escaped above


def compare(older: DraftVersion, newer: DraftVersion) -> list[SectionDiff]:
    """One row per section, in the order of the draft."""
    rows = []
    for key in SECTIONS:
        old, new = str(older.sections.get(key, "")), str(newer.sections.get(key, ""))
        before, after = word_diff(old, new)
        rows.append(SectionDiff(key, str(SECTION_LABELS[key]), before, after, old != new))
    return rows
