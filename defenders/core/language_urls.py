"""The language prefix of public addresses: /fr/, /es/, /ar/, /ru/ as their codes, and /zh/ for Django's "zh-hans"
(the address partners link to; Django's own Chinese catalogues are filed under zh_Hans)."""

from django.conf import settings
from django.urls import URLResolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils.translation import get_language

# Language code -> address prefix, where they differ.
URL_PREFIXES = {"zh-hans": "zh"}


def url_prefix(language_code: str) -> str:
    return URL_PREFIXES.get(language_code, language_code)


class LanguagePrefixPattern(LocalePrefixPattern):
    @property
    def language_prefix(self) -> str:
        language_code = get_language() or settings.LANGUAGE_CODE
        if language_code == settings.LANGUAGE_CODE and not self.prefix_default_language:
            return ""
        return f"{url_prefix(language_code)}/"


def language_patterns(*urls, prefix_default_language: bool = True) -> list[URLResolver]:
    """Django's i18n_patterns(), with the prefixes above; LocaleMiddleware reads "/zh/" as zh-hans already."""
    return [URLResolver(LanguagePrefixPattern(prefix_default_language=prefix_default_language), list(urls))]
