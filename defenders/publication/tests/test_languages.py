"""The public pages in the five other UN languages: no English left, content marked with its own language, the
introduction written whole in each language, and a communication's public text in several languages."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import translation

from defenders.addressees.models import Addressee
from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions
from defenders.communications.models import Communication, Reply
from defenders.communications.versions import PublicVersionError, set_public_version
from defenders.core.language_urls import url_prefix
from defenders.mandates.models import Mandate
from defenders.press import actions as press_actions
from defenders.publication.summary import PublicSummary
from tests.english_left import english_words_left

AFTER_PUBLICATION = datetime(2024, 6, 1, 12, tzinfo=OFFICE_TIME_ZONE)
OTHER_LANGUAGES = ["ar", "zh-hans", "fr", "ru", "es"]
SENT = date(2023, 10, 25)


def in_language(language: str, path: str) -> str:
    """The address of an English path under a language's prefix."""
    return f"/{url_prefix(language)}{path}"


def url(instance) -> str:
    """The English address (a request leaves its language active in the test's thread)."""
    with translation.override("en"):
        return instance.get_absolute_url()


def main_of(html: str) -> str:
    return html[html.index('<main id="main">') : html.index("</main>")]


@pytest.fixture
def demo_like(make_communication):
    """A joint communication with a reply of each kind, a single-mandate one without reply, an other letter
    and a press release: what the demo shows, in English, as offices record it."""
    joint = make_communication(
        title="judicial harassment of a woman defender",
        topic="the detention of a defender for her work",
        background="The defender leads a lawyers' association.",
        allegations="She was arrested on 3 October 2023 and held without charge.",
        concerns="We are concerned that the arrest is linked to her work.",
        update="Since the communication was sent, she has been released on bail.",
        full_text="Excellency,\n\nWe have the honour to address you about the defender.",
        reference="AL RUS 15/2023",
    )
    for kind, day, pending in (
        (Reply.Kind.ACKNOWLEDGEMENT, date(2023, 11, 1), False),
        (Reply.Kind.EXTENSION_REQUEST, date(2023, 11, 20), False),
        (Reply.Kind.CONFIDENTIAL, date(2023, 12, 1), False),
        (Reply.Kind.SUBSTANTIVE, date(2023, 12, 10), True),
        (Reply.Kind.SUBSTANTIVE, date(2024, 2, 1), False),
    ):
        actions.record_reply(
            joint,
            received_on=day,
            kind=kind,
            translation_pending=pending,
            summary="The Government said that the arrest was lawful and that the trial will be fair.",
        )
    single = make_communication(
        code="TUR",
        type="UA",
        signers=("SR HRDs",),
        title="threats against a journalist and her family",
        background="The journalist reports on the courts.",
    )
    other = make_communication(
        code="BLR", type="OL", title="the draft law on associations", concerns="The law."
    )
    release = press_actions.draft_press_release(
        title="Experts alarmed by the arrest of a defender",
        body="The experts said that the arrest of the defender is a grave concern.",
        communications=[joint],
        by=None,
    )
    with time_machine.travel(date(2023, 11, 1)):
        press_actions.publish_press_release(release, by=None)
    return {"joint": joint, "single": single, "other": other, "release": release}


def english_left_in_main(html: str, language: str) -> list[str]:
    """English left in the page's own content (<main>): the layout around it (base.html, its header and footer) is
    the project catalogue's, checked with it."""
    main = html[html.index('<main id="main">') : html.index("</main>") + len("</main>")]
    return english_words_left(f'<html lang="{language}">{main}</html>')


def public_paths(data) -> list[str]:
    joint = data["joint"]
    paths = [
        "/",
        "/how-communications-work/",
        "/communications/",
        "/communications/?q=arrest",
        "/communications/?q=nothingmatcheshere",
        "/communications/?q=nothingmatcheshere&type=UA",
        "/communications/?mandate=WGAD",
        "/communications/?year=abc",
        "/press-releases/",
        f"/press-releases/{data['release'].slug}/",
    ]
    for communication in (joint, data["single"], data["other"]):
        paths.append(url(communication))
    paths.append(f"{url(joint)}letter/")
    paths += [f"{url(joint)}replies/{reply.uid}/" for reply in joint.replies.all()]
    return paths


@pytest.mark.django_db
@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_public_page_speaks_the_language_with_no_english_left(client, demo_like, language):
    with time_machine.travel(AFTER_PUBLICATION):
        paths = public_paths(demo_like)
        for path in paths:
            response = client.get(in_language(language, path))
            assert response.status_code in (200, 400), path
            html = response.content.decode()
            assert f'<html lang="{language}"' in html, path
            assert english_left_in_main(html, language) == [], (path, language, main_of(html))


@pytest.mark.django_db
def test_the_same_pages_in_english_do_say_it_in_english(client, demo_like):
    """The check above means something only if the English pages carry the words it looks for."""
    with time_machine.travel(AFTER_PUBLICATION):
        html = client.get(url(demo_like["joint"])).content.decode()
    assert "The following is based on a communication written by" in html
    assert "(joint communication)" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "joint_title", "opening", "regrettably"),
    [
        ("fr", "(communication conjointe)", "Ce qui suit est fondé sur une communication adressée par", None),
        ("es", "(comunicación conjunta)", "Lo que sigue se basa en una comunicación dirigida por", None),
        ("ru", "(совместное сообщение)", "Нижеследующее основано на сообщении", None),
        ("ar", "(رسالة مشتركة)", "يستند ما يلي إلى رسالة وجهها", None),
        ("zh-hans", "（联合来文）", "以下内容基于", None),
    ],
)
def test_the_introduction_and_the_joint_title_are_written_whole_in_each_language(
    client, demo_like, language, joint_title, opening, regrettably
):
    with time_machine.travel(AFTER_PUBLICATION):
        joint = client.get(in_language(language, url(demo_like["joint"]))).content.decode()
        single = client.get(in_language(language, url(demo_like["single"]))).content.decode()
    assert joint_title in joint
    assert joint_title not in single
    assert opening in joint and opening in single


# Each reply variant, for a Government and for another actor, on time and late, in every language.
REPLY_VARIANTS = [
    (Reply.Kind.ACKNOWLEDGEMENT, False, 10),
    (Reply.Kind.ACKNOWLEDGEMENT, False, 90),
    (Reply.Kind.EXTENSION_REQUEST, False, 10),
    (Reply.Kind.EXTENSION_REQUEST, False, 90),
    (Reply.Kind.CONFIDENTIAL, False, 10),
    (Reply.Kind.CONFIDENTIAL, False, 90),
    (Reply.Kind.SUBSTANTIVE, True, 10),
    (Reply.Kind.SUBSTANTIVE, True, 90),
    (Reply.Kind.SUBSTANTIVE, False, 10),
    (Reply.Kind.SUBSTANTIVE, False, 90),
]


@pytest.mark.django_db
@pytest.mark.parametrize("addressee_kind", ["state", "company"])
@pytest.mark.parametrize("type", ["AL", "OL"])
def test_each_introduction_variant_is_translated_in_every_language(mandates, addressee_kind, type):
    addressee = (
        Addressee.state("RUS")
        if addressee_kind == "state"
        else Addressee.find_or_create(kind="company", name="Severnaya Mining")
    )
    communication = actions.create_communication(by=None, addressee=addressee, type=type, title="a title")
    actions.set_signatories(communication, [Mandate.objects.get(short_name="SR HRDs")], by=None)
    actions.record_sent(communication, sent_on=SENT, by=None)
    communication = Communication.objects.prefetch_related("mandate_links").get(pk=communication.pk)
    replies = [
        Reply(
            communication=communication,
            received_on=date.fromordinal(SENT.toordinal() + days),
            kind=kind,
            translation_pending=pending,
        )
        for kind, pending, days in REPLY_VARIANTS
    ]
    sentences_in = {}
    for language in ["en", *OTHER_LANGUAGES]:
        with translation.override(language):
            summary = PublicSummary(communication, replies=replies)
            sentences = [*summary.introduction(), *(public.sentence for public in summary.public_replies)]
            # Without any reply: the "regrettably" and "if a reply is received" sentences.
            sentences += PublicSummary(communication, replies=[]).introduction()
        html = "<html lang='{}'><p>{}</p></html>".format(language, "</p><p>".join(sentences))
        assert english_words_left(html) == [], (language, english_words_left(html))
        sentences_in[language] = sentences
    # Every sentence differs from the English one: nothing fell back to the English message.
    for language in OTHER_LANGUAGES:
        for english, translated in zip(sentences_in["en"], sentences_in[language], strict=True):
            assert english != translated, (language, english)
    if addressee_kind == "company":
        assert all("Severnaya Mining" in sentence for sentence in sentences_in["ru"][1:-1])


@pytest.mark.django_db
def test_content_carries_its_own_language_on_a_page_in_another(client, make_communication):
    communication = make_communication(
        title="the arrest of a defender", background="The defender was arrested.", full_text="Excellency,"
    )
    actions.record_reply(communication, received_on=date(2023, 11, 1), summary="The arrest was lawful.")
    reply = communication.replies.get()
    with time_machine.travel(AFTER_PUBLICATION):
        page = client.get(in_language("fr", url(communication))).content.decode()
        letter = client.get(in_language("fr", f"{url(communication)}letter/")).content.decode()
        answer = client.get(in_language("fr", f"{url(communication)}replies/{reply.uid}/")).content.decode()
        english = client.get(url(communication)).content.decode()
    assert '<span lang="en">the arrest of a defender</span>' in page
    assert '<p lang="en">The defender was arrested.</p>' in page
    assert '<p lang="en">Excellency,</p>' in letter
    assert '<p lang="en">The arrest was lawful.</p>' in answer
    # On a page in the content's own language, nothing to mark.
    assert '<p lang="en">' not in english and '<span lang="en">the arrest' not in english


@pytest.fixture
def translated(make_communication):
    """An English communication with a French public version and a Spanish original behind it."""
    communication = make_communication(
        title="the arrest of a defender",
        topic="an arrest",
        background="The defender Ana Pérez was arrested.",
        allegations="She was held for ten days.",
        concerns="Concern about her detention.",
    )
    set_public_version(
        communication,
        language="fr",
        by=None,
        title="l’arrestation d’une défenseuse",
        topic="une arrestation",
        background="La défenseuse Ana Pérez a été arrêtée.",
        allegations="Elle a été détenue dix jours.",
        concerns="Préoccupation quant à sa détention.",
    )
    set_public_version(
        communication,
        language="es",
        is_original=True,
        by=None,
        title="la detención de una defensora",
        topic="una detención",
        background="La defensora Ana Pérez fue detenida.",
        allegations="Estuvo detenida diez días.",
        concerns="Preocupación por su detención.",
    )
    return communication


@pytest.mark.django_db
def test_a_public_version_in_the_page_language_is_shown_and_the_others_linked(client, translated):
    with time_machine.travel(AFTER_PUBLICATION):
        french = client.get(in_language("fr", url(translated))).content.decode()
        russian = client.get(in_language("ru", url(translated))).content.decode()
        spanish = client.get(in_language("es", url(translated))).content.decode()
        english = client.get(url(translated)).content.decode()
    assert "La défenseuse Ana Pérez a été arrêtée." in french
    assert "The defender Ana Pérez was arrested." not in french
    assert "l’originale est en espagnol" in french
    assert f'href="/es{url(translated)}" hreflang="es" lang="es">Español</a> (originale)' in french
    assert f'href="{url(translated)}" hreflang="en" lang="en">English</a>' in french
    # No Russian version: the original (Spanish) is shown, marked as such and with its language.
    assert '<p lang="es">La defensora Ana Pérez fue detenida.</p>' in russian
    assert "оригинал" in russian
    assert english_left_in_main(russian, "ru") == []
    assert "La defensora Ana Pérez fue detenida." in spanish
    # The communication's own text is English: its English page shows it, as a translation of the original.
    assert "The defender Ana Pérez was arrested." in english
    assert "the original is in Spanish" in english


@pytest.mark.django_db
def test_a_public_version_is_never_shown_before_the_communication_is_public(client, translated):
    with time_machine.travel(datetime(2023, 11, 1, 12, tzinfo=OFFICE_TIME_ZONE)):
        for language in ("fr", "es", "en"):
            path = url(translated)
            response = client.get(path if language == "en" else in_language(language, path))
            assert response.status_code == 404
        listed = client.get(in_language("fr", "/communications/?q=défenseuse")).content.decode()
        home = client.get(in_language("fr", "/")).content.decode()
    assert "Ana Pérez" not in main_of(listed), main_of(listed)
    assert "l’arrestation d’une défenseuse" not in main_of(home)


@pytest.mark.django_db
def test_a_public_version_is_redacted_like_the_original(client, translated, concerning):
    person = concerning(translated, "Ana Pérez", named_in_public=False)
    assert person is not None
    with time_machine.travel(AFTER_PUBLICATION):
        french = client.get(in_language("fr", url(translated))).content.decode()
    assert "Ana Pérez" not in french and "Pérez" not in french
    assert "La défenseuse [nom non divulgué] a été arrêtée." in french


@pytest.mark.django_db
def test_a_public_version_cannot_repeat_the_communication_own_language(translated):
    with pytest.raises(PublicVersionError):
        set_public_version(translated, language="en", by=None, title="again")
    assert translated.public_versions.filter(is_original=True).get().language == "es"
    set_public_version(translated, language="fr", is_original=True, by=None, title="l’arrestation")
    assert translated.public_versions.filter(is_original=True).get().language == "fr"
