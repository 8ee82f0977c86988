"""A deterministic synthetic corpus in the interchange format, shaped like the real public database (addressees,
types, signatories, years, replies, lengths, languages), for benchmarks and tests. Every record is fictional."""

import json
import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from . import corpus_text as words

FIRST_DAY, LAST_DAY = (
    date(2011, 1, 1),
    date(2026, 11, 30),
)  # fixed, so that a seed gives the same file any day
MANDATES_FIXTURE = Path(__file__).resolve().parent.parent / "mandates" / "fixtures" / "mandates.json"

# Shares in the public database: mostly allegation letters, then urgent appeals, some other letters.
TYPE_SHARES = {"AL": 0.58, "UA": 0.30, "OL": 0.12}
NON_STATE_SHARE = 0.03
# About half of the communications never get a reply; of the rest, some only a procedural one.
NO_REPLY_SHARE = 0.5
# ISO 3166 entries that are not States the office writes to (territories, dependencies, Antarctica).
NOT_ADDRESSED = set(
    [
        "ABW",
        "AIA",
        "ALA",
        "ASM",
        "ATA",
        "ATF",
        "BES",
        "BLM",
        "BMU",
        "BVT",
        "CCK",
        "COK",
        "CUW",
        "CXR",
        "CYM",
        "ESH",
        "FLK",
        "FRO",
        "GGY",
        "GIB",
        "GLP",
        "GRL",
        "GUF",
        "GUM",
        "HKG",
        "HMD",
        "IMN",
        "IOT",
        "JEY",
        "MAC",
        "MAF",
        "MNP",
        "MSR",
        "MTQ",
        "MYT",
        "NCL",
        "NFK",
        "NIU",
        "PCN",
        "PRI",
        "PYF",
        "REU",
        "SGS",
        "SHN",
        "SJM",
        "SPM",
        "SXM",
        "TCA",
        "TKL",
        "TWN",
        "UMI",
        "VAT",
        "VGB",
        "VIR",
        "WLF",
    ]
)
# The States written to most often, with a weight each; every other State weighs 1.
FREQUENT = {
    "CHN": 40, "IRN": 38, "IND": 30, "RUS": 30, "SAU": 22, "EGY": 22, "MEX": 20, "COL": 20, "PHL": 20,
    "TUR": 18, "BRA": 16, "GTM": 14, "HND": 14, "BHR": 14, "ARE": 12, "VNM": 12, "BLR": 12, "AZE": 12,
    "BGD": 12, "PAK": 12, "NIC": 12, "VEN": 12, "THA": 10, "MMR": 10, "KHM": 10, "ISR": 10, "USA": 10,
    "GBR": 8, "UZB": 8, "KAZ": 8, "TJK": 8, "DZA": 8, "MAR": 8, "TUN": 6, "PER": 8, "ECU": 6, "CMR": 6,
    "COD": 8, "BDI": 6, "ZWE": 6, "UGA": 6, "KEN": 6, "ETH": 6, "SDN": 6, "AFG": 6, "LKA": 8, "NPL": 4,
    "IDN": 8, "MYS": 6, "SGP": 4, "KOR": 4, "GEO": 4, "ARM": 4, "UKR": 6, "HUN": 4, "POL": 4, "FRA": 4,
}  # fmt: skip
FRENCH = set(
    [
        "FRA",
        "BEL",
        "CMR",
        "COD",
        "COG",
        "BDI",
        "RWA",
        "SEN",
        "MLI",
        "NER",
        "BFA",
        "TCD",
        "GIN",
        "CIV",
        "TGO",
        "BEN",
        "HTI",
        "DZA",
        "MAR",
        "TUN",
        "MDG",
        "GAB",
        "CAF",
    ]
)
SPANISH = set(
    [
        "MEX",
        "COL",
        "GTM",
        "HND",
        "NIC",
        "VEN",
        "PER",
        "ECU",
        "BOL",
        "CHL",
        "ARG",
        "PRY",
        "URY",
        "SLV",
        "CRI",
        "PAN",
        "CUB",
        "DOM",
        "ESP",
    ]
)
LANGUAGE_SHARE = 0.6  # of letters to a French- or Spanish-speaking State written in that language
LEAD_WEIGHTS = {"SR HRDs": 30, "SR FoE": 12, "SR FoAA": 8, "WGAD": 8, "SR Torture": 6, "SR IJL": 5}


@cache
def _states() -> tuple[list[str], list[float]]:
    codes = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in NOT_ADDRESSED)
    # Less frequent States still differ, with a fixed spread so that the tail is not flat.
    spread = random.Random(0)  # noqa: S311  # a fixed, reproducible spread, not a secret
    return codes, [FREQUENT.get(code) or spread.choice((0.5, 1, 1, 2, 3)) for code in codes]


@cache
def _mandates() -> tuple[list[str], dict[str, str]]:
    """The fixture's mandates by short name, and the country of each country mandate."""
    rows = [
        row["fields"]
        for row in json.loads(MANDATES_FIXTURE.read_text())
        if row["model"] == "mandates.mandate"
    ]
    return [row["short_name"] for row in rows if not row["country_code"]], {
        row["short_name"]: row["country_code"] for row in rows if row["country_code"]
    }


class _Writer:
    """Fills the sentence patterns of one language with one record's people and places."""

    def __init__(self, rng: random.Random, language: str):
        self.rng = rng
        self.language = language
        self.name = f"{rng.choice(words.GIVEN_NAMES)} {rng.choice(words.FAMILY_NAMES)}"
        self.slots = {
            "name": self.name,
            "profession": rng.choice(words.PROFESSIONS[language]),
            "organisation": rng.choice(words.ORGANISATIONS),
            "city": rng.choice(words.CITIES),
            "group": rng.choice(words.GROUPS[language]),
            "charge": rng.choice(words.CHARGES[language]),
            "place": rng.choice(words.PLACES[language]),
        }

    def fill(self, pattern: str) -> str:
        rng = self.rng
        day = date(2011, 1, 1) + timedelta(days=rng.randrange(5800))
        month = words.MONTHS[self.language][day.month - 1]
        return pattern.format(
            **self.slots,
            day=f"{day.day} {month} {day.year}"
            if self.language != "es"
            else f"{day.day} de {month} de {day.year}",
            years=rng.randint(2, 15),
            days=rng.randint(2, 40),
            months=rng.randint(1, 12),
            count=rng.randint(3, 80),
        )

    def paragraph(self, patterns: tuple[str, ...], length: int) -> str:
        """Sentences drawn from the patterns, each once at most, until the text is about `length` characters."""
        order = list(patterns)
        self.rng.shuffle(order)
        sentences: list[str] = []
        size = 0
        for pattern in order:
            if size >= length:
                break
            sentence = self.fill(pattern)
            sentences.append(sentence)
            size += len(sentence) + 1
        return " ".join(sentences)

    def length(self, median: int, spread: float = 0.5) -> int:
        return int(self.rng.lognormvariate(0, spread) * median)


def _addressee(rng: random.Random) -> tuple[dict[str, str], list[str]]:
    """Who the letter goes to, and the States it is copied to (a company's home State)."""
    codes, weights = _states()
    if rng.random() < NON_STATE_SHARE:
        home = rng.choices(codes, weights)[0]
        return {"kind": "company", "code": "OTH", "name": rng.choice(words.COMPANIES)}, [home]
    code = rng.choices(codes, weights)[0]
    copied = sorted(set(rng.sample(codes, rng.randint(1, 3))) - {code}) if rng.random() < 0.03 else []
    return {"kind": "state", "code": code, "name": ""}, copied


def _language(rng: random.Random, code: str) -> str:
    if code in FRENCH and rng.random() < LANGUAGE_SHARE:
        return "fr"
    if code in SPANISH and rng.random() < LANGUAGE_SHARE:
        return "es"
    return "en"


def _signatories(rng: random.Random, code: str) -> list[dict[str, Any]]:
    thematic, country_mandates = _mandates()
    lead = rng.choices(thematic, [LEAD_WEIGHTS.get(name, 2) for name in thematic])[0]
    # 1 to 6 signatories, joint letters the rule: about one in five is signed by one mandate alone.
    count = rng.choices(range(1, 7), [20, 25, 22, 16, 10, 7])[0]
    others = [name for name in thematic if name != lead]
    signers = [lead, *rng.sample(others, count - 1)]
    for name, country in country_mandates.items():
        if country == code and len(signers) < 6:
            signers.append(name)  # a country mandate signs every letter to its country
    return [{"short_name": name, "lead": name == lead} for name in signers]


def _replies(rng: random.Random, writer: _Writer, sent_on: date, code: str, language: str) -> list[dict]:
    if rng.random() < NO_REPLY_SHARE:
        return []
    replies: list[dict[str, Any]] = []
    received_on = sent_on
    kinds = (
        ["acknowledgement", "substantive"]
        if rng.random() < 0.15
        else [rng.choices(["substantive", "extension_request", "confidential"], [85, 8, 7])[0]]
    )
    if kinds[-1] == "extension_request" and rng.random() < 0.7:
        kinds.append("substantive")
    for kind in kinds:
        # Replies come after a median of about two months; some within the 60 days, some a year later.
        received_on += timedelta(days=max(1, int(rng.lognormvariate(4.0, 0.6))))
        if received_on > LAST_DAY:
            break  # not received yet
        reply_language = (
            language if language != "en" else rng.choices(["en", "fr", "es", "ru", "ar"], [85, 4, 4, 4, 3])[0]
        )
        reply_language = "ru" if code in {"RUS", "BLR"} and rng.random() < 0.5 else reply_language
        summary = ""
        if kind == "substantive":
            summary = writer.paragraph(words.REPLY_SUMMARIES[writer.language], writer.length(400))
        replies.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "received_on": received_on.isoformat(),
                "kind": kind,
                "language": reply_language,
                "translation_pending": reply_language != "en" and (LAST_DAY - received_on).days < 120,
                "summary": summary,
            }
        )
    return replies


def _record(
    rng: random.Random, number: int, seed: int, counters: dict[tuple[str, int], int]
) -> dict[str, Any]:
    letter_type = rng.choices(list(TYPE_SHARES), list(TYPE_SHARES.values()))[0]
    addressee, copied = _addressee(rng)
    code = addressee["code"]
    # Slightly more letters in later years, as the special procedures grew.
    year = rng.choices(range(2011, 2027), [10 + index for index in range(16)])[0]
    first = max(FIRST_DAY, date(year, 1, 1))
    last = min(LAST_DAY, date(year, 12, 31))
    sent_on = first + timedelta(days=rng.randrange((last - first).days + 1))
    counters[(code, year)] = counters.get((code, year), 0) + 1
    language = _language(rng, code) if addressee["kind"] == "state" else "en"
    writer = _Writer(rng, language)
    subject = writer.fill(
        rng.choice(words.LAW_SUBJECTS[language] if letter_type == "OL" else words.SUBJECTS[language])
    )
    signatories = _signatories(rng, code)
    note = words.FICTION_NOTE[language]
    background = writer.paragraph(words.BACKGROUND[language], writer.length(450))
    allegations = writer.paragraph(words.ALLEGATIONS[language], writer.length(1000))
    concerns = writer.paragraph(words.CONCERNS[language], writer.length(400))
    update = writer.paragraph(words.UPDATE[language], 80) if rng.random() < 0.1 else ""
    annex = writer.paragraph(words.ANNEX[language], writer.length(1500))
    full_text = "\n\n".join(
        [
            note,
            words.OPENING[language].format(
                mandates=", ".join(signer["short_name"] for signer in signatories), subject=subject
            ),
            background,
            allegations,
            concerns,
            annex,
            words.CLOSING[language],
        ]
    )
    themes = sorted(set(rng.sample(words.THEMES, rng.choices([1, 2, 3], [40, 40, 20])[0])))
    withheld = rng.random() < 0.005
    return {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "fictional": True,
        "synthetic": {"seed": seed, "number": number},
        "reference": f"{letter_type} {code} {counters[(code, year)]}/{year}",
        "legacy_reference": "",
        "type": letter_type,
        "addressee": addressee,
        "copied": copied,
        "sent_on": sent_on.isoformat(),
        "language": language,
        "title": subject[:300],
        "topic": f"{subject}.",
        "summary": {
            "background": f"{note} {background}",
            "allegations": allegations,
            "concerns": concerns,
            "update": update,
        },
        "full_text": full_text,
        "mandates": signatories,
        "replies": _replies(rng, writer, sent_on, code, language),
        "themes": themes,
        "persons": [],
        "withheld": withheld,
        "withheld_reason": "Fictional: the source asked for more time before publication."
        if withheld
        else "",
    }


def generate_records(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """Yield `count` fictional communications in the interchange format, the same ones for the same seed."""
    rng = random.Random(seed)  # noqa: S311  # reproducible fiction, not a secret
    counters: dict[tuple[str, int], int] = {}
    for number in range(1, count + 1):
        yield _record(rng, number, seed, counters)


def write_corpus(path: Path, count: int, seed: int) -> int:
    """Write the corpus as JSON Lines; returns the number of lines written."""
    written = 0
    with path.open("w", encoding="utf-8") as stream:
        for record in generate_records(count, seed):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written
