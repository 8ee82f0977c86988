"""Addresses made from names: a slug of the text, numbered when another row has it already."""

from django.db.models import QuerySet
from django.utils.text import slugify


def free_slug(text: str, taken: QuerySet, *, fallback: str, length: int = 100) -> str:
    """The slug of `text` (or `fallback`), with -2, -3, ... until no row of `taken` has it."""
    base = slugify(text)[:length].strip("-") or fallback
    slug, number = base, 1
    while taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
