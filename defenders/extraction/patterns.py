"""Patterns for what a communication text states: references, mandates, the addressee, the reply, legal
articles and codes, courts, terms of imprisonment and amounts. Each returns spans into the text it is given.
"""

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

# New style `AL RUS 15/2023`; a legacy reference is kept verbatim from its REFERENCE line.
REFERENCE = re.compile(
    r"\b(?P<type>AL|UA|OL|JAL|JUA|JOL)\s+(?P<code>[A-Z]{3})\s+(?P<number>\d{1,4})/(?P<year>\d{4})\b"
)
REFERENCE_LINE = re.compile(
    r"^[ \t]*(?:REFERENCE|Reference|Ref\.)[ \t]*:?[ \t]*(?P<value>[^\n]+?)[ \t]*$", re.M
)
LEGACY_REFERENCE = re.compile(r"^(?P<type>AL|UA|OL)\b.*\b(?P<code>[A-Z]{3})\s+\d{1,4}/\d{4}$")
MANDATES_LINE = re.compile(r"^[ \t]*(?P<plural>Mandates?) of (?:the )?(?P<value>[^\n]+?)[ \t]*$", re.M)
MANDATE_SEPARATOR = re.compile(r";\s*(?:and\s+)?(?:the\s+)?|,?\s+and\s+the\s+|,\s+the\s+")

JOINT = re.compile(
    r"\bjoint communication\b|\bother (?:UN )?experts\b|\bcommunication conjointe\b|\bd['’]autres experts\b"
    r"|\bcomunicación conjunta\b|\botros expertos\b|\bсовместное сообщение\b",
    re.I,
)
SENT_SENTENCE = re.compile(
    r"\bcommunication\b[^.]*\b(?:written|sent|addressed|transmitted)\b|\bcommunication a été envoyée\b"
    r"|\bcomunicación fue enviada\b|\bсообщение было направлено\b",
    re.I,
)
GOVERNMENT_OF = re.compile(
    r"\b(?:Government|Gouvernement|Gobierno|Permanent Mission) (?:of|de|du|de la|del)\s+(?:l['’])?(?:the\s+|la\s+)?"
    r"(?P<name>[A-ZÀ-ÿ][\w’'\-]*(?:\s+(?:\([^)]{1,30}\)|of|the|de|du|des|del|la|[A-ZÀ-ÿ][\w’'\-]*|démocratique))*)"
)
TITLE_COUNTRY = re.compile(r"\A(?:\[[^\]]*\]\s*)?(?P<name>[^\n:]{3,60}?)\s?:\s")

REPLY_STATUSES = [
    (
        "confidential",
        re.compile(
            r"\breply\b[^.]*\bconfidential\b|\bréponse\b[^.]*\bconfidentielle\b|\brespuesta\b[^.]*\bconfidencial\b",
            re.I,
        ),
    ),
    (
        "extension_request",
        re.compile(
            r"\bextension of (?:the )?(?:deadline|time)|\brequested an extension\b|\bprolongation du délai\b|\bprórroga\b",
            re.I,
        ),
    ),
    (
        "procedural",
        re.compile(r"\backnowledg\w* (?:the )?receipt\b|\baccusé de réception\b|\bacuse de recibo\b", re.I),
    ),
    (
        "none",
        re.compile(
            r"\bdid not (?:reply|respond)\b|\bhas not (?:yet )?(?:replied|responded)\b"
            r"|\bno (?:reply|response)\b[^.]*\b(?:has been|was|had been) received\b|\bn['’]a pas répondu\b"
            r"|\bno (?:ha )?respond(?:ió|ido)\b|\bне (?:ответило|ответил)\b",
            re.I,
        ),
    ),
    (
        "replied",
        re.compile(
            r"\b(?:replied|responded)\b|\ba reply (?:was|has been) received\b|\ba répondu\b|\brespondió\b"
            r"|\bответило\b",
            re.I,
        ),
    ),
]

# "and 1 year under article 500": a number followed by a unit of time is not an article.
_ARTICLE = (
    r"\d+(?:[.\-]\d+)*(?:\s?\([a-z0-9]{1,3}\))*(?:\s(?:bis|ter)\b)?"
    r"(?![\d.]\d|\s+(?:years?|months?|days?|weeks?|ans?|mois|años?|meses|лет|года?|месяц\w*)\b)"
)
ARTICLES = re.compile(
    r"\b(?:(?:articles?|arts?\.|sections?|ss?\.|art[ií]culos?|l['’]article|les articles|статей|статьи|статья|ст\.)\s+)"
    rf"(?P<list>{_ARTICLE}(?:(?:,\s*|\s*(?:,\s*)?(?:and|et|y|и|or|ou|o)\s+)(?:(?:articles?|art\.)\s+)?{_ARTICLE})*)",
    re.I,
)
ONE_ARTICLE = re.compile(_ARTICLE)
# What may name a code after "of": capitalised words, numbers, "No.", a parenthesis and small joining words.
CODE_AFTER = re.compile(
    r"\A(?:,?\s+(?:of|du|de|del|de la|des|under)\s+(?:the\s+|la\s+|le\s+|l['’])?|\s+)"
    r"(?P<code>(?:[A-ZÀ-ÞА-ЯЁ][\w’'\-]*|Уголовного|кодекса|same code|code|pénal|penal|No\.)"
    r"(?:(?:\s+|,\s+)(?:[A-ZÀ-ÞА-ЯЁ][\w’'\-]*|\([^()]{1,40}\)|No\.|\d{1,4}|of|on|for|the|de|du|del|la|des|pénal|penal"
    r"|кодекса|Российской|Федерации|[a-zé]+(?:ais|aise|ien|ienne|ain)\b))*)"
)
CODE_TRAILING = re.compile(r"(?:\s+|,\s*)(?:of|on|for|the|de|du|del|la|des|\d{1,4})$")
INTERNATIONAL = re.compile(r"Covenant|Declaration|Convention|Charter|Principles|resolution|Rules", re.I)
ADJECTIVE_COUNTRIES = {
    "russian": "the Russian Federation",
    "turkish": "Türkiye",
    "egyptian": "Egypt",
    "belarusian": "the Republic of Belarus",
    "azerbaijani": "the Republic of Azerbaijan",
    "kazakh": "the Republic of Kazakhstan",
    "uzbek": "the Republic of Uzbekistan",
    "iranian": "Iran",
    "indian": "India",
    "chinese": "China",
    "congolais": "the Democratic Republic of the Congo",
}
CODE_FORMS = [
    (re.compile(r"^(?P<adj>\w+) (?P<kind>Criminal|Penal) Code$", re.I), None),
    (
        re.compile(r"^(?:Уголовного кодекса (?:Российской Федерации|РФ)|УК РФ)$"),
        "Criminal Code of the Russian Federation",
    ),
    (re.compile(r"^Code pénal (?P<adj>\w+)$", re.I), None),
]

COURT = re.compile(
    r"\b(?:the\s+)?(?P<court>(?:(?:[A-Z][\w’'\-]*|\d+(?:st|nd|rd|th))\s+){0,6}(?:Court|Tribunal)"
    r"(?:\s+of\s+(?:Appeals?|Cassation|Justice)|\s+(?:of|for)\s+[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*)?)"
)
COURT_STOP = {"The", "On", "In", "A", "During", "As", "Her", "His", "Their"}

NUMBER = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|a|an"
NUMBER_VALUES = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
} | {"fifteen": 15, "twenty": 20, "a": 1, "an": 1}
TERM = re.compile(
    rf"\b(?:(?P<years>{NUMBER})[\s-]+years?(?:\s+and\s+(?P<and_months>{NUMBER})\s+months?)?|(?P<months>{NUMBER})[\s-]+months?)\b",
    re.I,
)
CHANGE = re.compile(
    rf"\b(?P<way>reduced|increased|extended)\b[^.]{{0,40}}?\bby\s+(?P<term>(?:{NUMBER})\s+(?:years?|months?)(?:\s+and\s+(?:{NUMBER})\s+months?)?)",
    re.I,
)
AMOUNT = re.compile(
    r"(?P<value>\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+|\d+)\s*(?P<currency>rubles|roubles|рублей|руб\.|manats|euros?|€|"
    r"US dollars|dollars|USD|EUR|Egyptian pounds|pounds|lira|Turkish lira|tenge|rupees|rials|tomans|pesos|"
    r"Belarusian rubles|Belarusian roubles|somoni|soms|lari|dram|córdobas|quetzales|francs CFA|francs)\b",
    re.I,
)
CURRENCIES = {
    "rubles": "RUB",
    "roubles": "RUB",
    "рублей": "RUB",
    "руб.": "RUB",
    "manats": "AZN",
    "euro": "EUR",
    "euros": "EUR",
    "€": "EUR",
    "eur": "EUR",
    "us dollars": "USD",
    "dollars": "USD",
    "usd": "USD",
    "egyptian pounds": "EGP",
    "lira": "TRY",
    "turkish lira": "TRY",
    "tenge": "KZT",
    "rupees": "INR",
    "rials": "IRR",
    "belarusian rubles": "BYN",
    "belarusian roubles": "BYN",
    "somoni": "TJS",
    "soms": "KGS",
    "lari": "GEL",
    "dram": "AMD",
    "córdobas": "NIO",
    "quetzales": "GTQ",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def evidence(self, source: str) -> dict:
        return {"start": self.start, "end": self.end, "text": source[self.start : self.end]}


# Names that pycountry does not know in these forms.
COUNTRY_ALIASES = {
    "russia": "RUS",
    "iran": "IRN",
    "turkey": "TUR",
    "türkiye": "TUR",
    "syria": "SYR",
    "venezuela": "VEN",
    "bolivia": "BOL",
    "vietnam": "VNM",
    "viet nam": "VNM",
    "laos": "LAO",
    "moldova": "MDA",
    "tanzania": "TZA",
    "democratic republic of the congo": "COD",
    "république démocratique du congo": "COD",
    "congo": "COG",
    "south korea": "KOR",
    "north korea": "PRK",
    "united kingdom": "GBR",
    "united states": "USA",
    "palestine": "PSE",
}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names: dict[str, str] = dict(COUNTRY_ALIASES)
    translations = [gettext.NullTranslations()]
    for language in ("fr", "es", "ru"):
        try:
            translations.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]))
        except OSError:
            continue
    for country in pycountry.countries:
        for translation in translations:
            for attribute in ("name", "official_name", "common_name"):
                english = getattr(country, attribute, None)
                if english:
                    names.setdefault(translation.gettext(english).lower(), country.alpha_3)
    return names


def country_code(name: str) -> str | None:
    """ISO alpha-3 of a country as a text names it ("Russia", "the Islamic Republic of Iran", "Nicaragua")."""
    cleaned = re.sub(r"^(?:the|la|le|l['’])\s*", "", name.strip(), flags=re.I).rstrip(" .,").lower()
    names = _country_names()
    if cleaned in names:
        return names[cleaned]
    # "the Islamic Republic of Iran" against "Iran, Islamic Republic of": compare the words.
    words = set(re.findall(r"\w+", cleaned)) - {"of", "the", "de", "la", "du"}
    for known, code in names.items():
        if words and words == set(re.findall(r"\w+", known)) - {"of", "the", "de", "la", "du"}:
            return code
    return None


def normalised_code(raw: str, previous: str | None) -> str | None:
    """The code's name as normalised as possible: "Russian Criminal Code" is the Criminal Code of the Russian
    Federation; "the same code" is the previous one."""
    code = CODE_TRAILING.sub("", raw.strip()).strip(" ,")
    if not code:
        return previous
    if code.lower() in {"same code", "code", "said code"}:
        return previous
    code = re.sub(r"^the\s+", "", code)
    for pattern, fixed in CODE_FORMS:
        match = pattern.match(code)
        if not match:
            continue
        if fixed:
            return fixed
        country = ADJECTIVE_COUNTRIES.get(match.group("adj").lower())
        if country:
            kind = match.groupdict().get("kind") or "Penal"
            if code.lower().startswith("code pénal"):
                return f"Code pénal de {country}"
            return f"{kind.title()} Code of {country}"
    return code


def term_months(match: re.Match) -> int:
    """A TERM match in months."""

    def value(text: str | None) -> int:
        if not text:
            return 0
        return int(text) if text.isdigit() else NUMBER_VALUES[text.lower()]

    return value(match.group("years")) * 12 + value(match.group("and_months")) + value(match.group("months"))


def as_term(months: int) -> dict[str, int]:
    years, rest = divmod(months, 12)
    return {key: value for key, value in (("years", years), ("months", rest)) if value}


def amount_value(text: str) -> int:
    return int(re.sub(r"\D", "", text))
