"""The source forms as the browser tests fill them: by the fields' names, so that the same steps work on a page in
any of the six languages."""

from playwright.sync_api import Page

CONFIDENTIAL = {
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
    "language": "en",
}
INFORMATION = {
    "country": "Kyrgyzstan",
    "subject": "Closure of a human rights organisation",
    "information": "The ministry closed the clinic on 3 March.",
    "language": "en",
}
MEETING = {
    "name": "Aziza Karimova",
    "country": "Kyrgyzstan",
    "email": "aziza@example.org",
    "meet_with": "team",
    "topic": "The situation of lawyers.",
    "format": "online",
    "preferred_dates": "Any weekday in May",
    "time_zone": "UTC+6",
    "language": "en",
}
CONTACT = {
    "name": "Aziza Karimova",
    "email": "aziza@example.org",
    "subject": "A question",
    "message": "How do I follow a communication?",
}
# Each source form: its address, what a complete answer is, and the button that sends it.
SOURCE_FORMS = {
    "/submit/confidential/": (CONFIDENTIAL, "main form button[name=send]"),
    "/submit/": (INFORMATION, "main form button[type=submit]"),
    "/meeting/": (MEETING, "main form button[type=submit]"),
    "/contact/": (CONTACT, "main form button[type=submit]"),
}


def fill(page: Page, answers: dict[str, str]) -> None:
    for name, value in answers.items():
        if page.locator(f'main input[type=radio][name="{name}"]').count():
            page.locator(f'main [name="{name}"][value="{value}"]').check()
        elif page.locator(f'main select[name="{name}"]').count():
            page.locator(f'main select[name="{name}"]').select_option(value)
        else:
            page.locator(f'main [name="{name}"]').fill(value)


def send(page: Page, button: str) -> int:
    """Press the form's send button; the status the server answered with, once the answer has loaded.

    The response alone arrives before the new document exists: a check that runs then (axe's injected script)
    can find no <head> to add itself to."""
    with (
        page.expect_navigation(wait_until="load"),
        page.expect_response(lambda response: response.request.method == "POST") as posted,
    ):
        page.locator(button).last.click()
    return posted.value.status
