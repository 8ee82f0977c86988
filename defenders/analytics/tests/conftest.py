"""The hand-checkable fixture of the figures: eight communications whose every figure can be counted on paper.

Seen on 15 January 2024 at noon, Geneva time (`SEEN_AT`). Days to a reply count from the day of sending.

| letter | sent | addressee | replies (day after sending) | public on 15 Jan 2024 |
| A  AL  | Mon 2 Oct 2023  | RUS | acknowledgement day 10, substantive day 30 | yes (from 1 Dec) |
| B  AL  | Tue 3 Oct 2023  | RUS | substantive day 61 (late)                  | yes |
| C  UA  | Wed 4 Oct 2023  | TUR | acknowledgement day 16 only (procedural)   | yes |
| D  AL  | Thu 5 Oct 2023  | TUR | confidential day 30                        | yes |
| E  OL  | Fri 5 Jan 2024  | OTH Acme Mining Ltd | substantive day 3 (Mon 8 Jan) | yes, from Tue 9 Jan: two working days |
| F  UA  | Tue 2 Jan 2024  | RUS | substantive day 8                          | no: inside its 60 days |
| G  AL  | Fri 1 Sep 2023  | TUR | none, and withheld                         | never |
| H  AL  | Fri 15 Sep 2023 | RUS | none                                       | yes |

A to D and H are signed by SR HRDs (lead) and WGAD; E by SR FoE (lead) and SR HRDs; F and G by SR HRDs alone.
"""

from datetime import date, datetime

import pytest

from defenders.addressees.models import Addressee
from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions
from defenders.communications.models import Communication, Reply
from defenders.mandates.models import Mandate

SEEN_AT = datetime(2024, 1, 15, 12, 0, tzinfo=OFFICE_TIME_ZONE)


def _send(
    addressee: Addressee, type: str, sent_on: date, signers: tuple[str, ...], title: str
) -> Communication:
    communication = actions.create_communication(by=None, addressee=addressee, type=type, title=title)
    actions.set_signatories(
        communication, [Mandate.objects.get(short_name=name) for name in signers], by=None
    )
    actions.record_sent(communication, sent_on=sent_on, by=None)
    return communication


def _reply(communication: Communication, received_on: date, kind: str) -> None:
    actions.record_reply(communication, received_on=received_on, kind=kind, summary="A reply.", by=None)


@pytest.fixture
def hand_counted(mandates) -> dict[str, Communication]:
    russia, turkey = Addressee.state("RUS"), Addressee.state("TUR")
    company = Addressee.find_or_create(kind=Addressee.Kind.COMPANY, name="Acme Mining Ltd")
    joint = ("SR HRDs", "WGAD")
    letters = {
        "A": _send(russia, "AL", date(2023, 10, 2), joint, "two replies"),
        "B": _send(russia, "AL", date(2023, 10, 3), joint, "a late reply"),
        "C": _send(turkey, "UA", date(2023, 10, 4), joint, "a procedural reply only"),
        "D": _send(turkey, "AL", date(2023, 10, 5), joint, "a confidential reply"),
        "E": _send(company, "OL", date(2024, 1, 5), ("SR FoE", "SR HRDs"), "an other letter to a company"),
        "F": _send(russia, "UA", date(2024, 1, 2), ("SR HRDs",), "still confidential"),
        "G": _send(turkey, "AL", date(2023, 9, 1), ("SR HRDs",), "withheld"),
        "H": _send(russia, "AL", date(2023, 9, 15), joint, "no reply"),
    }
    _reply(letters["A"], date(2023, 10, 12), Reply.Kind.ACKNOWLEDGEMENT)
    _reply(letters["A"], date(2023, 11, 1), Reply.Kind.SUBSTANTIVE)
    _reply(letters["B"], date(2023, 12, 3), Reply.Kind.SUBSTANTIVE)
    _reply(letters["C"], date(2023, 10, 20), Reply.Kind.ACKNOWLEDGEMENT)
    _reply(letters["D"], date(2023, 11, 4), Reply.Kind.CONFIDENTIAL)
    _reply(letters["E"], date(2024, 1, 8), Reply.Kind.SUBSTANTIVE)
    _reply(letters["F"], date(2024, 1, 10), Reply.Kind.SUBSTANTIVE)
    actions.withhold_communication(letters["G"], reason="The defender's safety.", by=None)
    return letters
