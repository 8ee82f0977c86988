"""Import writes through the communications actions: the same history as staff leave, the same refusals."""

import json
from datetime import date

import pytest

from defenders.communications.models import Communication
from defenders.core.history import reason_text
from defenders.demo.loader import load_demo
from defenders.interchange.jsonl import ImportFailure, import_lines

RECORD = {
    "id": "0b8c7a52-3f0e-4c55-9a77-2f4f5f0f2d10",
    "reference": "AL TUR 3/2021",
    "type": "AL",
    "addressee": {"code": "TUR", "kind": "state"},
    "sent_on": "2021-02-03",
    "title": "detention of a journalist",
    "mandates": [{"short_name": "SR HRDs", "lead": True}, {"short_name": "SR FoE", "lead": False}],
}


def line(**changes) -> str:
    return json.dumps({**RECORD, **changes})


def reasons(communication: Communication) -> list[str]:
    return [
        reason_text(reason)
        for reason in communication.history.order_by("history_id").values_list(
            "history_change_reason", flat=True
        )
    ]


def test_a_new_record_leaves_one_history_row_with_every_reason(mandates):
    # Written in bulk: one row says what the actions' rows would have said one by one.
    import_lines([line(withheld=True, withheld_reason="Family relocating")])
    communication = Communication.objects.get()
    full = (
        "Imported: sent on 2021-02-03 as AL TUR 3/2021; withheld: Family relocating; "
        "signed by SR HRDs (lead), SR FoE"
    )
    # Longer than django-simple-history's default column of 100 characters, and kept whole (a text column).
    assert len(full) > 100
    assert reasons(communication) == [full]
    assert communication.history.get().withheld is True


def test_a_changed_record_leaves_the_reasons_of_the_actions(mandates):
    import_lines([line()])
    import_lines(
        [
            line(
                withheld=True,
                withheld_reason="Family relocating",
                mandates=[{"short_name": "SR HRDs", "lead": True}],
            )
        ]
    )
    communication = Communication.objects.get()
    assert reasons(communication)[1:] == ["Withheld: Family relocating", "Signed by SR HRDs (lead)"]


def test_a_lead_listed_second_leads_and_keeps_its_place(mandates):
    import_lines(
        [line(mandates=[{"short_name": "SR FoE", "lead": False}, {"short_name": "SR HRDs", "lead": True}])]
    )
    communication = Communication.objects.get()
    assert [m.short_name for m in communication.ordered_mandates()] == ["SR FoE", "SR HRDs"]
    lead = communication.lead_mandate()
    assert lead is not None and lead.short_name == "SR HRDs"


def test_releasing_and_redating_by_import_are_recorded(mandates):
    import_lines([line(withheld=True, withheld_reason="Family relocating")])
    import_lines([line(sent_on="2021-02-04")])
    communication = Communication.objects.get()
    assert (communication.sent_on, communication.withheld) == (date(2021, 2, 4), False)
    assert reasons(communication)[-2:] == [
        "Imported: sent on 2021-02-04 as AL TUR 3/2021",
        "Released for publication",
    ]


def test_a_sent_letter_cannot_become_a_draft_again_by_import(mandates):
    import_lines([line()])
    with pytest.raises(ImportFailure) as failure:
        import_lines([line(sent_on=None, reference="")])
    assert (failure.value.line_number, failure.value.field) == (1, "sent_on")
    assert "cannot become a draft again" in failure.value.reason
    assert Communication.objects.get().sent_on == date(2021, 2, 3)


def test_a_draft_with_a_reference_is_refused(mandates):
    with pytest.raises(ImportFailure) as failure:
        import_lines([line(sent_on=None)])
    assert failure.value.field == "sent_on"
    assert not Communication.objects.exists()


def test_the_demo_is_loaded_through_the_importer(db):
    load_demo(today=date(2026, 11, 29))
    for communication in Communication.objects.all():
        assert reasons(communication)[0].startswith("Imported")


def test_a_long_withholding_reason_is_kept_whole_in_the_history(mandates):
    # Bulk-written history rows once cut reasons at 100 characters (PostgreSQL refused longer ones).
    long_reason = "The family asked that nothing be published while they move; " * 8
    import_lines([line(withheld=True, withheld_reason=long_reason.strip())])
    (reason,) = reasons(Communication.objects.get())
    assert reason.endswith(f"withheld: {long_reason.strip()}; signed by SR HRDs (lead), SR FoE")
    assert "…" not in reason
