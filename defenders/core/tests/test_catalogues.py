"""The project catalogue is complete in the five languages besides English, and what is compiled is what is
written: no fuzzy or empty entry, every placeholder and tag kept, every .mo up to date with its .po."""

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
CATALOGUES = ["ar", "zh_Hans", "fr", "ru", "es"]
PLACEHOLDERS = re.compile(r"%\(\w+\)s|<[^/>][^>]*>")


def catalogue(language: str):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po)


def forms(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    messages = [message for message in catalogue(language) if message.id]
    assert len(messages) > 300
    assert [m.id for m in messages if m.fuzzy] == []
    assert [m.id for m in messages if not all(forms(m))] == []


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_translation_keeps_its_placeholders_and_tags(language):
    for message in catalogue(language):
        if not message.id or (message.context or "").startswith("date format"):
            continue
        source = message.id if isinstance(message.id, str) else message.id[1]
        for translated in forms(message):
            assert sorted(PLACEHOLDERS.findall(translated)) == sorted(PLACEHOLDERS.findall(source)), (
                message.id
            )


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_compiled_catalogue_is_the_written_one(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for message in catalogue(language):
        if not message.id or isinstance(message.id, tuple):
            continue
        if message.context:
            assert compiled.pgettext(message.context, message.id) == message.string, message.id
        else:
            assert compiled.gettext(message.id) == message.string, message.id


def test_the_glossarys_terms_are_the_ones_the_pages_use():
    assert (
        catalogue("fr")
        .get("UN Special Rapporteur on Human Rights Defenders")
        .string.endswith("défenseurs des droits de l’homme")
    )
    assert "правозащитников" in catalogue("ru").get("UN Special Rapporteur on Human Rights Defenders").string
    assert catalogue("zh_Hans").get("Your codename").string == "您的代号"
    assert catalogue("ar").get("Your codename").string == "اسمك الرمزي"
