"""How an action leaves its row in the audit trail (django-simple-history): who did it, and why.

The why is stored as a language-neutral record (a marked English message and its parameters) and rendered in the
reader's language by `reason_text`; plain text (older rows, or typed by a person) is kept and shown as written."""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from simple_history.utils import update_change_reason

from defenders.core.templatetags.locale_format import local_day, local_day_time

StaffUser = AbstractBaseUser | AnonymousUser | None

# The record's version: a stored reason starting with this prefix is a record, anything else is plain text.
RECORD_VERSION = 1
_RECORD_PREFIX = '{"reason": 1,'


@dataclass(frozen=True)
class When:
    """A date or moment named in a reason: written as the English record always wrote it (`written`), and as a
    day in words in any other language."""

    at: date | datetime
    written: str


@dataclass(frozen=True)
class Text:
    """Words of a known language in a reason (a communication's title, a label in the writer's language): shown as
    they are, marked with their `lang` on a page."""

    words: str
    language: str


def on_day(day: date) -> When:
    return When(day, f"{day:%Y-%m-%d}")


@dataclass(frozen=True)
class Reason:
    """Why a history row was written: an English message marked with `gettext_noop` where it is written (so that
    makemessages finds it), with `{name}` placeholders filled after translation. A str parameter (a reference, a
    code, a short name, a person's own words) stays as it is; a Reason parameter is rendered too; a When is a day."""

    message: str
    params: dict[str, "str | int | Reason | When | Text"] = field(default_factory=dict)

    def __init__(self, message: str, **params: "str | int | Reason | When | Text") -> None:
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "params", params)

    def stored(self) -> str:
        """The text written into history_change_reason."""
        # The version key first, with json's default separators: what is_record recognises.
        return json.dumps({"reason": RECORD_VERSION, **_record(self)}, ensure_ascii=False)


def _record(reason: Reason) -> dict:
    return {
        "message": reason.message,
        "params": {name: _param(value) for name, value in reason.params.items()},
    }


def _param(value: "str | int | Reason | When | Text") -> object:
    if isinstance(value, Reason):
        return _record(value)
    if isinstance(value, Text):
        return {"text": value.words, "lang": value.language}
    if isinstance(value, When):
        kind = "datetime" if isinstance(value.at, datetime) else "date"
        return {kind: value.at.isoformat(), "written": value.written}
    return str(value)


def listed(items: "Sequence[str | Reason | Text]", separator: str = ", ") -> Reason:
    """Several names or reasons in their order; the list itself has no words to translate."""
    params = {f"item{index}": item for index, item in enumerate(items)}
    return Reason(separator.join(f"{{{name}}}" for name in params), **params)


def stored_reason(reason: "str | Reason") -> str:
    return reason.stored() if isinstance(reason, Reason) else reason


def is_record(stored: str | None) -> bool:
    """Whether a stored reason is a record to render (else plain text, shown as written)."""
    return stored is not None and stored.startswith(_RECORD_PREFIX)


def reason_text(stored: str | None) -> str:
    """The stored reason in the active language (the English record when English or none is active); plain text
    as it was written."""
    if not stored or not is_record(stored):
        return stored or ""
    try:
        return _rendered(json.loads(stored), english=_english(), html=False)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return stored  # a damaged record is still shown rather than lost


def reason_html(stored: str | None) -> SafeString:
    """The same for a page: every part escaped once, words of a known language marked with their `lang`."""
    if not stored or not is_record(stored):
        return escape(stored or "")
    try:
        rendered = _rendered(json.loads(stored), english=_english(), html=True)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return escape(stored)
    return mark_safe(rendered)  # the message and each parameter were escaped


def _english() -> bool:
    return (get_language() or "en").split("-")[0] == "en"


def _rendered(record: dict, *, english: bool, html: bool) -> str:
    params = {
        name: _rendered_param(value, english=english, html=html) for name, value in record["params"].items()
    }
    message = record["message"] if english else gettext(record["message"])
    return (escape(message) if html else message).format_map(params)


def _rendered_param(value: object, *, english: bool, html: bool) -> str:
    if isinstance(value, dict) and "message" in value:
        return _rendered(value, english=english, html=html)
    if isinstance(value, dict) and "text" in value:
        if html:
            return format_html('<span lang="{}">{}</span>', value["lang"], value["text"])
        return value["text"]
    text = _day(value, english=english) if isinstance(value, dict) else str(value)
    return escape(text) if html else text


def _day(value: dict, *, english: bool) -> str:
    if english:
        return value["written"]
    if "datetime" in value:
        return local_day_time(datetime.fromisoformat(value["datetime"]))
    return local_day(date.fromisoformat(value["date"]))


def attribute_to(instance: models.Model, by: StaffUser) -> None:
    """Name the staff member in the next history row; commands and imports (by=None) leave it empty."""
    if by is not None and getattr(by, "is_authenticated", False):
        instance._history_user = by  # type: ignore[attr-defined]  # read by django-simple-history


def save_with_reason(instance: models.Model, reason: "str | Reason", by: StaffUser) -> None:
    attribute_to(instance, by)
    instance.save()
    update_change_reason(instance, stored_reason(reason))


def delete_with_reason(instance: models.Model, reason: "str | Reason", by: StaffUser) -> None:
    """Delete, leaving a last history row that says who removed it and why."""
    attribute_to(instance, by)
    instance._change_reason = stored_reason(reason)  # type: ignore[attr-defined]  # read by django-simple-history
    instance.delete()
