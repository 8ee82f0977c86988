"""Versions on every change, sign-off by each mandate, approvals reset by a change, and sending only when ready."""

from datetime import date

import pytest
from pypdf import PdfReader

from defenders.accounts.roles import mandate_of
from defenders.communications.models import SentLetter
from defenders.core.events import sign_off_decided, sign_off_requested
from defenders.core.history import reason_text
from defenders.drafting import actions, diff
from defenders.drafting.models import DraftVersion, SignOff
from defenders.drafting.readiness import missing_for_sending

from .conftest import mandate


def _sign_off(communication, short_name):
    return communication.sign_offs.get(mandate__short_name=short_name)


def _everyone_approves(communication, *people):
    for person in people:
        actions.approve(communication.sign_offs.get(mandate=mandate_of(person)), by=person)


@pytest.fixture
def approved(start_draft, officer, mandate_holder, co_signer, second_co_signer):
    communication = start_draft()
    actions.request_sign_off(communication, by=officer)
    _everyone_approves(communication, mandate_holder, co_signer, second_co_signer)
    return communication


def test_starting_a_draft_makes_version_1_and_signs_with_the_lead_first(start_draft, case):
    communication = start_draft()
    assert [v.number for v in communication.versions.all()] == [1]
    assert [m.short_name for m in communication.ordered_mandates()] == ["SR HRDs", "SR FoE", "WGAD"]
    assert communication.lead_mandate().short_name == "SR HRDs"
    assert list(communication.cases.all()) == [case]
    assert communication.full_text.startswith("Excellency,")
    assert "Kavala" not in communication.allegations
    assert communication.sent_on is None and communication.reference == ""


def test_a_change_is_a_new_version_and_no_change_is_none(start_draft, officer):
    communication = start_draft()
    sections = dict(communication.versions.get().sections)
    assert actions.save_version(communication, sections, by=officer) is None
    # The same text from a browser (CRLF) is no change either.
    crlf = {key: text.replace("\n", "\r\n") for key, text in sections.items()}
    assert actions.save_version(communication, crlf, by=officer) is None
    version = actions.save_version(
        communication, {"concerns": "We are gravely concerned."}, by=officer, note="Tone"
    )
    assert version is not None and version.number == 2 and version.author == officer
    communication.refresh_from_db()
    assert "We are gravely concerned." in communication.full_text
    assert communication.versions.count() == 2
    assert "Version 2 saved: Tone" in [
        reason_text(reason)
        for reason in communication.history.values_list("history_change_reason", flat=True)
    ]


def test_the_diff_marks_insertions_and_deletions_word_by_word(start_draft, officer):
    communication = start_draft()
    actions.save_version(communication, {"concerns": "We are <gravely> concerned."}, by=officer)
    first, second = communication.versions.order_by("number")
    rows = {row.key: row for row in diff.compare(first, second)}
    assert not rows["opening"].changed
    assert rows["concerns"].changed
    assert "<ins>We are &lt;gravely&gt; concerned.</ins>" in rows["concerns"].after
    assert "<del>Without " in rows["concerns"].before
    before, after = diff.word_diff("the defender was arrested", "the defender was detained")
    assert str(before) == "the defender was <del>arrested</del>"
    assert str(after) == "the defender was <ins>detained</ins>"


def test_sign_off_is_asked_of_every_mandate_the_lead_included(start_draft, officer):
    communication = start_draft()
    asked = actions.request_sign_off(communication, by=officer)
    assert sorted(s.mandate.short_name for s in asked) == ["SR FoE", "SR HRDs", "WGAD"]
    assert actions.request_sign_off(communication, by=officer) == []
    assert missing_for_sending(communication) == [
        "SR HRDs has not approved yet.",
        "SR FoE has not approved yet.",
        "WGAD has not approved yet.",
    ]


def test_nothing_requested_says_so(start_draft):
    assert missing_for_sending(start_draft()) == ["No sign-off requested yet."]


def test_an_edit_resets_every_approval_and_sending_is_refused(approved, officer):
    assert missing_for_sending(approved) == []
    actions.save_version(approved, {"concerns": "Changed after approval."}, by=officer)
    assert set(approved.sign_offs.values_list("state", flat=True)) == {SignOff.State.REQUESTED}
    reasons = [
        reason_text(reason) for reason in SignOff.history.values_list("history_change_reason", flat=True)
    ]
    assert "Approval reset: text changed in version 2" in reasons
    with pytest.raises(actions.DraftingError) as refused:
        actions.send_approved(approved, by=officer, on=date(2025, 3, 3))
    assert "SR FoE has not approved yet." in refused.value.missing
    approved.refresh_from_db()
    assert approved.sent_on is None and approved.reference == ""


def test_an_approval_of_an_earlier_version_does_not_count(approved, officer):
    # A version written around the action (as an import might) leaves the approval on version 1.
    DraftVersion.objects.create(communication=approved, number=2, sections={})
    assert "Approved an earlier version: SR FoE." in missing_for_sending(approved)


def test_changes_asked_are_listed_with_their_comment_and_need_one(start_draft, officer, co_signer):
    communication = start_draft()
    actions.request_sign_off(communication, by=officer)
    with pytest.raises(actions.DraftingError):
        actions.ask_for_changes(_sign_off(communication, "SR FoE"), by=co_signer, comment="  ")
    actions.ask_for_changes(_sign_off(communication, "SR FoE"), by=co_signer, comment="Cite article 19.")
    assert "SR FoE asked for changes: Cite article 19." in missing_for_sending(communication)
    # Asking again puts the question back to the mandate.
    assert [s.mandate.short_name for s in actions.request_sign_off(communication, by=officer)] == ["SR FoE"]


def test_no_one_decides_for_another_mandate(start_draft, officer, co_signer, mandate_holder):
    communication = start_draft()
    actions.request_sign_off(communication, by=officer)
    for person in (co_signer, officer):
        with pytest.raises(actions.DraftingError):
            actions.approve(_sign_off(communication, "WGAD"), by=person)
    with pytest.raises(actions.DraftingError):
        actions.approve(_sign_off(communication, "SR FoE"), by=mandate_holder)
    assert _sign_off(communication, "WGAD").state == SignOff.State.REQUESTED


def test_sending_needs_every_mandate_and_then_numbers_and_freezes_the_letter(approved, officer):
    sent = actions.send_approved(approved, by=officer, on=date(2025, 3, 3))
    assert sent.reference == "UA TUR 1/2025"
    text = "".join(page.extract_text() for page in letter_pdf_of(sent).pages)
    assert "UA TUR 1/2025" in text
    assert "3 March 2025" in text
    flat = " ".join(text.split())
    for short_name in ("SR HRDs", "SR FoE", "WGAD"):
        assert " ".join(mandate(short_name).name.split()) in flat
    with pytest.raises(actions.DraftingError):
        actions.save_version(sent, {"concerns": "Too late."}, by=officer)


def letter_pdf_of(communication):
    import io

    return PdfReader(io.BytesIO(bytes(SentLetter.objects.get(communication=communication, version=1).pdf)))


def test_signals_are_sent_once_the_transaction_commits(
    start_draft, officer, co_signer, django_capture_on_commit_callbacks
):
    requested, decided = [], []

    def heard_request(sender, sign_off, **kwargs):
        requested.append(sign_off.mandate.short_name)

    def heard_decision(sender, sign_off, **kwargs):
        decided.append((sign_off.mandate.short_name, sign_off.state))

    sign_off_requested.connect(heard_request)
    sign_off_decided.connect(heard_decision)
    try:
        communication = start_draft()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            actions.request_sign_off(communication, by=officer)
        assert requested == []
        for callback in callbacks:
            callback()
        assert sorted(requested) == ["SR FoE", "SR HRDs", "WGAD"]
        with django_capture_on_commit_callbacks(execute=True):
            actions.approve(_sign_off(communication, "SR FoE"), by=co_signer)
        assert decided == [("SR FoE", SignOff.State.APPROVED)]
    finally:
        sign_off_requested.disconnect(heard_request)
        sign_off_decided.disconnect(heard_decision)


def test_changing_the_signatories_rewrites_the_opening_and_asks_again(approved, officer):
    actions.change_signatories(
        approved, [mandate("SR HRDs"), mandate("SR FoE")], lead=mandate("SR HRDs"), by=officer
    )
    assert not approved.sign_offs.filter(mandate__short_name="WGAD").exists()
    assert set(approved.sign_offs.values_list("state", flat=True)) == {SignOff.State.REQUESTED}
    latest = approved.versions.order_by("-number").first()
    assert latest.note == "Signatories changed"
    assert mandate("WGAD").name not in latest.sections["opening"]
