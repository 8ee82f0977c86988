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


def every_catalogue(language: str) -> list[Path]:
    """The project's catalogue and each app's own, in one language."""
    return sorted(Path(settings.BASE_DIR).glob(f"**/locale/{language}/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("language", CATALOGUES)
def test_one_message_has_one_translation_in_every_catalogue_of_a_language(language):
    """Django merges the catalogues and the first one found wins everywhere: a msgid translated two ways shows one
    of them on every page, whichever app it was written for ("Release" of a detainee on the button that releases a
    withheld letter). Two meanings of one English word are told apart with a msgctxt (pgettext)."""
    translations: dict[tuple[str | None, str], dict[str, tuple[str, ...]]] = {}
    for path in every_catalogue(language):
        with open(path, "rb") as po:
            for message in read_po(po):
                if message.id and all(forms(message)):
                    singular = message.id if isinstance(message.id, str) else message.id[0]
                    where = str(path.relative_to(settings.BASE_DIR))
                    translations.setdefault((message.context, singular), {})[where] = forms(message)
    differing = {key: found for key, found in translations.items() if len(set(found.values())) > 1}
    assert differing == {}


@pytest.mark.parametrize("language", CATALOGUES)
def test_no_catalogue_has_a_fuzzy_or_empty_entry(language):
    for path in every_catalogue(language):
        with open(path, "rb") as po:
            messages = [message for message in read_po(po) if message.id]
        assert [m.id for m in messages if m.fuzzy] == [], path
        assert [m.id for m in messages if not all(forms(m))] == [], path
