"""The audit trail of an object as staff read it on its page: who, when, what, and each field's old and new value.

Read from django-simple-history's rows, which the actions write (defenders/core/history.py); nothing here writes."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils.translation import gettext, pgettext_lazy

from defenders.core.history import is_record, reason_html


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class AuditEntry:
    at: datetime
    who: str
    what: str
    reason: str
    # A reason stored as plain text (older rows, typed words) is shown as written, in English; a record is rendered
    # in the reader's language.
    reason_is_plain_text: bool = False
    changes: list[FieldChange] = field(default_factory=list)


_WHAT = {
    "+": pgettext_lazy("audit trail", "Created"),
    "~": pgettext_lazy("audit trail", "Changed"),
    "-": pgettext_lazy("audit trail", "Deleted"),
}


def audit_trail(instance: models.Model, *, limit: int = 200) -> list[AuditEntry]:
    """The object's history, newest first, each row compared with the one before it."""
    history = instance.history  # type: ignore[attr-defined]  # django-simple-history's manager
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = [
                FieldChange(
                    _label(instance, change.field),
                    _shown(change.old, _field(instance, change.field)),
                    _shown(change.new, _field(instance, change.field)),
                )
                for change in delta.changes
            ]
        entries.append(
            AuditEntry(
                at=record.history_date,
                who=record.history_user.get_username()
                if record.history_user
                else gettext("a command or an import"),
                what=str(_WHAT.get(record.history_type, record.history_type)),
                reason=reason_html(record.history_change_reason),
                reason_is_plain_text=not is_record(record.history_change_reason),
                changes=changes,
            )
        )
    return entries


def _label(instance: models.Model, name: str) -> str:
    try:
        return str(getattr(instance._meta.get_field(name), "verbose_name", name))
    except Exception:  # a field since removed from the model keeps its stored name
        return name


def _field(instance: models.Model, name: str) -> object:
    try:
        return instance._meta.get_field(name)
    except Exception:  # a field since removed from the model
        return None


def _shown(value: object, field: object = None) -> str:
    """The value as the page's language says it: a choice by its label, a yes or no in words."""
    if value is None or value == "":
        return gettext("(empty)")
    if isinstance(value, bool):
        # Django's own catalogue translates the yesno filter's words.
        yes, no, _maybe = gettext("yes,no,maybe").split(",")
        return yes if value else no
    choices = dict(getattr(field, "flatchoices", None) or [])
    if isinstance(value, str) and value in choices:
        value = choices[value]
    text = str(value)
    return text if len(text) <= 300 else text[:300] + "…"
