"""The drafting pages as the office and the co-signers use them."""

import io
import re

import pytest
from django.test import Client
from pypdf import PdfReader

from defenders.accounts.roles import mandate_of
from defenders.communications.models import Communication, SentLetter
from defenders.core.history import reason_text
from defenders.drafting import actions
from defenders.drafting.dashboard import tiles
from defenders.drafting.models import LawParagraph, SignOff
from defenders.mandates.models import Mandate
from defenders.workspace.tiles import Tile

from .conftest import mandate


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def shared(start_draft, officer):
    """A draft whose sign-off was asked of SR HRDs, SR FoE and WGAD."""
    communication = start_draft()
    actions.request_sign_off(communication, by=officer)
    return communication


def test_an_officer_starts_a_draft_from_a_case(case, officer):
    client = client_of(officer)
    form = client.get(f"/staff/drafts/new/?case={case.uid}")
    assert form.status_code == 200
    assert f'value="{case.uid}" selected' in form.content.decode()
    answer = client.post(
        "/staff/drafts/new/",
        {
            "case": str(case.uid),
            "type": "UA",
            "state": "TUR",
            "copied": ["AZE"],
            "lead_mandate": mandate("SR HRDs").pk,
            "co_signing_mandates": [mandate("SR FoE").pk, mandate("WGAD").pk],
            "language": "en",
            "law_paragraphs": [LawParagraph.objects.get(instrument="ICCPR", article="19").pk],
        },
    )
    communication = Communication.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/staff/drafts/{communication.uid}/"
    assert [m.short_name for m in communication.ordered_mandates()] == ["SR HRDs", "SR FoE", "WGAD"]
    page = client.get(answer["Location"]).content.decode()
    assert "No sign-off requested yet." in page
    assert "article 19" in page


def test_the_new_draft_form_refuses_both_or_neither_addressee(case, officer):
    answer = client_of(officer).post(
        "/staff/drafts/new/",
        {"case": str(case.uid), "type": "AL", "lead_mandate": mandate("SR HRDs").pk, "language": "en"},
    )
    assert answer.status_code == 200
    assert "Choose a State, or the kind and name of another actor" in answer.content.decode()
    assert not Communication.objects.exists()


def test_a_co_signer_sees_only_the_drafts_shared_with_their_mandate(start_draft, officer, co_signer):
    not_shared = start_draft(co_signers=("WGAD",))
    actions.request_sign_off(not_shared, by=officer)
    shared = start_draft()
    actions.request_sign_off(shared, by=officer)
    client = client_of(co_signer)
    for path in ("", "versions/", "compare/", f"sign-off/{mandate('WGAD').pk}/"):
        assert client.get(f"/staff/drafts/{not_shared.uid}/{path}").status_code == 404
    assert client.get(f"/staff/drafts/{shared.uid}/").status_code == 200
    listed = client.get("/staff/drafts/").content.decode()
    assert str(shared.uid) in listed and str(not_shared.uid) not in listed


def test_a_co_signer_decides_for_their_own_mandate_only(shared, co_signer):
    client = client_of(co_signer)
    other = client.post(f"/staff/drafts/{shared.uid}/sign-off/{mandate('WGAD').pk}/", {"decision": "approve"})
    assert other.status_code == 403
    own = client.post(f"/staff/drafts/{shared.uid}/sign-off/{mandate('SR FoE').pk}/", {"decision": "approve"})
    assert own.status_code == 302
    states = dict(shared.sign_offs.values_list("mandate__short_name", "state"))
    assert states == {"SR HRDs": "requested", "SR FoE": "approved", "WGAD": "requested"}


def test_asking_for_changes_needs_a_comment(shared, co_signer):
    url = f"/staff/drafts/{shared.uid}/sign-off/{mandate('SR FoE').pk}/"
    client = client_of(co_signer)
    assert client.post(url, {"decision": "changes", "comment": " "}).status_code == 200
    assert client.post(url, {"decision": "changes", "comment": "Cite article 19."}).status_code == 302
    assert (
        "SR FoE asked for changes: Cite article 19."
        in client.get(f"/staff/drafts/{shared.uid}/").content.decode()
    )


def test_the_office_sees_the_sign_off_but_cannot_decide(shared, officer):
    client = client_of(officer)
    url = f"/staff/drafts/{shared.uid}/sign-off/{mandate('SR FoE').pk}/"
    assert "Only a person of SR FoE" in client.get(url).content.decode()
    assert client.post(url, {"decision": "approve"}).status_code == 403


def test_the_page_says_what_is_missing_and_refuses_to_send(shared, officer, co_signer):
    actions.approve(shared.sign_offs.get(mandate__short_name="SR FoE"), by=co_signer)
    client = client_of(officer)
    page = client.get(f"/staff/drafts/{shared.uid}/").content.decode()
    assert "SR HRDs has not approved yet." in page and "WGAD has not approved yet." in page
    assert "Send now" not in page
    answer = client.post(f"/staff/drafts/{shared.uid}/send/", follow=True)
    assert "Not sent. SR HRDs has not approved yet." in answer.content.decode()
    shared.refresh_from_db()
    assert shared.sent_on is None


def test_an_edit_through_the_page_is_a_version_and_resets_the_approval(shared, officer, co_signer):
    actions.approve(shared.sign_offs.get(mandate__short_name="SR FoE"), by=co_signer)
    client = client_of(officer)
    form = {key: text for key, text in shared.versions.get().sections.items()}
    answer = client.post(f"/staff/drafts/{shared.uid}/edit/", form)
    assert answer.status_code == 302, answer.context["form"].errors
    assert shared.versions.count() == 1  # nothing changed
    form["concerns"] = "We are gravely concerned."
    form["note"] = "Stronger concerns"
    assert client.post(f"/staff/drafts/{shared.uid}/edit/", form).status_code == 302
    assert shared.versions.count() == 2
    assert shared.sign_offs.get(mandate__short_name="SR FoE").state == SignOff.State.REQUESTED
    compared = client.get(f"/staff/drafts/{shared.uid}/compare/?a=1&b=2").content.decode()
    assert "<ins>We are gravely concerned.</ins>" in compared
    assert "<del>Without" in compared


def test_sending_through_the_page_numbers_the_letter_and_freezes_it(
    shared, officer, mandate_holder, co_signer, second_co_signer
):
    for person in (mandate_holder, co_signer, second_co_signer):
        signs_for = mandate_of(person)
        assert signs_for is not None
        url = f"/staff/drafts/{shared.uid}/sign-off/{signs_for.pk}/"
        assert client_of(person).post(url, {"decision": "approve"}).status_code == 302
    client = client_of(officer)
    assert "Send now" in client.get(f"/staff/drafts/{shared.uid}/").content.decode()
    answer = client.post(f"/staff/drafts/{shared.uid}/send/")
    assert answer["Location"] == f"/staff/communications/{shared.uid}/"
    shared.refresh_from_db()
    assert re.fullmatch(r"UA TUR \d+/\d{4}", shared.reference)
    assert shared.reference == f"UA TUR 1/{shared.sent_on.year}"
    pdf = PdfReader(io.BytesIO(bytes(SentLetter.objects.get(communication=shared).pdf)))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert shared.reference in text
    assert f"{shared.sent_on.day} {shared.sent_on:%B %Y}" in text
    for short_name in ("SR HRDs", "SR FoE", "WGAD"):
        assert " ".join(Mandate.objects.get(short_name=short_name).name.split()) in text
    # Once sent, the draft's page leads to the communication's.
    assert client.get(f"/staff/drafts/{shared.uid}/")["Location"] == f"/staff/communications/{shared.uid}/"


def test_the_list_filters_what_waits_for_my_sign_off(shared, start_draft, co_signer, second_co_signer):
    start_draft(co_signers=("SR FoE",))  # not asked yet
    waiting = client_of(co_signer).get("/staff/drafts/?waiting_for=me").content.decode()
    assert str(shared.uid) in waiting
    actions.approve(shared.sign_offs.get(mandate__short_name="SR FoE"), by=co_signer)
    assert (
        "No draft is waiting for your sign-off."
        in client_of(co_signer).get("/staff/drafts/?waiting_for=me").content.decode()
    )
    assert (
        str(shared.uid) in client_of(second_co_signer).get("/staff/drafts/?waiting_for=me").content.decode()
    )


def test_the_list_filters_by_state_and_says_when_empty(shared, officer):
    client = client_of(officer)
    assert str(shared.uid) in client.get("/staff/drafts/?state=waiting").content.decode()
    assert "No draft matches this filter." in client.get("/staff/drafts/?state=ready").content.decode()


def test_the_dashboard_tiles(shared, officer, co_signer, mandate_holder, analyst):
    assert tiles(co_signer) == [Tile("Drafts waiting for my sign-off", 1, "/staff/drafts/?waiting_for=me")]
    assert [(t.label, t.count) for t in tiles(officer)] == [("Approved drafts ready to send", 0)]
    assert [t.label for t in tiles(mandate_holder)] == [
        "Drafts waiting for my sign-off",
        "Approved drafts ready to send",
    ]
    assert tiles(analyst) == []


def test_the_library_adds_edits_and_retires(officer):
    client = client_of(officer)
    answer = client.post(
        "/staff/drafts/library/law/new/",
        {
            "instrument": "ICCPR",
            "article": "25",
            "title": "Public affairs",
            "text": "We refer to article 25.",
            "order": 200,
        },
    )
    assert answer.status_code == 302
    entry = LawParagraph.objects.get(article="25")
    assert client.post(f"/staff/drafts/library/law/{entry.pk}/retire/").status_code == 302
    entry.refresh_from_db()
    assert not entry.is_active
    assert reason_text(entry.history.first().history_change_reason) == "Retired"
    assert "Public affairs" in client.get("/staff/drafts/library/law/").content.decode()
    assert client.get("/staff/drafts/library/questions/").status_code == 200


def test_the_navigation_leads_the_office_and_co_signers_to_the_drafts(officer, co_signer, analyst):
    for person in (officer, co_signer):
        assert 'href="/staff/drafts/"' in client_of(person).get("/staff/").content.decode()
    assert 'href="/staff/drafts/"' not in client_of(analyst).get("/staff/").content.decode()


def test_changing_the_signatories_through_the_page_asks_every_mandate_again(shared, officer, co_signer):
    actions.approve(shared.sign_offs.get(mandate__short_name="SR FoE"), by=co_signer)
    answer = client_of(officer).post(
        f"/staff/drafts/{shared.uid}/signatories/",
        {"lead_mandate": mandate("SR HRDs").pk, "co_signing_mandates": [mandate("SR FoE").pk]},
    )
    assert answer.status_code == 302
    assert dict(shared.sign_offs.values_list("mandate__short_name", "state")) == {
        "SR HRDs": "requested",
        "SR FoE": "requested",
    }
