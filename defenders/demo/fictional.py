"""Fictional demo communications, one for each state a newcomer should see. None describes a real person."""

from typing import Any

FICTION_NOTE = (
    "[Fictional example for the demonstration: no real person, organisation or event is described.]"
)


def _letter(addressee: str, body: str) -> str:
    return (
        f"{FICTION_NOTE}\n\nExcellency,\n\nWe have the honour to address you in our capacities as Special "
        f"Rapporteurs, pursuant to Human Rights Council resolutions.\n\n{body}\n\nThis communication and any "
        f"response received from {addressee} will be made public via the communications reporting website "
        "after 60 days.\n\nPlease accept, Excellency, the assurances of our highest consideration."
    )


FICTIONAL_COMMUNICATIONS: list[dict[str, Any]] = [
    {
        "key": "fictional/embargoed-urgent-appeal",
        "type": "UA",
        "number": 901,
        "addressee": {"kind": "state", "code": "NZL"},
        "case_title": "Fictional: detention of a land rights defender (embargoed)",
        "persons": [
            {"name": "Aroha Testperson", "profession": "land rights defender", "named_in_public": True}
        ],
        "sent_days_ago": 10,
        "mandates": ["SR HRDs", "WGAD"],
        "title": "fictional detention of land rights defender Aroha Testperson",
        "topic": "the fictional detention of a land rights defender, used to show an embargoed communication.",
        "background": f"{FICTION_NOTE} Aroha Testperson is a fictional land rights defender.",
        "allegations": f"{FICTION_NOTE} Ten days ago the fictional defender was detained.",
        "concerns": f"{FICTION_NOTE} The experts express concern about the detention.",
        "full_text": _letter(
            "the Government", "We would like to bring to your attention the fictional detention."
        ),
    },
    {
        "key": "fictional/replied-allegation-letter",
        "type": "AL",
        "number": 902,
        "addressee": {"kind": "state", "code": "ISL"},
        "case_title": "Fictional: smear campaign against a journalist (replied)",
        "persons": [{"name": "Sigrun Examplesdottir", "profession": "journalist", "named_in_public": True}],
        "sent_days_ago": 200,
        "mandates": ["SR HRDs", "SR FoE"],
        "title": "fictional smear campaign against journalist Sigrun Examplesdottir",
        "topic": "a fictional smear campaign, used to show a communication that received replies.",
        "background": f"{FICTION_NOTE} Sigrun Examplesdottir is a fictional investigative journalist.",
        "allegations": f"{FICTION_NOTE} Officials are said to have labelled her a foreign agent.",
        "concerns": f"{FICTION_NOTE} The experts express concern at the stigmatisation of journalists.",
        "update": f"{FICTION_NOTE} Since the communication was sent, the fictional campaign has stopped.",
        "full_text": _letter(
            "the Government", "We would like to bring to your attention a fictional campaign."
        ),
        "replies": [
            {
                "kind": "extension_request",
                "days_after_sending": 50,
                "summary": "One more month was requested.",
            },
            {
                "kind": "substantive",
                "days_after_sending": 75,
                "summary": "The Government stated that no official took part in the fictional campaign.",
            },
        ],
    },
    {
        "key": "fictional/company-other-letter",
        "type": "OL",
        "number": 903,
        "addressee": {"kind": "company", "name": "Example Mining Corporation (fictional)"},
        "case_title": "Fictional: company policy on community consultation (confidential reply, redacted)",
        "persons": [
            {"name": "Ximena Placeholder", "profession": "community leader", "named_in_public": False}
        ],
        "sent_days_ago": 120,
        "mandates": ["SR HRDs", "WG Business", "SR Environment"],
        "title": "fictional consultation policy affecting community leader Ximena Placeholder",
        "topic": "a fictional company policy, used to show a redacted name and a confidential reply.",
        "background": f"{FICTION_NOTE} Ximena Placeholder is a fictional community leader who did not consent "
        "to be named in public.",
        "allegations": f"{FICTION_NOTE} The company's policy excluded Ms. Ximena Placeholder from consultations.",
        "concerns": f"{FICTION_NOTE} The experts ask the company to consult affected communities.",
        "full_text": _letter("the company", "We would like to bring to your attention a fictional policy."),
        "replies": [
            {"kind": "confidential", "days_after_sending": 30},
            {"kind": "substantive", "days_after_sending": 90, "translation_pending": True},
        ],
    },
    {
        "key": "fictional/withheld-urgent-appeal",
        "type": "UA",
        "number": 904,
        "addressee": {"kind": "state", "code": "NZL"},
        "case_title": "Fictional: threats against a defender (withheld from publication)",
        "persons": [{"name": "Tane Sample", "profession": "environmental defender", "named_in_public": True}],
        "sent_days_ago": 300,
        "mandates": ["SR HRDs"],
        "withheld_reason": "Fictional: the defender's family asked that nothing be published while they relocate.",
        "title": "fictional threats against environmental defender Tane Sample",
        "topic": "fictional threats, used to show a communication withheld from publication.",
        "background": f"{FICTION_NOTE} Tane Sample is a fictional environmental defender.",
        "allegations": f"{FICTION_NOTE} The fictional defender received threats.",
        "concerns": f"{FICTION_NOTE} The experts express concern about the threats.",
        "full_text": _letter("the Government", "We would like to bring to your attention fictional threats."),
    },
]
