"""The words the figures give the communications' types and the replies' kinds, in the reader's language: the same
English as the communications' own choices (a test keeps them equal), translated with the UN's terms."""

from django.utils.translation import gettext_lazy as _

from defenders.communications.models import Communication, Reply

TYPE_NAMES = {
    Communication.Type.ALLEGATION_LETTER.value: _("Allegation letter"),
    Communication.Type.URGENT_APPEAL.value: _("Urgent appeal"),
    Communication.Type.OTHER_LETTER.value: _("Other letter"),
}
# The plural, in a sentence such as "Counting urgent appeals sent from 2020 to 2024".
TYPE_PLURALS = {
    Communication.Type.ALLEGATION_LETTER.value: _("allegation letters"),
    Communication.Type.URGENT_APPEAL.value: _("urgent appeals"),
    Communication.Type.OTHER_LETTER.value: _("other letters"),
}
REPLY_KIND_NAMES = {
    Reply.Kind.SUBSTANTIVE.value: _("Substantive reply"),
    Reply.Kind.ACKNOWLEDGEMENT.value: _("Procedural reply: acknowledgement of receipt"),
    Reply.Kind.EXTENSION_REQUEST.value: _("Procedural reply: request for an extension"),
    Reply.Kind.CONFIDENTIAL.value: _("Reply the State asked to keep confidential"),
}
