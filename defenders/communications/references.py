"""Communication references (`AL RUS 15/2023`), their counters and the stable slugs of public addresses."""

import re
from dataclasses import dataclass

from django.utils.text import slugify

REFERENCE_PATTERN = re.compile(
    r"^(?P<type>AL|UA|OL) (?P<code>[A-Z]{3}) (?P<number>[1-9]\d*)/(?P<year>\d{4})$"
)


@dataclass(frozen=True)
class Reference:
    type: str
    code: str
    number: int
    year: int

    def __str__(self) -> str:
        return f"{self.type} {self.code} {self.number}/{self.year}"

    @property
    def slug(self) -> str:
        return f"{self.type}-{self.code}-{self.number}-{self.year}".lower()


def parse_reference(text: str) -> Reference | None:
    """Read a current-form reference; None for anything else (legacy references are kept verbatim)."""
    match = REFERENCE_PATTERN.match(text.strip())
    if match is None:
        return None
    return Reference(match["type"], match["code"], int(match["number"]), int(match["year"]))


def slug_for(*, reference: str, legacy_reference: str, addressee_code: str, uid_hex: str) -> str:
    """The public address of a communication: from its reference, else its legacy one, else its own id."""
    parsed = parse_reference(reference) if reference else None
    if parsed is not None:
        return parsed.slug
    if legacy_reference:
        # Separators become hyphens first, so that "5/2011" does not run together as "52011".
        return slugify(re.sub(r"[\W_]+", "-", legacy_reference)).strip("-")[:120]
    # Without any reference the slug must still never change, so it rests on the communication's own id.
    return f"{addressee_code.lower()}-{uid_hex[:12]}"
