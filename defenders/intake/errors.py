"""Why an intake action refused: one named exception per reason, each worded for the person who can act on it."""


class IntakeError(Exception):
    """An intake action refused; nothing was changed."""


class IntakeNotReady(IntakeError):
    """The office has no recovery key yet, so nothing could ever be read back: intake must refuse."""


class NotSharedWithYou(IntakeError):
    """The submission was not sealed to this staff member's key (ask for access with the recovery key)."""


class NoConversation(IntakeError):
    """The submission has no codename: there is no conversation with its source through the site."""


class UnknownStatus(IntakeError):
    """The status is not one a submission can have."""


class RetentionRefused(IntakeError):
    """Retention can be extended only with a reason and to a day in the future."""


class WrongRecoveryKey(IntakeError):
    """The private key given is not the current office recovery key, or does not open what it should."""


class RecoveryKeyExists(IntakeError):
    """The office has a recovery key already; it is replaced by rotation, never by a second one."""


class NoStaffKey(IntakeError):
    """The staff member has no key yet: once enabled as a recipient, they unlock once in the inbox to create it."""


class NotARecipient(IntakeError):
    """The staff member may not have a key: an administrator has not enabled them, or they cannot read submissions."""


class PepperLost(IntakeError):
    """Submissions with codenames exist but the pepper is gone: a new one would refuse every codename given out."""
