from datetime import date

import time_machine

from defenders.cases.models import Case, Event, SentenceTerm
from defenders.clock import start_of_office_day
from defenders.communications import embargo
from defenders.communications.models import Communication, Reply
from defenders.demo.loader import load_demo
from defenders.interchange.jsonl import export_lines

TODAY = date(2026, 11, 29)


def test_loading_the_demo_twice_changes_nothing(db):
    load_demo(today=TODAY)
    first = list(export_lines())
    counts = (
        Communication.objects.count(),
        Case.objects.count(),
        Event.objects.count(),
        Reply.objects.count(),
    )
    load_demo(today=TODAY)
    assert list(export_lines()) == first
    assert (
        Communication.objects.count(),
        Case.objects.count(),
        Event.objects.count(),
        Reply.objects.count(),
    ) == counts


def test_khamroev_case_carries_every_event_of_the_reading_with_provisions_and_sentences(db):
    load_demo(today=TODAY)
    case = Case.objects.get(title__startswith="Bakhrom Khamroev")
    events = list(case.events.all())
    assert len(events) == 13
    assert events[-1].kind == "fine"  # undated, so last
    sentence = case.events.get(kind="sentence")
    assert sentence.court == "Second Western District Military Court"
    assert [str(t) for t in sentence.terms.all()] == [
        "3 years (prison)",
        "11 years (maximum-security penal colony)",
    ]
    assert sum(t.total_months for t in sentence.terms.all()) == 14 * 12
    appeal = case.events.get(kind="appeal_decision")
    assert SentenceTerm.objects.get(event=appeal).total_months == 13 * 12 + 9
    assert {p.article for p in sentence.legal_provisions.all()} == {"205.5-2", "205.2-2"}
    assert case.events.get(kind="detention").date_display == "2019"
    assert case.events.get(kind="fine").fine_amount == 200000


def test_demo_shows_every_state_to_a_newcomer(db):
    with time_machine.travel(date(2026, 11, 29)):
        load_demo()
        public = set(Communication.objects.public().values_list("title", flat=True))
    by_title = {c.title: c for c in Communication.objects.all()}
    embargoed = [c for c in by_title.values() if c.sent_on and not c.withheld and c.title not in public]
    assert len(embargoed) == 1 and embargoed[0].sent_on == date(2026, 11, 19)
    assert any(c.withheld for c in by_title.values())
    assert Reply.objects.filter(kind="substantive", translation_pending=False).exists()
    khamroev = next(c for c in by_title.values() if "Khamroev" in c.title)
    assert khamroev.title in public and khamroev.reference == "" and not khamroev.replies.exists()
    assert embargo.public_from(khamroev) == start_of_office_day(date(2023, 12, 24))
    assert all("Fictional" in c.background or "Khamroev" in c.title for c in by_title.values())
