"""The demo's communications as interchange records, loaded through `defenders import` like any partner's file."""

import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .fictional import FICTIONAL_COMMUNICATIONS
from .published_summary import read_published_summary

DATA = Path(__file__).with_name("data")
KHAMROEV = "russia-khamroev-2023"
# Stable ids, so that loading twice updates the same rows instead of adding new ones.
DEMO_NAMESPACE = uuid.UUID("6f1c7a52-3f0e-4c55-9a77-2f4f5f0f2d10")

# The summary does not list the co-signing mandates; these are the ones its concerns invoke.
KHAMROEV_MANDATES = ["SR HRDs", "WGAD", "SR FoE", "SR FoAA", "SR CT"]
KHAMROEV_THEMES = {"judicial-harassment": "Judicial harassment", "counter-terrorism": "Counter-terrorism"}


def demo_uid(name: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, name)


def khamroev_reading() -> dict[str, Any]:
    return json.loads((DATA / f"{KHAMROEV}.reading.json").read_text(encoding="utf-8"))


def _signatories(short_names: list[str]) -> list[dict[str, Any]]:
    return [{"short_name": name, "lead": order == 0} for order, name in enumerate(short_names)]


def khamroev_record() -> dict[str, Any]:
    """The real communication of 25 October 2023, read from its published summary (it gives no reference)."""
    reading = khamroev_reading()
    published = read_published_summary((DATA / f"{KHAMROEV}.txt").read_text(encoding="utf-8"))
    code = reading["communication"]["addressee"]["country"]
    short_name = published.title.split(": ", 1)[0]
    return {
        "id": str(demo_uid(KHAMROEV)),
        "type": "AL",
        "addressee": {"kind": "state", "code": code},
        "sent_on": reading["communication"]["sent_on"],
        "language": "en",
        "title": published.title.removeprefix(f"{short_name}: ").removesuffix(" (joint communication)"),
        "topic": published.topic,
        "summary": {
            "background": published.sections["BACKGROUND"],
            "allegations": published.sections["ALLEGATIONS"],
            "concerns": published.sections["CONCERNS"],
            "update": "",
        },
        "mandates": _signatories(KHAMROEV_MANDATES),
        "themes": sorted(KHAMROEV_THEMES.values()),
        "replies": [],
    }


def fictional_record(spec: dict[str, Any], today: date) -> dict[str, Any]:
    """A fictional record; its dates are relative to today so that it is in the same state on any day."""
    sent_on = today - timedelta(days=spec["sent_days_ago"])
    addressee = spec["addressee"]
    code = addressee.get("code", "OTH")
    return {
        "id": str(demo_uid(spec["key"])),
        "reference": f"{spec['type']} {code} {spec['number']}/{sent_on.year}",
        "type": spec["type"],
        "addressee": {"kind": addressee["kind"], "code": code, "name": addressee.get("name", "")},
        "sent_on": sent_on.isoformat(),
        "language": spec.get("language", "en"),
        "title": spec["title"],
        "topic": spec["topic"],
        "summary": {
            "background": spec["background"],
            "allegations": spec["allegations"],
            "concerns": spec["concerns"],
            "update": spec.get("update", ""),
        },
        "full_text": spec["full_text"],
        "mandates": _signatories(spec["mandates"]),
        "replies": [
            {
                "id": str(demo_uid(f"{spec['key']}/reply/{index}")),
                "received_on": (sent_on + timedelta(days=reply["days_after_sending"])).isoformat(),
                "kind": reply["kind"],
                "translation_pending": reply.get("translation_pending", False),
                "summary": reply.get("summary", ""),
            }
            for index, reply in enumerate(spec.get("replies", []))
        ],
        "withheld": bool(spec.get("withheld_reason")),
        "withheld_reason": spec.get("withheld_reason", ""),
    }


def demo_records(today: date) -> list[dict[str, Any]]:
    return [khamroev_record()] + [fictional_record(spec, today) for spec in FICTIONAL_COMMUNICATIONS]
