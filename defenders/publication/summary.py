"""The public “shorter version” of a communication: its title, introduction and reply-status sentences."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

from defenders.communications import embargo, letters
from defenders.communications.badges import reply_badge
from defenders.communications.exposure import withheld_names
from defenders.communications.models import Communication, PublicVersion, Reply
from defenders.communications.redaction import REDACTED_NAME, redact

DATABASE_NAME = "the UN Special Procedures communications database"


# Shown through gettext where they are used: the office's default name and the redaction placeholder.
TRANSLATED_ELSEWHERE = (
    gettext_noop("the UN Special Rapporteur on Human Rights Defenders"),
    gettext_noop("[name withheld]"),
)


def long_date(day: date) -> str:
    """The date as the introduction writes it, in the page's language (“25 October 2023”, “25 octobre 2023”)."""
    return letters.long_date(day, get_language() or settings.LANGUAGE_CODE)


def communication_language(django_language_code: str) -> str:
    """A communication's language code for a page's language ("zh-hans" -> "zh")."""
    return django_language_code.split("-")[0]


def django_language(code: str) -> str:
    """The Django language code for a communication's language ("zh" -> "zh-hans")."""
    return letters.DJANGO_LANGUAGE.get(code, code)


def language_name(code: str) -> str:
    """The language's name in that language, as a reader looking for their own language recognises it."""
    return translation.get_language_info(django_language(code))["name_local"]


def public_address(communication: Communication, code: str) -> str:
    """The public page of the communication under that language's prefix."""
    with translation.override(django_language(code)):
        return reverse("publication:communication", kwargs={"slug": communication.slug})


def in_language(text: str, language: str) -> SafeString:
    """The text, escaped, in an element carrying its language where that is not the page's."""
    if not language or language == communication_language(get_language() or settings.LANGUAGE_CODE):
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', language, text)


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    url: str
    is_original: bool
    is_shown: bool


# The reply sentences, by reply kind, on time (False) or after the communication was made public (True).
_STATE_REPLY_SENTENCES = {
    Reply.Kind.ACKNOWLEDGEMENT: (
        gettext_noop(
            "On %(date)s, the Government acknowledged receipt of the communication (a procedural reply)."
        ),
        gettext_noop(
            "On %(date)s, after the communication was made public, the Government acknowledged receipt of the "
            "communication (a procedural reply)."
        ),
    ),
    Reply.Kind.EXTENSION_REQUEST: (
        gettext_noop("On %(date)s, the Government requested an extension of the deadline to reply."),
        gettext_noop(
            "On %(date)s, after the communication was made public, the Government requested an extension of the "
            "deadline to reply."
        ),
    ),
    Reply.Kind.CONFIDENTIAL: (
        gettext_noop(
            "The Government replied on %(date)s and asked that its reply be kept confidential; the reply is "
            "therefore not published."
        ),
        gettext_noop(
            "The Government replied on %(date)s, after the communication was made public, and asked that its "
            "reply be kept confidential; the reply is therefore not published."
        ),
    ),
    "translation_pending": (
        gettext_noop(
            "The Government replied on %(date)s. The reply is being translated and will be posted on the UN "
            "Special Procedures communications database once the translation is available."
        ),
        gettext_noop(
            "The Government replied on %(date)s, after the communication was made public. The reply is being "
            "translated and will be posted on the UN Special Procedures communications database once the "
            "translation is available."
        ),
    ),
    Reply.Kind.SUBSTANTIVE: (
        gettext_noop(
            "The Government replied on %(date)s. The reply is available on the UN Special Procedures "
            "communications database."
        ),
        gettext_noop(
            "The Government replied on %(date)s, after the communication was made public. The reply is "
            "available on the UN Special Procedures communications database."
        ),
    ),
}
_ACTOR_REPLY_SENTENCES = {
    Reply.Kind.ACKNOWLEDGEMENT: (
        gettext_noop(
            "On %(date)s, %(actor)s acknowledged receipt of the communication (a procedural reply)."
        ),
        gettext_noop(
            "On %(date)s, after the communication was made public, %(actor)s acknowledged receipt of the "
            "communication (a procedural reply)."
        ),
    ),
    Reply.Kind.EXTENSION_REQUEST: (
        gettext_noop("On %(date)s, %(actor)s requested an extension of the deadline to reply."),
        gettext_noop(
            "On %(date)s, after the communication was made public, %(actor)s requested an extension of the "
            "deadline to reply."
        ),
    ),
    Reply.Kind.CONFIDENTIAL: (
        gettext_noop(
            "%(actor)s replied on %(date)s and asked that its reply be kept confidential; the reply is therefore "
            "not published."
        ),
        gettext_noop(
            "%(actor)s replied on %(date)s, after the communication was made public, and asked that its reply be "
            "kept confidential; the reply is therefore not published."
        ),
    ),
    "translation_pending": (
        gettext_noop(
            "%(actor)s replied on %(date)s. The reply is being translated and will be posted on the UN Special "
            "Procedures communications database once the translation is available."
        ),
        gettext_noop(
            "%(actor)s replied on %(date)s, after the communication was made public. The reply is being "
            "translated and will be posted on the UN Special Procedures communications database once the "
            "translation is available."
        ),
    ),
    Reply.Kind.SUBSTANTIVE: (
        gettext_noop(
            "%(actor)s replied on %(date)s. The reply is available on the UN Special Procedures communications "
            "database."
        ),
        gettext_noop(
            "%(actor)s replied on %(date)s, after the communication was made public. The reply is available on "
            "the UN Special Procedures communications database."
        ),
    ),
}


@dataclass
class PublicReply:
    reply: Reply
    sentence: str
    summary: str  # redacted like every public text of its communication

    @property
    def shows_content(self) -> bool:
        return self.reply.content_is_public


class PublicSummary:
    """What the public may read of one communication: redacted where consent is missing, replies as the rule says."""

    def __init__(
        self,
        communication: Communication,
        *,
        at: datetime | None = None,
        replies=None,
        page_language: str = "",
    ):
        """`page_language` (a Django language code) picks the public version shown; without it, the
        communication's own text (what feeds and the API give)."""
        self.communication = communication
        self.at = at
        self.page_language = page_language
        self._withheld_names = withheld_names(communication)
        if replies is None:
            replies = Reply.objects.public(at).filter(communication=communication)
        self.replies = list(replies)

    def _text(self, text: str, language: str = "") -> str:
        redacted = redact(text, self._withheld_names)
        if language and language != "en" and REDACTED_NAME in redacted:
            # The placeholder in the text's own language, so that a French text does not say “name withheld”.
            with translation.override(django_language(language)):
                redacted = redacted.replace(REDACTED_NAME, gettext(REDACTED_NAME))
        return redacted

    @property
    def slug(self) -> str:
        return self.communication.slug

    @property
    def reference(self) -> str:
        return self.communication.display_reference

    @property
    def addressee(self):
        return self.communication.addressee

    @property
    def sent_on(self) -> date | None:
        return self.communication.sent_on

    @property
    def type_label(self) -> str:
        return self.communication.get_type_display()

    @property
    def is_joint(self) -> bool:
        return self.communication.is_joint

    # The public text in several languages: the communication's own fields (in `communication.language`) and its
    # public versions. A page in a language that has a version shows it; any other shows the original.

    @cached_property
    def _versions(self) -> list[PublicVersion]:
        return list(self.communication.public_versions.all())

    @cached_property
    def _shown(self) -> Communication | PublicVersion:
        if not self.page_language:
            return self.communication
        wanted = communication_language(self.page_language)
        if wanted == self.communication.language:
            return self.communication
        for version in self._versions:
            if version.language == wanted:
                return version
        for version in self._versions:
            if version.is_original:
                return version
        return self.communication

    @property
    def text_language(self) -> str:
        """The language of the title and summary shown (the `lang` of their elements)."""
        return self._shown.language

    @property
    def original_language(self) -> str:
        for version in self._versions:
            if version.is_original:
                return version.language
        return self.communication.language

    @property
    def shows_original(self) -> bool:
        return self.text_language == self.original_language

    @property
    def shows_page_language(self) -> bool:
        return bool(self.page_language) and self.text_language == communication_language(self.page_language)

    def language_versions(self) -> list[LanguageVersion]:
        """Every language the public text exists in, original first, each with the address of its page."""
        languages = [self.communication.language, *(version.language for version in self._versions)]
        original = self.original_language
        languages.sort(key=lambda code: (code != original, code))
        return [
            LanguageVersion(
                code,
                language_name(code),
                public_address(self.communication, code),
                is_original=code == original,
                is_shown=code == self.text_language,
            )
            for code in languages
        ]

    def _shown_text(self, name: str) -> str:
        return self._text(getattr(self._shown, name), self.text_language)

    @property
    def title(self) -> str:
        """The public title as plain text (the page's <title>, feeds): country, title, and whether joint."""
        values = {"country": self.addressee.short_name, "title": self._shown_text("title")}
        if self.is_joint:
            return gettext("%(country)s: %(title)s (joint communication)") % values
        return gettext("%(country)s: %(title)s") % values

    @property
    def title_html(self) -> SafeString:
        """The public title in a page: the communication's own words marked with their language."""
        values = {
            "country": conditional_escape(self.addressee.short_name),
            "title": in_language(self._shown_text("title"), self.text_language),
        }
        if self.is_joint:
            message = gettext("%(country)s: %(title)s (joint communication)")
        else:
            message = gettext("%(country)s: %(title)s")
        return mark_safe(conditional_escape(message) % values)

    @property
    def topic(self) -> str:
        return self._shown_text("topic")

    @property
    def background(self) -> str:
        return self._shown_text("background")

    @property
    def allegations(self) -> str:
        return self._shown_text("allegations")

    @property
    def concerns(self) -> str:
        return self._shown_text("concerns")

    @property
    def update(self) -> str:
        return self._text(self.communication.update, self.communication.language)

    @property
    def full_text(self) -> str:
        return self._text(self.communication.full_text, self.communication.language)

    @property
    def is_redacted(self) -> bool:
        return bool(self._withheld_names)

    def mandates(self) -> list[str]:
        return [
            link.mandate.name
            for link in sorted(self.communication.mandate_links.all(), key=lambda x: x.order)
        ]

    def local_mandates(self) -> list[tuple[str, str]]:
        """Each signing mandate's title in the page's language where one is recorded, with that language."""
        return [
            (link.mandate.local_name, link.mandate.name_language)
            for link in sorted(self.communication.mandate_links.all(), key=lambda x: x.order)
        ]

    # The introduction, sentence by sentence, as the office writes it. Each sentence is one message with its
    # variants (joint or not, a Government or another actor, a reply on time or late) written out whole, so that
    # every language builds it with its own grammar rather than from English fragments.

    def introduction(self) -> list[str]:
        """The opening paragraph(s): who wrote to whom and when, the confidential period, the reply status."""
        communication = self.communication
        assert communication.sent_on is not None, "only sent communications have a public summary"
        sentences = [self._opening(communication.sent_on), self._period(), *self.reply_status_sentences()]
        # Chinese writes its sentences one after the other, without a space.
        separator = "" if (get_language() or "").startswith("zh") else " "
        return [separator.join(sentences)]

    def _opening(self, sent_on: date) -> str:
        values = {
            "office": gettext(settings.DEFENDERS_OFFICE_NAME),
            "country": self.addressee.short_name,
            "actor": self.addressee.name,
            "date": long_date(sent_on),
        }
        if self.addressee.is_state:
            if self.is_joint:
                return (
                    gettext(
                        "The following is based on a communication written by %(office)s and other UN experts "
                        "to the Government of %(country)s on %(date)s."
                    )
                    % values
                )
            return (
                gettext(
                    "The following is based on a communication written by %(office)s to the Government of "
                    "%(country)s on %(date)s."
                )
                % values
            )
        if self.is_joint:
            return (
                gettext(
                    "The following is based on a communication written by %(office)s and other UN experts to "
                    "%(actor)s on %(date)s."
                )
                % values
            )
        return (
            gettext(
                "The following is based on a communication written by %(office)s to %(actor)s on %(date)s."
            )
            % values
        )

    def _period(self) -> str:
        state = self.addressee.is_state
        if self.communication.type == Communication.Type.OTHER_LETTER:
            if state:
                return gettext(
                    "The communication was made public two working days after it was sent, and the Government "
                    "was invited to reply."
                )
            return gettext(
                "The communication was made public two working days after it was sent, and %(actor)s was "
                "invited to reply."
            ) % {"actor": self.addressee.name}
        days = embargo.CONFIDENTIAL_DAYS
        if state:
            return ngettext(
                "The communication remained confidential for %(days)d day before being made public, giving the "
                "Government time to reply.",
                "The communication remained confidential for %(days)d days before being made public, giving "
                "the Government time to reply.",
                days,
            ) % {"days": days}
        return ngettext(
            "The communication remained confidential for %(days)d day before being made public, giving "
            "%(actor)s time to reply.",
            "The communication remained confidential for %(days)d days before being made public, giving "
            "%(actor)s time to reply.",
            days,
        ) % {"days": days, "actor": self.addressee.name}

    def reply_status_sentences(self) -> list[str]:
        replied_in_time = any(embargo.replied_within_period(reply) for reply in self.replies)
        sentences = []
        if not replied_in_time and self.communication.type != Communication.Type.OTHER_LETTER:
            if self.addressee.is_state:
                sentences.append(gettext("Regrettably, the Government did not reply within this timeframe."))
            else:
                sentences.append(
                    gettext("Regrettably, %(actor)s did not reply within this timeframe.")
                    % {"actor": self.addressee.name}
                )
        sentences.extend(public.sentence for public in self.public_replies)
        if not any(reply.kind == Reply.Kind.SUBSTANTIVE for reply in self.replies):
            sentences.append(
                gettext(
                    "If a reply is received, it will be posted on the UN Special Procedures communications "
                    "database."
                )
            )
        return sentences

    @cached_property
    def public_replies(self) -> list[PublicReply]:
        return [
            PublicReply(reply, self._reply_sentence(reply), self._text(reply.summary))
            for reply in self.replies
        ]

    def public_reply_texts(self) -> list[str]:
        """The redacted summaries of the replies whose content is public, as public_replies shows them, without
        their sentences (the search index reads these for every communication of an import)."""
        return [self._text(reply.summary) for reply in self.replies if reply.content_is_public]

    def _reply_sentence(self, reply: Reply) -> str:
        values = {"date": long_date(reply.received_on), "actor": self.addressee.name}
        late = not embargo.replied_within_period(reply)
        sentences = _STATE_REPLY_SENTENCES if self.addressee.is_state else _ACTOR_REPLY_SENTENCES
        kind = (
            "translation_pending"
            if reply.kind == Reply.Kind.SUBSTANTIVE and reply.translation_pending
            else reply.kind
        )
        return gettext(sentences[kind][late]) % values

    def reply_status_badge(self) -> str:
        """The class of the reply status's badge (defenders/communications/badges.py), in step with its label."""
        return reply_badge(self.replies).css_class

    def reply_status_label(self) -> str:
        """A few words for lists and tables."""
        return reply_badge(self.replies).label
