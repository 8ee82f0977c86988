"""{% load badges %}: {% type_badge communication.type %} and {% reply_badge replies %}, the one badge component of
every page that lists or shows communications (defenders/communications/badges.py)."""

from collections.abc import Iterable

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from defenders.communications import badges
from defenders.communications.models import Reply

register = template.Library()


@register.simple_tag
def type_badge(letter_type: str) -> SafeString:
    badge = badges.type_badge(letter_type)
    # The abbreviation is the office's own code in every language (glossary: references are never translated).
    return format_html(
        '<abbr class="badge {}" title="{}" translate="no">{}</abbr>',
        badge.css_class,
        badge.title,
        badge.label,
    )


@register.simple_tag
def reply_badge(replies: Iterable[Reply]) -> SafeString:
    badge = badges.reply_badge(replies)
    return format_html('<span class="badge {}">{}</span>', badge.css_class, badge.label)
