"""The facts the figures count stay in step with every kind of write, agree with the publication rule, and give
the figures that the communications themselves give, day by day across publication moments."""

import io
import json
from datetime import date, datetime, timedelta
from statistics import median

import pytest

from defenders.addressees.models import Addressee
from defenders.clock import OFFICE_TIME_ZONE, office_today
from defenders.communications import actions, embargo
from defenders.communications.models import Communication, Reply
from defenders.interchange.jsonl import import_lines
from defenders.mandates.models import Mandate

from .. import facts, figures
from ..figures import Scope
from ..models import CommunicationFacts, SignatureFacts
from .conftest import SEEN_AT

PROCEDURAL = {Reply.Kind.ACKNOWLEDGEMENT, Reply.Kind.EXTENSION_REQUEST}


def _stored() -> list[tuple]:
    signatures = SignatureFacts.objects.order_by("communication_id", "mandate_id").values_list()
    return [
        *CommunicationFacts.objects.order_by("pk").values_list(),
        *(row[1:] for row in signatures),  # without the row's own id, which a rebuild draws anew
    ]


def _in_step() -> list[tuple]:
    """The facts as the writes left them, after checking they are what a rebuild from nothing gives."""
    kept = _stored()
    facts.rebuild()
    assert _stored() == kept
    return kept


def _facts_of(communication: Communication) -> CommunicationFacts:
    return CommunicationFacts.objects.get(pk=communication.pk)


def _by_hand(scope: Scope, at: datetime) -> dict[str, tuple]:
    """Per addressee code, the scorecard's figures counted in Python from the communications and the rule."""
    today = office_today(at)
    found: dict[str, list[tuple]] = {}
    for communication in Communication.objects.filter(sent_on__isnull=False).select_related("addressee"):
        if scope is Scope.PUBLIC and not embargo.is_public(communication, at):
            continue
        assert communication.sent_on is not None
        replies = [
            reply
            for reply in communication.replies.all()
            if scope is Scope.STAFF or reply.received_on <= today
        ]
        first = min((reply.received_on for reply in replies), default=None)
        public_day = embargo.first_public_day(communication.type, communication.sent_on)
        found.setdefault(communication.addressee.code, []).append(
            (
                first is not None,
                any(reply.kind not in PROCEDURAL for reply in replies),
                first is not None and first < public_day,
                (first - communication.sent_on).days if first else None,
            )
        )
    return {
        code: (
            len(rows),
            sum(row[0] for row in rows),
            sum(row[1] for row in rows),
            sum(row[2] for row in rows),
            median(days) if (days := [row[3] for row in rows if row[3] is not None]) else None,
        )
        for code, rows in found.items()
    }


def _from_facts(scope: Scope, at: datetime) -> dict[str, tuple]:
    return {
        row.key: (
            row.communications,
            row.with_reply,
            row.with_substantive_reply,
            row.replied_within_period,
            row.median_days_to_first_reply,
        )
        for row in figures.by_addressee(scope, at=at)
    }


@pytest.mark.django_db
def test_the_facts_agree_with_the_publication_rule(make_communication):
    sent = [
        make_communication(type=type, sent_on=date(2024, 1, 1) + timedelta(days=offset))
        for offset in range(7)
        for type in ("OL", "AL", "UA")
    ]
    actions.withhold_communication(sent[0], reason="The defender's safety.", by=None)
    for communication in sent:
        stored = _facts_of(communication)
        assert communication.sent_on is not None
        assert stored.first_public_day == embargo.first_public_day(communication.type, communication.sent_on)
        assert stored.never_public == (embargo.public_from(communication) is None)
        assert stored.year == communication.sent_on.year


@pytest.mark.django_db
def test_a_draft_has_no_facts_until_it_is_sent(make_communication):
    draft = make_communication(sent_on=None)
    assert not CommunicationFacts.objects.filter(pk=draft.pk).exists()
    actions.record_sent(draft, sent_on=date(2024, 2, 1), by=None)
    assert _facts_of(draft).sent_on == date(2024, 2, 1)


@pytest.mark.django_db
def test_the_facts_follow_replies_recorded_corrected_and_removed(make_communication):
    letter = make_communication(sent_on=date(2023, 10, 2))
    acknowledgement = actions.record_reply(
        letter, received_on=date(2023, 10, 12), kind=Reply.Kind.ACKNOWLEDGEMENT, by=None
    )
    stored = _facts_of(letter)
    assert (stored.first_reply_on, stored.first_substantive_reply_on, stored.days_to_first_reply) == (
        date(2023, 10, 12),
        None,
        10,
    )
    answer = actions.record_reply(letter, received_on=date(2023, 11, 1), by=None)
    assert _facts_of(letter).first_substantive_reply_on == date(2023, 11, 1)
    _in_step()

    actions.correct_reply(answer, received_on=date(2023, 10, 5), by=None)
    assert (_facts_of(letter).first_reply_on, _facts_of(letter).days_to_first_reply) == (date(2023, 10, 5), 3)
    actions.delete_reply(answer, by=None, reason="Recorded against the wrong letter.")
    stored = _facts_of(letter)
    assert (stored.first_reply_on, stored.first_substantive_reply_on) == (date(2023, 10, 12), None)
    actions.delete_reply(acknowledgement, by=None, reason="Recorded against the wrong letter.")
    stored = _facts_of(letter)
    assert (stored.first_reply_on, stored.days_to_first_reply) == (None, None)
    _in_step()


@pytest.mark.django_db
def test_the_facts_follow_withholding_release_and_a_new_addressee(make_communication):
    letter = make_communication(code="RUS", sent_on=date(2023, 10, 2))
    actions.withhold_communication(letter, reason="The defender's safety.", by=None)
    assert _facts_of(letter).never_public
    assert "RUS" not in _from_facts(Scope.PUBLIC, SEEN_AT)
    actions.release_communication(letter, by=None)
    assert not _facts_of(letter).never_public
    assert _from_facts(Scope.PUBLIC, SEEN_AT)["RUS"][0] == 1

    actions.edit_communication(letter, addressee=Addressee.state("TUR"), by=None)
    assert _facts_of(letter).addressee_id == Addressee.state("TUR").pk
    assert set(_from_facts(Scope.PUBLIC, SEEN_AT)) == {"TUR"}
    _in_step()


@pytest.mark.django_db
def test_the_signatures_facts_follow_new_signatories(make_communication):
    letter = make_communication(sent_on=date(2023, 10, 2), signers=("SR HRDs", "WGAD"))
    actions.record_reply(letter, received_on=date(2023, 10, 12), by=None)
    signed = {
        row.key: (row.signed.communications, row.led.communications)
        for row in figures.by_mandate(Scope.PUBLIC, at=SEEN_AT)
    }
    assert signed == {"SR HRDs": (1, 1), "WGAD": (1, 0)}
    actions.set_signatories(
        letter, [Mandate.objects.get(short_name=name) for name in ("SR FoE", "SR HRDs")], by=None
    )
    rows = {row.key: row for row in figures.by_mandate(Scope.PUBLIC, at=SEEN_AT)}
    assert {key: (row.signed.communications, row.led.communications) for key, row in rows.items()} == {
        "SR FoE": (1, 1),
        "SR HRDs": (1, 0),
    }
    assert (rows["SR FoE"].led.with_reply, rows["SR FoE"].led.median_days_to_first_reply) == (1, 10.0)
    _in_step()


@pytest.mark.django_db
def test_the_facts_follow_a_withheld_name_left_in_the_text(make_communication, concerning):
    letter = make_communication(background="Li was arrested at dawn.", sent_on=date(2023, 10, 2))
    concerning(letter, "Li Wei", named_in_public=False)
    assert _facts_of(letter).never_public
    assert _from_facts(Scope.PUBLIC, SEEN_AT) == {}
    actions.edit_communication(letter, background="Ms. Li was arrested at dawn.", by=None)
    assert not _facts_of(letter).never_public
    _in_step()


@pytest.mark.django_db
def test_the_facts_go_with_a_deleted_communication(make_communication):
    letter = make_communication(sent_on=date(2023, 10, 2))
    actions.record_reply(letter, received_on=date(2023, 10, 12), by=None)
    letter.delete()
    assert _stored() == []


@pytest.mark.django_db
def test_an_import_refreshes_the_facts_of_every_communication_it_wrote(
    mandates, django_capture_on_commit_callbacks
):
    records = [
        {
            "reference": f"AL TUR {number}/2020",
            "type": "AL",
            "addressee": {"code": "TUR", "name": "Türkiye", "kind": "state"},
            "sent_on": "2020-05-04",
            "title": f"detention of lawyer {number}",
            "mandates": [{"short_name": "SR HRDs", "lead": True}],
            "replies": [{"received_on": "2020-06-01", "kind": "acknowledgement"}] if number % 2 else [],
            "withheld": number == 3,
            **({"withheld_reason": "safety"} if number == 3 else {}),
        }
        for number in range(1, 6)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        import_lines([json.dumps(record) for record in records])
    stored = _in_step()
    assert len(stored) == 5 + 5  # a row per communication, and per signature (one each)
    at = datetime(2021, 1, 1, tzinfo=OFFICE_TIME_ZONE)
    # 1 and 5 answered on day 28; 3 (answered too) is withheld.
    assert _from_facts(Scope.PUBLIC, at) == {"TUR": (4, 2, 0, 2, 28.0)}
    assert _from_facts(Scope.STAFF, at) == {"TUR": (5, 3, 0, 3, 28.0)}

    # A second import that changes the letters: the facts follow it.
    for record in records:
        record["replies"] = [{"received_on": "2020-05-14", "kind": "substantive"}]
    with django_capture_on_commit_callbacks(execute=True):
        import_lines([json.dumps(record) for record in records])
    _in_step()
    assert _from_facts(Scope.PUBLIC, at) == {"TUR": (4, 4, 4, 4, 10.0)}


@pytest.mark.django_db
def test_the_scorecard_from_the_facts_is_the_one_counted_from_the_communications_day_by_day(hand_counted):
    # Every day from before the first letter to after the last one became public, in both scopes: each
    # publication moment of the fixture (and each reply's day) changes the public figures exactly then.
    day = date(2023, 8, 30)
    while day <= date(2024, 3, 5):
        at = datetime(day.year, day.month, day.day, tzinfo=OFFICE_TIME_ZONE)
        for moment in (at - timedelta(seconds=1), at):
            assert _from_facts(Scope.PUBLIC, moment) == _by_hand(Scope.PUBLIC, moment), moment
        day += timedelta(days=7 if day.weekday() == 2 else 1)
    assert _from_facts(Scope.STAFF, SEEN_AT) == _by_hand(Scope.STAFF, SEEN_AT)


@pytest.mark.django_db
def test_a_write_then_the_clock_moves_the_public_figure_exactly_at_publication(make_communication):
    # An urgent appeal sent on 2 January 2024 and answered on 10 January is public from 00:00 on 2 March 2024.
    letter = make_communication(type="UA", sent_on=date(2024, 1, 2))
    actions.record_reply(letter, received_on=date(2024, 1, 10), by=None)
    moment = embargo.public_from(letter)
    assert moment == datetime(2024, 3, 2, tzinfo=OFFICE_TIME_ZONE)
    assert figures.totals(Scope.PUBLIC, at=moment - timedelta(seconds=1)).communications == 0
    after = figures.totals(Scope.PUBLIC, at=moment)
    assert (after.communications, after.with_reply, after.replied_within_period) == (1, 1, 1)


@pytest.mark.django_db
def test_a_change_to_public_data_warms_the_scorecard_in_the_worker(
    hand_counted, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from .. import warming

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(warming, "cache_is_shared", lambda: True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.record_reply(hand_counted["H"], received_on=date(2023, 11, 20), by=None)
        actions.record_reply(hand_counted["H"], received_on=date(2023, 11, 21), by=None)

    def not_computed(*args, **kwargs):
        raise AssertionError("computed again: the warming did not keep it")

    monkeypatch.setattr(figures, "_aggregated", not_computed)
    assert _row_keys(figures.by_addressee(Scope.PUBLIC)) == ["OTH", "RUS", "TUR"]
    assert figures.years_sent(Scope.PUBLIC) == (2023, 2024)


def _row_keys(rows: list[figures.Figures]) -> list[str]:
    return [row.key for row in rows]


@pytest.mark.django_db
def test_the_midnight_timer_warms_the_scorecard_with_a_shared_cache(hand_counted, monkeypatch):
    from django.core.management import call_command

    from .. import warming

    monkeypatch.setattr(warming, "cache_is_shared", lambda: True)
    call_command("warm_figures", stdout=io.StringIO())

    def not_computed(*args, **kwargs):
        raise AssertionError("computed again: the timer's warming did not keep it")

    monkeypatch.setattr(figures, "_aggregated", not_computed)
    assert _row_keys(figures.by_addressee(Scope.PUBLIC)) == ["OTH", "RUS", "TUR"]


@pytest.mark.django_db
def test_the_midnight_timer_computes_nothing_for_a_cache_of_its_own(hand_counted, monkeypatch):
    from django.core.management import call_command

    def not_wanted(*args, **kwargs):
        raise AssertionError("computed figures no reader would see")

    monkeypatch.setattr(figures, "_aggregated", not_wanted)
    out = io.StringIO()
    call_command("warm_figures", stdout=out)
    assert "nothing to warm" in out.getvalue()
