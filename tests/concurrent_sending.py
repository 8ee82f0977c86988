"""Run in processes of their own by tests/test_concurrent_sending.py, each with its own connection to one
database: prepare it, send drafts at a signal, and look afterwards at what was stored. Django is set up from
the environment handed over, so nothing here may import a model at module level."""

import os
import traceback
from datetime import date
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event

LEAD = "SR HRDs"
TYPES = ["AL", "UA", "OL"]  # one counter for every type: the senders mix them
WAIT_SECONDS = 60


def _set_up(env: dict[str, str]) -> None:
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()


def _draft(code: str, type: str, title: str):
    from defenders.addressees.models import Addressee
    from defenders.communications import actions
    from defenders.mandates.models import Mandate

    draft = actions.create_communication(by=None, addressee=Addressee.state(code), type=type, title=title)
    actions.set_signatories(draft, [Mandate.objects.get(short_name=LEAD)], by=None)
    return draft


def prepare(env: dict[str, str], imported: list[tuple[str, str, date]], answers: Queue) -> None:
    """Migrate, load the mandates, and record letters sent before (type, reference, day) as an import does."""
    try:
        _set_up(env)
        from django.core.management import call_command

        from defenders.communications import actions

        call_command("migrate", verbosity=0)
        call_command("loaddata", "mandates", verbosity=0)
        for type, reference, day in imported:
            communication = _draft(reference.split()[1], type, f"Imported {reference}")
            actions.record_sent(communication, sent_on=day, reference=reference, by=None)
        answers.put({"kind": "prepared"})
    except BaseException:
        answers.put({"kind": "crashed", "who": "prepare", "error": traceback.format_exc()})


def send(
    env: dict[str, str],
    n: int,
    rounds: list[tuple[str, int]],
    answers: Queue,
    prepared: Event,
    go: list[Event],
) -> None:
    """Sender n: once the database is prepared, in each round draft a letter to the round's addressee, say
    so, wait for the signal, send."""
    try:
        _set_up(env)  # while the database is being prepared: starting Django is most of a process's start
        from defenders.communications.actions import send_communication

        if not prepared.wait(WAIT_SECONDS):
            answers.put({"kind": "crashed", "who": f"sender {n}", "error": "the database was never prepared"})
            return

        for turn, (code, year) in enumerate(rounds):
            draft = _draft(code, TYPES[(n + turn) % len(TYPES)], f"Letter {n} of round {turn}")
            answers.put({"kind": "ready", "n": n, "round": turn})
            if not go[turn].wait(WAIT_SECONDS):
                answers.put({"kind": "sent", "n": n, "round": turn, "pk": draft.pk, "error": "not released"})
                return
            try:
                sent = send_communication(draft, by=None, on=date(year, 6, 2))
            except Exception as error:  # every error counts: the test shows which
                message = f"{type(error).__name__}: {error}"
                answers.put({"kind": "sent", "n": n, "round": turn, "pk": draft.pk, "error": message})
            else:
                answers.put(
                    {"kind": "sent", "n": n, "round": turn, "pk": sent.pk, "reference": sent.reference}
                )
    except BaseException:
        answers.put({"kind": "crashed", "who": f"sender {n}", "error": traceback.format_exc()})


def survey(env: dict[str, str], codes_and_years: list[tuple[str, int]], answers: Queue) -> None:
    """What is stored: each communication's reference with its latest history reason, and the next numbers."""
    try:
        _set_up(env)
        from defenders.communications.models import Communication
        from defenders.core.history import reason_text

        stored = {
            communication.pk: {
                "reference": communication.reference,
                "reason": reason_text(communication.history.latest().history_change_reason),
            }
            for communication in Communication.objects.all()
        }
        following = {
            f"{code} {year}": Communication.objects.next_reference_number(code, year)
            for code, year in codes_and_years
        }
        answers.put({"kind": "surveyed", "stored": stored, "next": following})
    except BaseException:
        answers.put({"kind": "crashed", "who": "survey", "error": traceback.format_exc()})
