"""The intake pages speak the language of the person: page text, form labels and every error message."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from defenders.intake.tests.helpers import codename_from, confidential_form

NBSP = "\u00a0"  # French puts a no-break space before a colon
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
OURS = re.compile(r"#: .*(intake/|templates/base\.html)")

pytestmark = pytest.mark.django_db  # the CSRF token of every form lives in the session


def page(response) -> str:
    return response.content.decode()


def test_the_confidential_form_is_in_french_for_a_french_browser(client):
    html = page(client.get("/fr/submit/confidential/"))
    assert '<html lang="fr" dir="ltr">' in html
    assert "Transmettre des informations confidentielles" in html
    assert "Ajouter une autre personne" in html
    assert "Envoyer de manière confidentielle" in html
    assert "Quel est le degré d’urgence" in html  # a label from the form class
    assert "Aller au contenu principal" in html  # the skip link in base.html
    assert "Submit confidential information" not in html


def test_an_invalid_form_explains_the_errors_in_french(client, recovery_key):
    response = client.post("/fr/submit/confidential/", confidential_form(**{"persons-0-name": ""}))
    html = page(response)
    assert response.status_code == 400
    assert 'lang="fr"' in html
    assert "Il y a un problème dans ce qui a été envoyé" in html
    assert "Rien n’a été conservé." in html
    assert f'<a href="#id_persons-0-name">Nom{NBSP}: Ce champ est obligatoire.</a>' in html
    assert "There is a problem" not in html
    assert "This field is required." not in html


def test_an_invalid_form_explains_the_errors_in_spanish(client, recovery_key):
    response = client.post("/es/submit/confidential/", confidential_form(**{"persons-0-name": ""}))
    html = page(response)
    assert response.status_code == 400
    assert 'lang="es"' in html
    assert "Hay un problema con lo que se ha enviado" in html
    assert '<a href="#id_persons-0-name">Nombre: Este campo es obligatorio.</a>' in html
    assert "This field is required." not in html


def test_an_impossible_date_is_refused_in_french(client, recovery_key):
    data = confidential_form(
        **{"incidents-0-day": "31", "incidents-0-month": "2", "incidents-0-year": "2024"}
    )
    response = client.post("/fr/submit/confidential/", data)
    html = page(response)
    assert response.status_code == 400
    assert '<p class="error" id="incident-0-error">Cette date n’existe pas.</p>' in html
    assert "This date does not exist." not in html


def test_a_refused_codename_is_explained_in_spanish(client, recovery_key):
    response = client.post("/es/submit/follow-up/", {"codename": "not a real codename at all"})
    assert response.status_code == 400
    assert "No se ha reconocido este nombre en clave." in page(response)


def test_the_receipt_is_translated_but_the_codename_stays_marked_english(client, recovery_key):
    response = client.post("/fr/submit/confidential/", confidential_form())
    html = page(response)
    assert response.status_code == 200
    assert "Vos informations ont bien été reçues" in html
    assert f'<p class="codename" id="codename" lang="en">{codename_from(response)}</p>' in html
    # Changing the language would load another page, and the codename is shown only once.
    assert "language-switcher" not in html


def test_unprefixed_addresses_are_english_whatever_the_browser_asks(client):
    html = page(client.get("/submit/confidential/", HTTP_ACCEPT_LANGUAGE="fr"))
    assert '<html lang="en" dir="ltr">' in html
    assert "Submit confidential information on a human rights defender at risk" in html


def test_the_language_switcher_is_links_that_set_no_cookie(client):
    html = page(client.get("/fr/contact/?from=here"))
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    assert switcher, "no language switcher on the page"
    links = switcher.group(0)
    assert 'aria-label="Langue du site"' in links
    assert '<a href="/contact/?from=here" hreflang="en" lang="en">English</a>' in links
    assert '<a href="/es/contact/?from=here" hreflang="es" lang="es">Español</a>' in links
    assert '<span aria-current="true" lang="fr">Français</span>' in links
    assert "<script" not in html
    reader = type(client)()
    reader.get("/fr/how-communications-work/")
    assert not reader.cookies  # switching language and reading set no cookie; only forms open a session


def test_the_404_page_has_no_switcher_so_that_every_404_is_the_same(client):
    first = client.get("/fr/communications/al-rus-99-2024/")
    second = client.get("/fr/no/such/page/")
    assert first.status_code == second.status_code == 404
    assert first.content == second.content
    assert b"language-switcher" not in first.content


def test_following_the_spanish_link_shows_the_page_in_spanish(client):
    html = page(client.get("/es/contact/"))
    assert '<html lang="es" dir="ltr">' in html
    assert "Contactar con el Relator Especial" in html
    assert "el formulario confidencial" in html
    assert 'action="/es/contact/"' in html or '<form method="post"' in html


def _catalogue(lang: str) -> list[tuple[str, str, str]]:
    """(references, msgid, first msgstr) for each entry of the .po file; continuation lines joined."""
    text = (LOCALE_DIR / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n"):
        references = "\n".join(line for line in block.splitlines() if line.startswith("#:"))
        fields: dict[str, str] = {}
        key = ""
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[0\])?|msgstr\[\d+\]) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        msgstr = fields.get("msgstr", fields.get("msgstr[0]", ""))
        if fields.get("msgid"):
            context = fields.get("msgctxt")
            msgid = fields["msgid"] if context is None else f"{context}\x04{fields['msgid']}"
            entries.append((references, msgid, msgstr))
    return entries


def _unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_string_of_the_intake_is_translated_and_compiled(lang):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    ours = [(msgid, msgstr) for references, msgid, msgstr in _catalogue(lang) if OURS.search(references)]
    assert len(ours) > 100
    untranslated = [msgid for msgid, msgstr in ours if not msgstr]
    assert not untranslated, f"untranslated in {lang}: {untranslated}"
    compiled_catalogue = mo._catalog  # type: ignore[attr-defined]
    stale = [msgid for msgid, msgstr in ours if compiled_catalogue.get(_unescape(msgid)) != _unescape(msgstr)]
    stale = [msgid for msgid in stale if (_unescape(msgid), 0) not in compiled_catalogue]  # plural entries
    assert not stale, f"run compilemessages: the .mo for {lang} is out of date for {stale}"


def test_an_english_address_offers_the_browsers_language_without_imposing_it(client):
    html = page(client.get("/contact/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9"))
    assert '<html lang="en" dir="ltr">' in html
    assert (
        '<p class="language-suggestion" lang="es">Esta página también está disponible en su idioma:' in html
    )
    assert '<a href="/es/contact/" hreflang="es">Español</a>' in html
    assert "language-suggestion" not in page(client.get("/contact/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "language-suggestion" not in page(client.get("/es/contact/", HTTP_ACCEPT_LANGUAGE="es"))


def test_attachment_help_text_follows_the_configured_limits_in_each_language(settings):
    from django.utils import translation

    from defenders.intake.source_forms import GeneralSubmissionForm

    settings.DEFENDERS_MAX_FILE_BYTES = 5 * 1024 * 1024
    settings.DEFENDERS_MAX_SUBMISSION_BYTES = 30 * 1024 * 1024
    help_text = GeneralSubmissionForm().fields["attachments"].help_text
    with translation.override("en"):
        assert str(help_text) == "Documents, pictures, sound or video; at most 5 MB each and 30 MB in all."
    with translation.override("fr"):
        assert "5 Mo au maximum par fichier et 30 Mo au total" in str(help_text)
    with translation.override("es"):
        assert "como máximo 5 MB por archivo y 30 MB en total" in str(help_text)
    settings.DEFENDERS_MAX_FILE_BYTES = 10 * 1024 * 1024
    with translation.override("en"):
        assert "at most 10 MB each" in str(help_text)
