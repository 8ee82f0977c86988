"""The formal letter: a communication as the office sends it, rendered from `communications/letter.html` to HTML and
then to PDF by WeasyPrint, with nothing fetched from outside the project (`LocalOnlyFetcher`)."""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext

from defenders.clock import office_today
from defenders.mandates.models import Mandate, MandateHolder

from .models import Communication

# UN English writes the day first ("25 October 2023"); Django's English format is American ("Oct. 25, 2023").
# Other languages take Django's own long date format for that language ("25 octobre 2023", "25 de octubre de
# 2023", "25 октября 2023 г.").
LONG_DATE_FORMATS = {"en": "j F Y"}
# Django's catalogues name Chinese by script.
DJANGO_LANGUAGE = {"zh": "zh-hans"}
# Files a letter may read: its own app's files (nothing today; the stylesheet is inlined).
LOCAL_ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Signature:
    """A signing mandate and the expert(s) who held it on the day of sending."""

    mandate: Mandate
    holders: list[str]


class RefusedURL(ValueError):
    """A letter asked for something that is not a file of this app or a data: URL."""


@cache
def local_only_fetcher_class() -> type:
    """The fetcher class, made at the first letter: WeasyPrint takes seconds to import, and every process that
    imports this module (each web worker, each test run) would pay for it otherwise."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """WeasyPrint's fetcher, refusing every URL but data: and files under this app: a letter never reaches the
        network, so neither a stray link in a template nor a resolver on the host can leak that a letter exists."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if parts.netloc not in {"", "localhost"} or not path.is_relative_to(LOCAL_ROOT):
                    raise RefusedURL(f"A letter reads only its own app's files, not {url}")
            elif parts.scheme != "data":
                raise RefusedURL(f"A letter fetches nothing from the network: refused {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


def load_renderer() -> None:
    """Import WeasyPrint now (once per process), outside any transaction that would hold a lock meanwhile."""
    local_only_fetcher_class()


def __getattr__(name: str) -> type:
    # `from defenders.communications.letters import LocalOnlyFetcher` still works, importing WeasyPrint then.
    if name == "LocalOnlyFetcher":
        return local_only_fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def letter_language(communication: Communication) -> str:
    return DJANGO_LANGUAGE.get(communication.language, communication.language)


def long_date(day: date, language: str) -> str:
    """The date as the letter writes it, in the letter's language."""
    with translation.override(language):
        return formats.date_format(day, LONG_DATE_FORMATS.get(language, "DATE_FORMAT"))


def holders_on(mandate: Mandate, day: date) -> list[str]:
    """The names of the experts who held the mandate on that day (several for a working group)."""
    in_office = MandateHolder.objects.filter(mandate=mandate, started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day)
    )
    return list(in_office.order_by("started_on", "name").values_list("name", flat=True))


def signatures(communication: Communication, day: date) -> list[Signature]:
    return [Signature(mandate, holders_on(mandate, day)) for mandate in communication.ordered_mandates()]


def mandates_line(mandates: list[Mandate]) -> str:
    """“Mandates of the A; the B and the C”, the header of a joint letter (the names as the mandates app has them)."""
    # Translators: the names stay as the mandates app records them (in English) until they are translated.
    named = [gettext("the %(mandate)s") % {"mandate": mandate.name} for mandate in mandates]
    listed = (
        named[0]
        if len(named) == 1
        else gettext("%(first)s and %(last)s")
        % {
            "first": "; ".join(named[:-1]),
            "last": named[-1],
        }
    )
    return ngettext("Mandate of %(mandates)s", "Mandates of %(mandates)s", len(named)) % {"mandates": listed}


def paragraphs(text: str) -> list[str]:
    """The body's paragraphs (blank lines apart), each with its own line breaks kept by the template."""
    return [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()]


def _said(text: str) -> str:
    return " ".join(text.split()).casefold()


def letter_context(communication: Communication) -> dict:
    """What the template shows, with every fixed phrase already in the letter's language."""
    language = letter_language(communication)
    day = communication.sent_on
    body = paragraphs(communication.full_text)
    with translation.override(language):
        closing = (
            gettext("Please accept, Excellency, the assurances of our highest consideration.")
            if communication.addressee.is_state
            else gettext("Please accept the assurances of our highest consideration.")
        )
        return {
            "communication": communication,
            "language": communication.language,
            "direction": "rtl" if translation.get_language_bidi() else "ltr",
            "mandates_line": mandates_line(communication.ordered_mandates()),
            "reference": communication.display_reference,
            "date": long_date(day, language) if day else gettext("Not yet sent"),
            "addressee": communication.addressee.formal_name,
            "paragraphs": body,
            # The body usually ends with the closing already: it is the letter as sent.
            "closing": "" if any(_said(closing) in _said(part) for part in body[-2:]) else closing,
            "signatures": signatures(communication, day or office_today()),
        }


def letter_html(communication: Communication) -> str:
    context = letter_context(communication)
    with translation.override(letter_language(communication)):
        return render_to_string("communications/letter.html", context)


def pdf_from_html(html: str) -> bytes:
    """WeasyPrint with the local-only fetcher; the base URL is this app, so a relative path stays local."""
    from weasyprint import HTML  # see local_only_fetcher_class

    fetcher = local_only_fetcher_class()()
    return HTML(string=html, base_url=LOCAL_ROOT.as_uri() + "/", url_fetcher=fetcher).write_pdf()


def letter_pdf(communication: Communication) -> bytes:
    """The formal letter as PDF, rendered afresh from the communication as it is stored now."""
    return pdf_from_html(letter_html(communication))
