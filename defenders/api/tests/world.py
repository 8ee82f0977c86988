"""The communications every open data surface is tested with: one public (naming a person who did not consent
to be named in public, with a reply), one inside its 60 days, one withheld."""

from dataclasses import dataclass
from datetime import date, datetime

from defenders.cases.models import Theme
from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions
from defenders.communications.models import Communication, Reply

# Everything below is seen from this moment unless a test moves the clock.
NOW = datetime(2024, 2, 1, 12, tzinfo=OFFICE_TIME_ZONE)
# The embargoed letter (sent 20 January 2024) becomes public at 00:00 on 20 March 2024.
EMBARGO_ENDS = datetime(2024, 3, 20, 0, 0, tzinfo=OFFICE_TIME_ZONE)
WITHHELD_NAME = "Ivan Secretov"


@dataclass
class World:
    public: Communication
    reply: Reply
    embargoed: Communication
    withheld: Communication
    theme: Theme


def build_world(make_communication, concerning) -> World:
    theme = Theme.objects.get_or_create(slug="judicial-harassment", defaults={"name": "Judicial harassment"})[
        0
    ]
    public = make_communication(
        code="RUS",
        sent_on=date(2023, 10, 25),
        title=f"detention of {WITHHELD_NAME} (public marker)",
        topic=f"Arbitrary detention of {WITHHELD_NAME}",
        background=f"Mr. Secretov, a lawyer, was detained. {WITHHELD_NAME} defends journalists.",
        full_text=f"Excellency, we write about {WITHHELD_NAME}.",
    )
    concerning(public, WITHHELD_NAME, named_in_public=False)
    public.themes.add(theme)
    reply = actions.record_reply(
        public, received_on=date(2023, 12, 1), summary=f"{WITHHELD_NAME} was released.", by=None
    )
    embargoed = make_communication(
        code="TUR", type="UA", sent_on=date(2024, 1, 20), title="embargoed marker", topic="embargoed marker"
    )
    embargoed.themes.add(theme)
    withheld = make_communication(
        code="BLR",
        sent_on=date(2023, 6, 1),
        title="withheld marker",
        withheld=True,
        withheld_reason="Risk of reprisals",
    )
    withheld.themes.add(theme)
    public.refresh_from_db()
    return World(public, reply, embargoed, withheld, theme)


def assert_shows_only_the_public_one(text: str) -> None:
    assert "public marker" in text
    assert "embargoed marker" not in text
    assert "withheld marker" not in text
    assert "Secretov" not in text
