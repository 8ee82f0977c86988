"""The public “shorter version” of a communication: its title, introduction and reply-status sentences."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from django.conf import settings

from defenders.communications import embargo
from defenders.communications.exposure import withheld_names
from defenders.communications.models import Communication, Reply
from defenders.communications.redaction import redact

DATABASE_NAME = "the UN Special Procedures communications database"


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


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

    def __init__(self, communication: Communication, *, at: datetime | None = None, replies=None):
        self.communication = communication
        self.at = at
        self._withheld_names = withheld_names(communication)
        if replies is None:
            replies = Reply.objects.public(at).filter(communication=communication)
        self.replies = list(replies)

    def _text(self, text: str) -> str:
        return redact(text, self._withheld_names)

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

    @property
    def title(self) -> str:
        suffix = " (joint communication)" if self.is_joint else ""
        return f"{self.communication.addressee.short_name}: {self._text(self.communication.title)}{suffix}"

    @property
    def topic(self) -> str:
        return self._text(self.communication.topic)

    @property
    def background(self) -> str:
        return self._text(self.communication.background)

    @property
    def allegations(self) -> str:
        return self._text(self.communication.allegations)

    @property
    def concerns(self) -> str:
        return self._text(self.communication.concerns)

    @property
    def update(self) -> str:
        return self._text(self.communication.update)

    @property
    def full_text(self) -> str:
        return self._text(self.communication.full_text)

    @property
    def is_redacted(self) -> bool:
        return bool(self._withheld_names)

    def mandates(self) -> list[str]:
        return [
            link.mandate.name
            for link in sorted(self.communication.mandate_links.all(), key=lambda x: x.order)
        ]

    # The introduction, sentence by sentence, as the office writes it.

    @property
    def _responder(self) -> str:
        return "the Government" if self.addressee.is_state else self.addressee.name

    def introduction(self) -> list[str]:
        """The opening paragraph(s): who wrote to whom and when, the confidential period, the reply status."""
        communication = self.communication
        assert communication.sent_on is not None, "only sent communications have a public summary"
        writers = settings.DEFENDERS_OFFICE_NAME + (" and other UN experts" if self.is_joint else "")
        if communication.type == Communication.Type.OTHER_LETTER:
            period = (
                "The communication was made public two working days after it was sent, "
                f"and {self._responder} was invited to reply."
            )
        else:
            period = (
                f"The communication remained confidential for {embargo.CONFIDENTIAL_DAYS} days before being made "
                f"public, giving {self._responder} time to reply."
            )
        opening = (
            f"The following is based on a communication written by {writers} to "
            f"{self.addressee.formal_name} on {long_date(communication.sent_on)}. {period}"
        )
        return [" ".join([opening, *self.reply_status_sentences()])]

    def reply_status_sentences(self) -> list[str]:
        replied_in_time = any(embargo.replied_within_period(reply) for reply in self.replies)
        sentences = []
        if not replied_in_time and self.communication.type != Communication.Type.OTHER_LETTER:
            sentences.append(f"Regrettably, {self._responder} did not reply within this timeframe.")
        sentences.extend(public.sentence for public in self.public_replies)
        if not any(reply.kind == Reply.Kind.SUBSTANTIVE for reply in self.replies):
            sentences.append(f"If a reply is received, it will be posted on {DATABASE_NAME}.")
        return sentences

    @cached_property
    def public_replies(self) -> list[PublicReply]:
        return [
            PublicReply(reply, self._reply_sentence(reply), self._text(reply.summary))
            for reply in self.replies
        ]

    def _reply_sentence(self, reply: Reply) -> str:
        who = self._responder[0].upper() + self._responder[1:]
        on = long_date(reply.received_on)
        late = "" if embargo.replied_within_period(reply) else ", after the communication was made public"
        if reply.kind == Reply.Kind.ACKNOWLEDGEMENT:
            return f"On {on}{late}, {self._responder} acknowledged receipt of the communication (a procedural reply)."
        if reply.kind == Reply.Kind.EXTENSION_REQUEST:
            return f"On {on}{late}, {self._responder} requested an extension of the deadline to reply."
        if reply.kind == Reply.Kind.CONFIDENTIAL:
            return (
                f"{who} replied on {on}{late} and asked that its reply be kept confidential; "
                "the reply is therefore not published."
            )
        if reply.translation_pending:
            return (
                f"{who} replied on {on}{late}. The reply is being translated and will be posted on "
                f"{DATABASE_NAME} once the translation is available."
            )
        return f"{who} replied on {on}{late}. The reply is available on {DATABASE_NAME}."

    def reply_status_badge(self) -> str:
        """The class of the reply status's badge (defenders/static/defenders/site.css), in step with its label."""
        kinds = {reply.kind for reply in self.replies}
        if Reply.Kind.SUBSTANTIVE in kinds or Reply.Kind.CONFIDENTIAL in kinds:
            return "badge-replied"
        return "badge-partial" if kinds else "badge-no-reply"

    def reply_status_label(self) -> str:
        """A few words for lists and tables."""
        kinds = {reply.kind for reply in self.replies}
        if Reply.Kind.SUBSTANTIVE in kinds:
            if all(
                reply.translation_pending for reply in self.replies if reply.kind == Reply.Kind.SUBSTANTIVE
            ):
                return "Replied (translation pending)"
            return "Replied"
        if Reply.Kind.CONFIDENTIAL in kinds:
            return "Replied (confidential)"
        if kinds:
            return "Procedural reply only"
        return "No reply"
