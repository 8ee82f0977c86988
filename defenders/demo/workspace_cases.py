"""The fictional case files of the staff workspace demo, one for each step a letter goes through. Days are
counted back from the day the demo loads, so that each is in the same state whatever that day."""

from typing import Any

from .fictional import FICTION_NOTE

WAITING_FOR_A_CO_SIGNER = "workspace/waiting-for-a-co-signer"
READY_TO_SEND = "workspace/ready-to-send"
SENT_URGENT_APPEAL = "workspace/sent-urgent-appeal"
REPLIED = "workspace/replied"

WORKSPACE_CASES: list[dict[str, Any]] = [
    {
        "key": WAITING_FOR_A_CO_SIGNER,
        "title": "Fictional: detention of trade unionist Tomas Placeholder",
        "country": "URY",
        "risk_level": "high",
        "summary": f"{FICTION_NOTE} A trade unionist held since a strike; a joint letter is being signed.",
        "person": {"name": "Tomas Placeholder", "professions": "trade unionist", "named_in_public": True},
        "events": [
            (21, "arrest", "the capital", "He was arrested at the end of a strike he had organised."),
            (19, "pretrial_detention", "the capital", "A judge ordered two months of pre-trial detention."),
        ],
        "type": "AL",
        "co_signers": ["SR FoE", "WGAD"],
        # The lead and one co-signer approved; the Working Group has not decided yet.
        "approved_by": ["SR HRDs", "SR FoE"],
    },
    {
        "key": READY_TO_SEND,
        "title": "Fictional: smear campaign against blogger Mira Sample",
        "country": "CAN",
        "risk_level": "medium",
        "summary": f"{FICTION_NOTE} A blogger named as a traitor by officials; every mandate approved the letter.",
        "person": {"name": "Mira Sample", "professions": "blogger", "named_in_public": True},
        "events": [
            (40, "threat", "online", "Officials called her a traitor after her posts on police violence."),
            (33, "investigation_opened", "", "An investigation for spreading false information was opened."),
        ],
        "type": "AL",
        "co_signers": ["SR FoE"],
        "approved_by": ["SR HRDs", "SR FoE"],
    },
    {
        "key": SENT_URGENT_APPEAL,
        "title": "Fictional: enforced disappearance of lawyer Jonas Mock",
        "country": "IRL",
        "risk_level": "critical",
        "summary": f"{FICTION_NOTE} A lawyer taken from his home; an urgent appeal went out today.",
        "person": {"name": "Jonas Mock", "professions": "human rights lawyer", "named_in_public": True},
        "events": [
            (3, "disappearance", "his home", "Masked men took him from his home; his family has no news."),
        ],
        "type": "UA",
        "co_signers": ["WGAD"],
        "approved_by": ["SR HRDs", "WGAD"],
        "sent_days_ago": 0,
    },
    {
        "key": REPLIED,
        "title": "Fictional: travel ban on environmental defender Ana Dummy",
        "country": "FIN",
        "risk_level": "low",
        "summary": f"{FICTION_NOTE} A travel ban; the Government replied and the case is to be followed up.",
        "person": {"name": "Ana Dummy", "professions": "environmental defender", "named_in_public": True},
        "events": [
            (70, "travel_ban", "the airport", "She was stopped at the airport on her way to a UN meeting."),
        ],
        "type": "AL",
        "co_signers": ["SR FoE"],
        "approved_by": ["SR HRDs", "SR FoE"],
        # Sent 55 days ago: it becomes public in five days, the press release with it.
        "sent_days_ago": 55,
        "reply": {
            "days_ago": 20,
            "summary": f"{FICTION_NOTE} The Government says the ban was lifted and an inquiry opened.",
        },
        "follow_up_in_days": 0,
        "press_release": {
            "title": "Fictional: experts welcome the lifting of a travel ban on an environmental defender",
            "body": (
                f"{FICTION_NOTE}\n\nUN experts welcomed the lifting of the travel ban on environmental defender "
                "Ana Dummy and asked that the inquiry announced by the Government be independent."
            ),
        },
    },
]
