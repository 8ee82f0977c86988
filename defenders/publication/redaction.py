"""Names of persons who did not consent to be named in public, and their removal from public text."""

import re
from collections.abc import Iterable

REDACTED_NAME = "[name withheld]"
# Parts shorter than this ("Al", "de") are too common to remove without mangling other words.
SHORTEST_NAME_PART = 3


def name_variants(names: Iterable[str]) -> list[str]:
    """Every full name and each of its parts, longest first, so that a full name goes before its surname."""
    variants = set()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        variants.add(name)
        variants.update(part for part in re.split(r"[\s\-]+", name) if len(part) >= SHORTEST_NAME_PART)
    return sorted(variants, key=lambda variant: (-len(variant), variant))


def redact(text: str, names: Iterable[str]) -> str:
    """Replace every occurrence of the names (whole words, any case, with possessives) in the text."""
    variants = name_variants(names)
    if not variants or not text:
        return text
    alternatives = "|".join(re.escape(variant) for variant in variants)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    redacted = pattern.sub(REDACTED_NAME, text)
    # Runs such as "[name withheld] [name withheld]" left by a name split across variants read as one.
    return re.sub(
        rf"{re.escape(REDACTED_NAME)}(?:[\s\-]+{re.escape(REDACTED_NAME)})+", REDACTED_NAME, redacted
    )
