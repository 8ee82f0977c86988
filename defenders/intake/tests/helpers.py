"""Form data for the intake tests: a complete confidential submission, and a way to read the receipt."""

import re

CODENAME_PATTERN = re.compile(r'id="codename" lang="en">([^<]+)<')


def confidential_form(**overrides) -> dict:
    data = {
        "persons-TOTAL_FORMS": "1",
        "persons-INITIAL_FORMS": "0",
        "persons-MIN_NUM_FORMS": "1",
        "persons-MAX_NUM_FORMS": "30",
        "incidents-TOTAL_FORMS": "1",
        "incidents-INITIAL_FORMS": "0",
        "incidents-MIN_NUM_FORMS": "1",
        "incidents-MAX_NUM_FORMS": "30",
        "persons-0-name": "Leyla Defender",
        "persons-0-profession": "lawyer",
        "incidents-0-year": "2024",
        "incidents-0-month": "3",
        "incidents-0-place": "Capital city",
        "incidents-0-account": "She was arrested at her office.",
        "perpetrators": "Police unit 5",
        "risk_now": "She is held incommunicado.",
        "urgency": "imminent",
        "consents_to_naming_to_government": "yes",
        "consents_to_naming_in_public": "no",
        "preferred_contact": "codename",
        "language": "en",
        "remove_metadata": "on",
        "send": "1",
    }
    data.update(overrides)
    return data


def codename_from(response) -> str:
    match = CODENAME_PATTERN.search(response.content.decode())
    assert match, "no codename on the receipt page"
    return match.group(1)
