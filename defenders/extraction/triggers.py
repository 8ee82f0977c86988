"""The words that make a sentence an event, by kind (see kinds.py), in English first, then French, Spanish and
Russian. In a sentence the earliest trigger wins, so "arrested on charges of" is an arrest, not a charge.
"""

import re

_TRIGGERS: list[tuple[str, str]] = [
    (
        "appeal_decision",
        r"\b(?:appeals?|appellate|cassation|supreme)\b[^.;]{0,60}?\b(?:upheld|reduced|quashed|overturned|confirmed"
        r"|dismissed|rejected|changed|commuted)\b|\bupheld the (?:sentence|verdict|conviction|decision)\b",
    ),
    (
        "investigation_opened",
        r"\b(?:investigation|criminal case|case|proceedings)\s+(?:was|were|had been|has been)\s+(?:opened|initiated"
        r"|launched|instituted)\b|\b(?:opened|initiated|launched|instituted)\s+(?:a\s+|an\s+)?(?:new\s+)?"
        r"(?:criminal\s+)?(?:investigation|case|proceedings)\b|\bouvert une enquête\b|\babrió una investigación\b"
        r"|\bвозбу[жд]\w+ уголовное дело\b",
    ),
    ("prosecution_request", r"\bprosecut\w*(?:['’]s)?(?:\s+office)?\s+(?:requested|sought|demanded|asked)\b"),
    (
        "pretrial_detention",
        r"\bplaced\s+(?:him|her|them\s+)?\s*(?:in|under)\s+(?:custody|house arrest)\b|\bpre-?trial detention\b"
        r"|\bhouse arrest\b|\bremanded\b|\b(?:rejected|denied|refused)\b[^.]{0,30}\bbail\b|\bdétention provisoire\b"
        r"|\bprisión preventiva\b|\bпод стражу\b|\bдомашн\w+ арест\w*\b",
    ),
    (
        "indictment",
        r"\bindicted\b|\bindictment\b|\bmis(?:e)? en accusation\b|\bобвинительн\w+ заключени\w+\b",
    ),
    ("fine", r"\bfined\b|\bpay a fine\b|\ba fine of\b|\bamende\b|\bmulta\b|\bштраф\w*\b"),
    (
        "sentence",
        r"\bsentenced\b|\bverdict\b|\bconvicted\b|\bcondamnée?\b|\bcondenad[oa]\b|\bприговор\w*\b",
    ),
    (
        "arrest",
        r"(?<!house )\barrest(?:ed)?\b(?! warrant)|\barrêtée?\b|\binterpellée?\b|\barrestad[oa]\b|\bарестован\w*\b",
    ),
    (
        "detention",
        r"\bdetained\b|\btaken into custody\b|\btransferred to\b[^.]{0,40}\b(?:prison|jail|detention|colony)\b"
        r"|\bdétenue?\b|\bdetenid[oa]\b|\bзадерж\w+\b",
    ),
    ("release", r"\breleased\b|\bfreed\b|\blibérée?\b|\bliberad[oa]\b|\bосвобожд\w+\b"),
    (
        "charge",
        r"\bcharged\b|\bcharges? (?:of|against|under)\b|\bthe charge of\b|\bindicted\b|\binculpée?\b|\bacus[óo]\b|\bобвинени\w+\b",
    ),
    (
        "trial",
        r"\btrial\b[^.]{0,60}\b(?:opened|began|started|resumed)\b|\btried (?:him|her|them)\b|\bprocès\b|\bjuicio\b",
    ),
    ("appeal", r"\b(?:lodged|filed)\s+an\s+appeal\b|\bappealed\b"),
    (
        "search",
        r"\bsearch(?:ed|es)?\b(?!\s+for)|\braid(?:ed|s)?\b|\bperquisitionn?\w*\b|\ballanam\w+\b|\bобыск\w*\b",
    ),
    (
        "travel_ban",
        r"\btravel ban\b|\bprevented from (?:boarding|travelling|traveling|leaving)\b|\bpassport\b[^.]{0,20}"
        r"\bconfiscated\b|\binterdiction de (?:voyager|quitter)\b|\bprohibición de salida\b",
    ),
    ("killing", r"\bkilled\b|\bshot dead\b|\bmurder(?:ed)?\b|\bassassinée?\b|\basesinad[oa]\b|\bубит\w*\b"),
    (
        "disappearance",
        r"\babducted\b|\bforcibly disappeared\b|\bdisappeared\b|\benlevée?\b|\bdesaparecid[oa]\b|\bпохищ\w+\b",
    ),
    (
        "dissolution",
        r"\bdissol(?:ved|ution)\b|\bliquidat(?:ed|ion)\b|\bderegister\w*\b|\bregistration\b[^.]{0,20}"
        r"\b(?:cancelled|revoked)\b|\bpersonería jurídica\b|\bdissoute?\b|\bликвидац\w+\b",
    ),
    (
        "smear_campaign",
        r"\bsmear\w*\b|\bred-tagged\b|\bdescribed (?:him|her|them) as\b|\blabell?ed (?:him|her|them)\b"
        r"|\bstigmati[sz]\w+\b",
    ),
    (
        "surveillance",
        r"\bsurveillance\b|\bspyware\b|\bbeing followed\b|\bfollowed (?:him|her|them)\b|\bphones? (?:was |were )?"
        r"tapped\b|\bwiretap\w*\b",
    ),
    (
        "threat",
        r"\bthreat(?:s|ened)?\b|\bmilitary target\b|\bintimidat\w+\b|\bmenac\w+\b|\bamenaz\w+\b|\bугроз\w*\b",
    ),
    (
        "attack",
        r"\bbeat(?:en)?\b|\battacked\b|\bassault(?:ed)?\b|\bset fire\b|\barson\b|\bagressée?\b|\bagredid[oa]\b"
        r"|\bизбит\w*\b|\bнапад\w+\b",
    ),
    (
        "cited_activity",
        r"\b(?:delivering|delivered|gave|giving)\s+(?:a|the)\s+speech\b|\bspeech (?:he|she|they) delivered\b",
    ),
    ("other", r"\badopted\b|\benacted\b"),
]

# Stems of the words each kind's pattern needs; a kind's pattern runs only on a sentence that has one of them,
# which keeps a document of 1,500 words to a few milliseconds.
CUES: dict[str, tuple[str, ...]] = {
    "appeal_decision": ("appeal", "appell", "cassat", "supreme", "upheld"),
    "investigation_opened": ("investig", "case", "proceed", "enquêt", "investigac", "возбу"),
    "prosecution_request": ("prosecut",),
    "pretrial_detention": (
        "placed",
        "custody",
        "house",
        "remand",
        "bail",
        "pre",
        "pretrial",
        "détent",
        "prisión",
        "стражу",
        "домашн",
    ),
    "indictment": ("indict", "mis", "mise", "обвинит"),
    "fine": ("fined", "fine", "amende", "multa", "штраф"),
    "sentence": ("sentenc", "verdict", "convict", "condamn", "condena", "пригов"),
    "arrest": ("arrest", "arrêt", "interpel", "арестов"),
    "detention": ("detain", "custody", "transfer", "détenu", "deteni", "задерж"),
    "release": ("releas", "freed", "libér", "libera", "освобож"),
    "charge": ("charg", "indict", "inculp", "acus", "обвинен"),
    "trial": ("trial", "tried", "procès", "juicio"),
    "appeal": ("appeal", "lodged", "filed"),
    "search": ("search", "raid", "perquis", "allana", "обыск"),
    "travel_ban": ("travel", "prevent", "passport", "interdi", "prohibi"),
    "killing": ("killed", "shot", "murder", "assassin", "asesin", "убит"),
    "disappearance": ("abduct", "disappe", "forcibl", "enlev", "desapar", "похищ"),
    "dissolution": ("dissol", "liquid", "deregi", "regist", "persone", "dissout", "ликвид"),
    "smear_campaign": ("smear", "red", "describ", "label", "stigma"),
    "surveillance": ("surveil", "spyware", "being", "followe", "phone", "wiretap"),
    "threat": ("threat", "militar", "intimid", "menac", "amenaz", "угроз"),
    "attack": ("beat", "attack", "assault", "set", "arson", "agress", "agred", "избит", "напад"),
    "cited_activity": ("deliver", "gave", "giving", "speech"),
    "other": ("adopted", "enacted"),
}
# Stems by their first three letters, so that a word costs one look-up.
STEMS: dict[str, list[tuple[str, str]]] = {}
for _kind, _stems in CUES.items():
    for _stem in _stems:
        STEMS.setdefault(_stem[:3], []).append((_stem, _kind))
WORD = re.compile(r"\w{3,}")

TRIGGERS = [(kind, re.compile(pattern, re.I)) for kind, pattern in _TRIGGERS]
TRIGGERS_BY_KIND = dict(TRIGGERS)
NEGATION = re.compile(
    r"\b(?:not|never|no|without|neither|nor|ne|pas|jamais|sin|nunca|не)\s+(?:\w+\s+){0,2}$", re.I
)
PRISON = re.compile(r"\b(?:prison|imprisonment|colony|jail|detention|лишени\w+ свободы)\b", re.I)


def candidate_kinds(sentence: str) -> set[str]:
    kinds: set[str] = set()
    for word in WORD.findall(sentence.lower()):
        for stem, kind in STEMS.get(word[:3], ()):
            if word.startswith(stem):
                kinds.add(kind)
    return kinds


def first_trigger(sentence: str) -> tuple[str, re.Match] | None:
    """The kind and match of the earliest trigger in the sentence (at the same place, the kind listed first),
    skipping negated ones ("was not arrested")."""
    candidates = candidate_kinds(sentence)
    if not candidates:
        return None
    best: tuple[str, re.Match] | None = None
    for kind, pattern in TRIGGERS:
        if kind not in candidates:
            continue
        for match in pattern.finditer(sentence):
            if NEGATION.search(sentence[max(0, match.start() - 30) : match.start()]):
                continue
            if best is None or match.start() < best[1].start():
                best = (kind, match)
            break
    if (
        best
        and best[0] == "sentence"
        and TRIGGERS_BY_KIND["fine"].search(sentence)
        and not PRISON.search(sentence)
    ):
        # "sentenced to a fine of ..." is a fine.
        return "fine", best[1]
    return best
