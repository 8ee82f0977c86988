"""Communications from published texts (`defenders import-text`): read by the extractor, written through the
interchange importer as *withheld* records, so that none is public before staff check it and release it.
"""

import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

from defenders.communications.models import Communication
from defenders.communications.references import parse_reference
from defenders.interchange.jsonl import import_lines
from defenders.mandates.models import Mandate

from .reader import read_text

# Ids from the text itself, so that importing the same text twice finds the same record.
TEXT_NAMESPACE = uuid.UUID("0b6c1d2e-9a55-4c1f-8f53-6c0c2a8f7e41")
REPLY_KINDS = {
    "replied": "substantive",
    "procedural": "acknowledgement",
    "extension_request": "extension_request",
    "confidential": "confidential",
}
TITLE_LENGTH = 300
REVIEW_NOTE = (
    "Imported from a published text by `defenders import-text` ({name}); check every field against the text, "
    "then release it for publication."
)


class NotImportable(ValueError):
    """The text does not say enough to make a communication (no addressee)."""


@dataclass(frozen=True)
class Imported:
    name: str
    outcome: str  # created, already imported
    uid: uuid.UUID
    notes: list[str]


def text_uid(text: str) -> uuid.UUID:
    return uuid.uuid5(TEXT_NAMESPACE, hashlib.sha256(text.encode("utf-8")).hexdigest())


def _title(text: str, name: str, reference: str | None) -> str:
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("[") or re.match(r"(?:Mandates? of|REFERENCE)\b", line):
            continue
        if ":" in line[:60] and len(line) > 20:
            title = line.split(":", 1)[1].strip()
            return re.sub(
                r"\s*\((?:joint communication|communication conjointe|comunicación conjunta)\)$", "", title
            )[:TITLE_LENGTH]
        break
    return f"Imported communication {reference or name}"[:TITLE_LENGTH]


def _mandates(names: list[str], notes: list[str]) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for name in names:
        mandate = Mandate.objects.filter(name__iexact=name).first()
        if mandate is None:
            notes.append(f"mandate not in the register: “{name}”")
            continue
        if all(line["short_name"] != mandate.short_name for line in lines):
            lines.append({"short_name": mandate.short_name, "lead": not lines})
    return lines


def record_from_text(text: str, name: str) -> tuple[dict[str, Any], list[str]]:
    """An interchange record for the text (always withheld), and notes for the reviewer on what was assumed."""
    reading = read_text(text)
    communication = reading["communication"]
    notes: list[str] = []
    addressee = communication["addressee"]
    if addressee is None:
        raise NotImportable(f"{name}: the text names no addressee (a State or a non-State actor)")
    letter_type = communication["type"]
    if letter_type is None:
        letter_type = "AL"
        notes.append("type not stated in the text: AL assumed")
    reference = communication["reference"] or ""
    parsed = parse_reference(reference) if reference else None
    record: dict[str, Any] = {
        "id": str(text_uid(text)),
        "type": letter_type,
        "addressee": {"kind": "state", "code": addressee}
        if addressee != "OTH"
        else {"kind": "other", "code": "OTH", "name": "Non-State addressee (to be named by staff)"},
        "reference": reference if parsed else "",
        "legacy_reference": "" if parsed else reference,
        "sent_on": communication["sent_on"],
        "language": reading["language"],
        "title": _title(text, name, reference),
        "full_text": text,
        "mandates": _mandates(communication["mandates"], notes),
        "replies": [],
    }
    reply = communication["reply"]
    if reply["status"] in REPLY_KINDS and reply["received_on"]:
        record["replies"] = [{"received_on": reply["received_on"], "kind": REPLY_KINDS[reply["status"]]}]
    elif reply["status"] in REPLY_KINDS:
        notes.append(f"reply ({reply['status']}) without a date: not recorded")
    if communication["sent_on"] is None:
        notes.append("no date sent in the text: kept as a draft")
    reason = REVIEW_NOTE.format(name=name) + (" Notes: " + "; ".join(notes) + "." if notes else "")
    record["withheld"] = True
    record["withheld_reason"] = reason
    return record, notes


def import_texts(texts: list[tuple[str, str]]) -> list[Imported]:
    """Import each (name, text) once; a text imported before is left as staff have made it since."""
    results: list[Imported] = []
    lines: list[str] = []
    for name, text in texts:
        uid = text_uid(text)
        if Communication.objects.filter(uid=uid).exists():
            results.append(Imported(name, "already imported", uid, []))
            continue
        record, notes = record_from_text(text, name)
        lines.append(json.dumps(record, ensure_ascii=False))
        results.append(Imported(name, "created", uid, notes))
    if lines:
        import_lines(lines)
    return results
