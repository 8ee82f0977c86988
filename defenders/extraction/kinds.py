"""The controlled list of event kinds the extractor may give, each with what it means in a text.

The case file's `Event.Kind` is a subset; `case_event_kind` maps the others (dissolution, smear campaign,
surveillance) to `other` when an officer accepts a suggestion, keeping the kind's label in the summary.
"""

EVENT_KINDS: dict[str, str] = {
    "investigation_opened": "A criminal or administrative investigation or case opened against the person",
    "arrest": "Arrested, apprehended",
    "detention": "Detained, taken into custody, held or transferred to a place of detention",
    "pretrial_detention": "Pre-trial detention or house arrest ordered or extended by a court, bail refused",
    "release": "Released (on bail, under judicial control, after serving the term)",
    "charge": "Charged, accused of an offence, charges added or brought",
    "indictment": "Indicted, the case sent to trial",
    "trial": "Trial opened, held or hearing before a court",
    "prosecution_request": "The prosecution requested a sentence",
    "sentence": "Convicted or sentenced (imprisonment, a suspended term, forced labour)",
    "appeal": "An appeal lodged",
    "appeal_decision": "An appeal court upheld, reduced, quashed or changed a decision",
    "fine": "Fined or ordered to pay",
    "search": "A search or raid of a home or office; things seized",
    "travel_ban": "Prevented from travelling, a travel ban, a passport confiscated",
    "threat": "Threatened, death threats, intimidation",
    "attack": "Physically attacked, beaten, an arson or an attack on premises",
    "killing": "Killed, shot dead, murdered",
    "disappearance": "Abducted, disappeared, whereabouts unknown",
    "dissolution": "An organisation dissolved, liquidated, deregistered or its registration cancelled",
    "smear_campaign": "Publicly stigmatised, labelled a terrorist or traitor, red-tagged",
    "surveillance": "Followed, watched, spyware, phone tapped",
    "cited_activity": "A past activity of the person later cited against them",
    "other": "Another dated fact the text gives (a law adopted, a complaint filed)",
}

CASE_EVENT_KINDS = frozenset(
    {
        "cited_activity",
        "investigation_opened",
        "arrest",
        "detention",
        "pretrial_detention",
        "search",
        "charge",
        "indictment",
        "prosecution_request",
        "trial",
        "sentence",
        "appeal",
        "appeal_decision",
        "fine",
        "travel_ban",
        "threat",
        "attack",
        "killing",
        "disappearance",
        "release",
        "other",
    }
)


def case_event_kind(kind: str) -> str:
    """The case file's kind for an extracted kind: itself when the case file has it, else `other`."""
    return kind if kind in CASE_EVENT_KINDS else "other"
