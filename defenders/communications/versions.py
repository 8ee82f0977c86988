"""Writes to a communication's public versions in other languages: one action sets a version, one removes it; both
leave a reasoned history row, and the exposure check reads the new text through the signals."""

from django.db import transaction
from django.utils.translation import gettext_noop

from defenders.core.history import Reason, StaffUser, delete_with_reason, save_with_reason

from .models import Communication, PublicVersion

VERSION_TEXTS = frozenset({"title", "topic", "background", "allegations", "concerns"})


class PublicVersionError(ValueError):
    """A version that cannot stand beside its communication (in the communication's own language, say)."""


@transaction.atomic
def set_public_version(
    communication: Communication,
    *,
    language: str,
    by: StaffUser,
    is_original: bool = False,
    reason: str | Reason = "",
    **texts: str,
) -> PublicVersion:
    """Give the communication's public text in one more language (or correct it); `is_original` says this
    version, not the communication's own text, was written first (any other version then stops being it)."""
    unknown = set(texts) - VERSION_TEXTS
    if unknown:
        raise TypeError(f"Not a text of a public version: {', '.join(sorted(unknown))}")
    if language == communication.language:
        raise PublicVersionError("The communication's own text is already in that language.")
    if language not in Communication.Language.values:
        raise PublicVersionError(f"Unknown language {language!r}.")
    version = PublicVersion.objects.filter(communication=communication, language=language).first()
    if version is None:
        version = PublicVersion(communication=communication, language=language)
    if is_original:
        for other in communication.public_versions.filter(is_original=True).exclude(language=language):
            other.is_original = False
            save_with_reason(
                other, Reason(gettext_noop("The {language} version is the original"), language=language), by
            )
    version.is_original = is_original
    for name, value in texts.items():
        setattr(version, name, value)
    version.full_clean(exclude=["communication"])
    save_with_reason(
        version, reason or Reason(gettext_noop("Public version in {language}"), language=language), by
    )
    return version


@transaction.atomic
def remove_public_version(version: PublicVersion, *, by: StaffUser, reason: str | Reason) -> None:
    delete_with_reason(version, reason, by)
