"""`defenders extract FILE [--json]`: the facts a communication text states, each with its evidence."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from defenders.extraction.reader import read_text


def read_utf8(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 text (byte {error.start})") from None


class Command(BaseCommand):
    help = "Read a UTF-8 text (a published summary, a letter, a submission's account) and print its facts."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, file: Path, json: bool = False, **options) -> None:
        reading = read_text(read_utf8(file))
        if json:
            self.stdout.write(_dumps(reading))
            return
        self.stdout.write(describe(reading))


def _dumps(reading: dict) -> str:
    return json.dumps(reading, ensure_ascii=False, indent=1)


def describe(reading: dict) -> str:
    """The reading in lines a person reads: metadata, provisions, then the timeline with its evidence."""
    communication = reading["communication"]
    reply = communication["reply"]
    lines = [
        f"reference   {communication['reference'] or '-'}",
        f"type        {communication['type'] or '-'}",
        f"addressee   {communication['addressee'] or '-'}",
        f"sent on     {communication['sent_on'] or '-'}",
        f"joint       {'-' if communication['joint'] is None else 'yes' if communication['joint'] else 'no'}",
        f"mandates    {'; '.join(communication['mandates']) or '-'}",
        f"reply       {reply['status']}{' on ' + reply['received_on'] if reply['received_on'] else ''}",
        f"language    {reading['language']}",
        "",
        f"persons ({len(reading['persons'])}): " + ", ".join(person["name"] for person in reading["persons"]),
        f"organisations ({len(reading['organisations'])}): "
        + ", ".join(organisation["name"] for organisation in reading["organisations"]),
        f"legal provisions ({len(reading['legal_provisions'])}):",
    ]
    lines += [
        f"  art. {item['article']}, {item['code'] or 'code not named'}"
        for item in reading["legal_provisions"]
    ]
    lines.append(f"events ({len(reading['events'])}):")
    for event in reading["events"]:
        extra = []
        if event.get("term"):
            extra.append("term " + " ".join(f"{value} {unit}" for unit, value in event["term"].items()))
        if event.get("legal_provisions"):
            extra.append("art. " + ", ".join(event["legal_provisions"]))
        if event.get("amount"):
            extra.append(f"{event['amount']['value']:,} {event['amount']['currency']}")
        if event.get("court"):
            extra.append(event["court"])
        lines.append(f"  {event['date'] or 'undated':10} {event['kind']:20} {'; '.join(extra)}")
        lines.append(
            f"             “{event['evidence']['text']}” [{event['evidence']['start']}:{event['evidence']['end']}]"
        )
    for check in reading["checks"]:
        lines.append(
            f"check: {check['what']}: {'holds' if check['holds'] else 'DOES NOT HOLD'} ({check['detail']})"
        )
    return "\n".join(lines)
