"""The publication rule and redaction as properties: for random communications, persons and replies, at random
moments, no public surface shows what is not public, and every public communication can be reached.

The surfaces walked are listed in SURFACES (press releases among them: one about each sent letter, out within its
60 days); each later feature (search, API, feeds, sitemap, figures) adds
its own there rather than writing a test of its own.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from defenders.addressees.models import Addressee
from defenders.cases.models import Case, CasePerson, Person
from defenders.clock import OFFICE_TIME_ZONE
from defenders.communications import actions, embargo
from defenders.communications.models import Communication
from defenders.communications.redaction import fold
from defenders.mandates.models import Mandate
from defenders.press import actions as press_actions

NAMES = ["Zoë Ábrahám-Nguyễn", "Ольга Сергеева", "محمد الفاطمي", "王伟", "Kwame O'Neil", "Łukasz N’Diaye"]
KINDS = ["substantive", "acknowledgement", "extension_request", "confidential"]


@dataclass
class ReplySpec:
    days_after: int
    kind: str
    token: str = ""


@dataclass
class LetterSpec:
    type: str
    sent_on: date | None
    withheld: bool
    persons: list[tuple[str, bool]]  # name, may be named in public
    replies: list[ReplySpec] = field(default_factory=list)
    follows_up: list[int] = field(default_factory=list)  # earlier specs, by their distance back in the list
    token: str = ""


letters = st.builds(
    LetterSpec,
    type=st.sampled_from(["AL", "UA", "OL"]),
    sent_on=st.none() | st.dates(date(2023, 1, 1), date(2024, 12, 31)),
    # Weighted towards what can leak: letters that are not withheld, persons who did not consent.
    withheld=st.sampled_from([False, False, False, True]),
    persons=st.lists(
        st.tuples(st.sampled_from(NAMES), st.sampled_from([False, False, True])),
        max_size=2,
        unique_by=lambda p: p[0],
    ),
    replies=st.lists(st.builds(ReplySpec, st.integers(0, 200), st.sampled_from(KINDS)), max_size=2),
    follows_up=st.lists(st.integers(1, 4), max_size=2, unique=True),
)
moments = st.datetimes(datetime(2023, 1, 1), datetime(2025, 9, 30)).map(
    lambda m: m.replace(tzinfo=OFFICE_TIME_ZONE)
)

# How long before the moment checked the public pages were first asked for (and kept), if at all: the same
# moment or within the same office day (kept pages answered early), or across a publication moment (not).
warmed = st.none() | st.timedeltas(timedelta(0), timedelta(hours=30))


class Rollback(Exception):
    """Ends an example: everything it wrote is undone, so the next starts from the same database."""


def build(spec: LetterSpec, number: int) -> Communication:
    spec.token = f"QTOKEN{number:03d}Q"
    story = " ".join(f"{name} was detained; {name.upper()} appealed." for name, _ in spec.persons)
    communication = actions.create_communication(
        by=None,
        addressee=Addressee.state("TUR"),
        type=spec.type,
        title=f"matter {spec.token}",
        background=f"{spec.token} {story}",
        full_text=f"Excellency, {spec.token} {story}",
    )
    actions.set_signatories(communication, [Mandate.objects.get(short_name="SR HRDs")], by=None)
    case = Case.objects.create(title=f"case {spec.token}")
    for name, named_in_public in spec.persons:
        person = Person.objects.create(name=name)
        CasePerson.objects.create(case=case, person=person, consents_to_naming_in_public=named_in_public)
    communication.cases.add(case)
    if spec.sent_on is not None:
        actions.record_sent(communication, sent_on=spec.sent_on, by=None)
        for index, reply in enumerate(spec.replies):
            reply.token = f"RTOKEN{number:03d}R{index}"
            mentioned = " ".join(name for name, _ in spec.persons)
            actions.record_reply(
                communication,
                received_on=spec.sent_on + timedelta(days=reply.days_after),
                kind=reply.kind,
                summary=f"{reply.token} {mentioned}",
                by=None,
            )
    if spec.withheld:
        actions.withhold_communication(communication, reason="a reason", by=None)
    communication.refresh_from_db()
    return communication


def link_follow_ups(specs: list[LetterSpec], communications: list[Communication]) -> None:
    """Each spec follows up the earlier specs it names that the action accepts (sent, and not after it)."""
    for number, (spec, communication) in enumerate(zip(specs, communications, strict=True)):
        earlier = [
            communications[number - back]
            for back in spec.follows_up
            if back <= number
            and actions.follow_up_problem(communication, [communications[number - back]]) is None
        ]
        actions.set_follow_ups(communication, earlier, by=None)


def public_pages(client: Client, communications: list[Communication]) -> dict[str, tuple[int, str]]:
    """Every public page there is: the fixed ones, every page of the list, and each communication's own."""
    pages: dict[str, tuple[int, str]] = {}

    def get(url: str) -> None:
        response = client.get(url)
        pages[url] = (response.status_code, html.unescape(response.content.decode()))

    for prefix in ("", "/fr", "/es"):
        get(f"{prefix}/")
        page = 1
        while page < 20:
            get(f"{prefix}/communications/?page={page}")
            if f"page={page + 1}" not in pages[f"{prefix}/communications/?page={page}"][1]:
                break
            page += 1
    for communication in communications:
        base = communication.get_absolute_url()
        get(base)
        get(f"{base}letter/")
        for reply in communication.replies.all():
            get(f"{base}replies/{reply.uid}/")
    return pages


def press_release_pages(client: Client, communications: list[Communication]) -> dict[str, tuple[int, str]]:
    """A press release for each sent communication, out the day after sending (within the 60 days), naming the
    persons withheld from the public: the list, each release's page, and their links to communications."""
    pages: dict[str, tuple[int, str]] = {}
    releases = []
    for communication in communications:
        if communication.sent_on is None:
            continue
        withheld = [
            link.person.name
            for case in communication.cases.all()
            for link in case.caseperson_set.all()
            if not link.consents_to_naming_in_public
        ]
        release = press_actions.draft_press_release(
            title=f"Experts on {' and '.join(withheld) or 'a defender'}",
            body=f"{' '.join(withheld)} were detained.",
            communications=[communication],
            by=None,
        )
        moment = datetime.combine(communication.sent_on + timedelta(days=1), time(9), tzinfo=OFFICE_TIME_ZONE)
        releases.append(press_actions.schedule_press_release(release, at=moment, by=None))
    # A request activates its page's language in this thread: the language in which the surfaces before this one
    # left the addresses is kept for the checks that follow.
    with translation.override(translation.get_language()):
        for url in ["/press-releases/", *(release.get_absolute_url() for release in releases)]:
            response = client.get(url)
            pages[url] = (response.status_code, html.unescape(response.content.decode()))
    return pages


SURFACES = (public_pages, press_release_pages)


@pytest.mark.django_db(transaction=False)
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(letters, min_size=1, max_size=5), moment=moments, warmed_before=warmed)
def test_no_public_surface_shows_what_is_not_public_and_every_public_letter_is_reachable(
    mandates, specs, moment, warmed_before
):
    try:
        with transaction.atomic():
            communications = [build(spec, number) for number, spec in enumerate(specs)]
            link_follow_ups(specs, communications)
            if warmed_before is not None:
                # The public pages asked for earlier, so that the ones kept then are answered early now, unless
                # a publication moment has come since.
                with time_machine.travel(moment - warmed_before, tick=False):
                    public_pages(Client(), communications)
            with time_machine.travel(moment, tick=False):
                client = Client()
                pages = {
                    url: page for surface in SURFACES for url, page in surface(client, communications).items()
                }
            shown = "\n".join(text for _, text in pages.values())
            consented = {
                name
                for spec, communication in zip(specs, communications, strict=True)
                if embargo.is_public(communication, at=moment)
                for name, named_in_public in spec.persons
                if named_in_public
            }
            folded = fold(shown).text
            for spec, communication in zip(specs, communications, strict=True):
                public = embargo.is_public(communication, at=moment)
                assert public == _expected_public(spec, communication, moment)
                base = communication.get_absolute_url()
                assert pages[base][0] == (200 if public else 404), (spec, moment)
                listed = any(
                    spec.token in text for url, (_, text) in pages.items() if "/communications/?page" in url
                )
                assert listed == public, (spec, moment)
                if not public:
                    assert spec.token not in shown
                    # Not linked from another letter's page, even as a follow-up (its own 404 may link itself).
                    assert not any(
                        f'href="{base}"' in pages[other.get_absolute_url()][1]
                        for other in communications
                        if other.pk != communication.pk
                    ), (spec, moment)
                for later in communication.followed_up_by.all() if public else []:
                    if embargo.is_public(later, at=moment):
                        assert spec.token in pages[later.get_absolute_url()][1], (spec, moment)
                for name, named_in_public in spec.persons:
                    # Two persons may bear one name in different letters: one who consented may be shown.
                    if not named_in_public and name not in consented:
                        for part in re.split(r"[ \-]+", name):
                            if len(fold(part).text) >= 3:
                                assert fold(part).text not in folded, (name, moment)
                for reply in communication.replies.all():
                    reply_public = embargo.is_reply_public(reply, at=moment)
                    status, page = pages[f"{base}replies/{reply.uid}/"]
                    assert status == (200 if reply_public else 404)
                    token = reply.summary.split()[0]
                    if reply_public and reply.content_is_public:
                        assert token in page
                    else:
                        assert token not in shown
            raise Rollback
    except Rollback:
        pass


def _expected_public(spec: LetterSpec, communication: Communication, moment: datetime) -> bool:
    """The rule restated from the specification, independently of embargo.py's own arithmetic."""
    if spec.sent_on is None or spec.withheld or communication.exposes_withheld_name:
        return False
    if spec.type == "OL":
        first, working_days = spec.sent_on, 0
        while working_days < 2:
            first += timedelta(days=1)
            working_days += first.weekday() < 5
    else:
        first = spec.sent_on + timedelta(days=60)
    return moment >= datetime.combine(first, time.min, tzinfo=OFFICE_TIME_ZONE)
