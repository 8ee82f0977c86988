"""Content shown in its own language: paragraphs that carry their `lang`, so that a screen reader switches voice."""

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter(is_safe=True, needs_autoescape=True)
def paragraphs_in(text: str, language: str, autoescape: bool = True) -> SafeString:
    """Like `linebreaks`, each paragraph marked with the text's language: `{{ text|paragraphs_in:"fr" }}`."""
    html = linebreaks_filter(text, autoescape)
    if not language or language == (get_language() or settings.LANGUAGE_CODE).split("-")[0]:
        return html
    return mark_safe(html.replace("<p>", format_html('<p lang="{}">', language)))


@register.filter
def language_name(code: str) -> str:
    """A communication's language ("fr", "zh") by its name in the page's language."""
    from defenders.communications.models import Communication

    return str(dict(Communication.Language.choices).get(code, code))


@register.filter(name="in_language")
def in_language_filter(text: str, language: str) -> SafeString:
    """The text in a span carrying its language, where that is not the page's: `{{ text|in_language:"fr" }}`."""
    from defenders.publication.summary import in_language

    return in_language(text, language)
