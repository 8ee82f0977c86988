"""Numbers in the figures as the reader's language writes them: its decimal sign and its grouping of thousands
(1 234 in French, 1.234 in Spanish), whatever USE_THOUSAND_SEPARATOR says for the rest of the site."""

import re
from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


@register.filter
def figure(value: object) -> object:
    """A count, rate or median (a number, or one written as "12.5") in the active language's format; anything else
    (None, "", words) as it is."""
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        value = Decimal(value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return number_format(value, use_l10n=True, force_grouping=True)
