"""Eight officers send at once, from eight processes with a connection each: everyone's letter goes, with
consecutive references from the counter of the addressee and year. Runs on the engine the suite runs on: a
migrated SQLite file of the test's own, or (when DATABASE_URL names PostgreSQL) a throwaway cluster."""

import contextlib
import multiprocessing
import queue
import time
from collections.abc import Iterator
from datetime import date

import pytest

from defenders.communications.references import parse_reference
from tests import concurrent_sending
from tests.faults.postgres import suite_runs_on_postgresql, throwaway_cluster
from tests.serving import free_port, serve_environment

SENDERS = 8
# Years sent in, one round each; the third continues an imported series, the last goes on after the first.
ROUNDS = [("RUS", 2021), ("RUS", 2022), ("RUS", 2023), ("RUS", 2021)]
IMPORTED = [("UA", "UA RUS 15/2023", date(2023, 3, 1))]
START_SECONDS = 90  # migrating, and eight processes setting Django up on two cores
ROUND_SECONDS = 60


@pytest.fixture
def sending_environment(tmp_path) -> Iterator[dict[str, str]]:
    """The environment of the processes: the suite's engine, in a database nobody else uses."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    extra = {"DJANGO_SETTINGS_MODULE": "defenders.settings"}
    if not suite_runs_on_postgresql():
        yield serve_environment(data_dir, **extra)
        return
    with throwaway_cluster(free_port()) as cluster:
        yield serve_environment(data_dir, DATABASE_URL=cluster.url, **extra)


class Mailbox:
    """The answers of every process, in one queue; a sender may say it is ready for the next round before
    another has said how its last one went, so answers are kept until asked for."""

    def __init__(self, answers) -> None:
        self.answers = answers
        self.kept: list[dict] = []

    def collect(self, kind: str, count: int, seconds: float, turn: int | None = None) -> list[dict]:
        deadline = time.monotonic() + seconds
        while len(wanted := [a for a in self.kept if (a["kind"], a.get("round")) == (kind, turn)]) < count:
            try:
                answer = self.answers.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"{len(wanted)} of {count} answers {kind!r} (round {turn}) came in {seconds} s")
            assert answer["kind"] != "crashed", f"{answer['who']} crashed:\n{answer['error']}"
            self.kept.append(answer)
        self.kept = [a for a in self.kept if a not in wanted]
        return wanted


@contextlib.contextmanager
def _stopped_at_the_end(processes: list) -> Iterator[None]:
    try:
        yield
    finally:
        for process in processes:
            if process.pid is None:  # never started
                continue
            if process.is_alive():
                process.kill()
            process.join(5)


def test_eight_processes_sending_at_once_get_consecutive_references_and_no_error(sending_environment):
    env = sending_environment
    context = multiprocessing.get_context("spawn")
    answers = context.Queue()
    mailbox = Mailbox(answers)
    prepared, go = context.Event(), [context.Event() for _ in ROUNDS]
    preparing = context.Process(target=concurrent_sending.prepare, args=(env, IMPORTED, answers))
    senders = [
        context.Process(target=concurrent_sending.send, args=(env, n, ROUNDS, answers, prepared, go))
        for n in range(SENDERS)
    ]
    surveying = context.Process(target=concurrent_sending.survey, args=(env, sorted(set(ROUNDS)), answers))
    highest = {("RUS", 2023): 15}  # the imported series
    sent: list[dict] = []
    with _stopped_at_the_end([preparing, *senders, surveying]):
        for process in [preparing, *senders]:
            process.start()
        mailbox.collect("prepared", 1, START_SECONDS)
        preparing.join(ROUND_SECONDS)
        prepared.set()
        for turn, (code, year) in enumerate(ROUNDS):
            mailbox.collect("ready", SENDERS, START_SECONDS, turn)
            go[turn].set()  # every sender holds its draft and an open connection: all send now
            results = mailbox.collect("sent", SENDERS, ROUND_SECONDS, turn)
            failed = [(result["n"], result["error"]) for result in results if "error" in result]
            assert not failed, f"round {turn} ({code} {year}): senders saw errors: {failed}"
            references = [parse_reference(result["reference"]) for result in results]
            assert all(r is not None and (r.code, r.year) == (code, year) for r in references), results
            numbers = sorted(r.number for r in references if r is not None)
            first = highest.get((code, year), 0) + 1
            assert numbers == list(range(first, first + SENDERS)), (turn, [r["reference"] for r in results])
            highest[(code, year)] = numbers[-1]
            sent += results
        for sender in senders:
            sender.join(ROUND_SECONDS)
            assert sender.exitcode == 0
        surveying.start()
        survey = mailbox.collect("surveyed", 1, START_SECONDS)[0]
        surveying.join(ROUND_SECONDS)

    stored = survey["stored"]
    assert len({row["reference"] for row in stored.values()}) == len(stored) == len(sent) + len(IMPORTED)
    for result in sent:
        assert stored[result["pk"]] == {
            "reference": result["reference"],
            "reason": f"Sent as {result['reference']}",
        }
    assert survey["next"] == {f"{code} {year}": number + 1 for (code, year), number in highest.items()}
