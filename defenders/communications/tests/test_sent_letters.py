"""Sending freezes the letter as version 1; a correction is the next version with its note; staff download them."""

import hashlib
import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from pypdf import PdfReader

from defenders.communications import actions
from defenders.communications.actions import CommunicationStateError, correct_letter, send_communication
from defenders.communications.models import SentLetter
from defenders.core.history import reason_text


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user("olga.officer", password="a long enough password")


@pytest.fixture
def sent(make_communication, officer):
    draft = make_communication(sent_on=None, full_text="Excellency,\n\nThe first account of the facts.")
    return send_communication(draft, by=officer, on=date(2023, 10, 25))


def test_sending_freezes_the_letter_as_version_1(sent, officer):
    (letter,) = sent.sent_letters.all()
    assert (letter.version, letter.note, letter.created_by) == (1, "", officer)
    assert letter.sha256 == hashlib.sha256(bytes(letter.pdf)).hexdigest()
    text = pdf_text(bytes(letter.pdf))
    assert "REFERENCE: AL RUS 1/2023" in text and "25 October 2023" in text
    assert "The first account of the facts." in text


def test_a_correction_is_version_2_with_its_note_and_version_1_stays_as_sent(sent, officer):
    actions.edit_communication(
        sent, by=officer, full_text="Excellency,\n\nThe corrected account of the facts."
    )
    correction = correct_letter(sent, by=officer, note="The date of the arrest was wrong.")
    first, second = sent.sent_letters.order_by("version")
    assert (second.version, second.note) == (2, "The date of the arrest was wrong.")
    assert second == correction
    assert "The first account of the facts." in pdf_text(bytes(first.pdf))
    assert "The corrected account of the facts." in pdf_text(bytes(second.pdf))
    assert reason_text(sent.history.latest().history_change_reason) == (
        "Letter corrected as version 2: The date of the arrest was wrong."
    )


def test_a_correction_needs_a_note_and_a_frozen_letter(sent, make_communication, officer):
    with pytest.raises(CommunicationStateError):
        correct_letter(sent, by=officer, note="  ")
    with pytest.raises(CommunicationStateError):
        correct_letter(
            make_communication(), by=officer, note="Recorded as sent elsewhere: nothing to correct."
        )
    with pytest.raises(CommunicationStateError):
        actions.freeze_letter(make_communication(sent_on=None), by=officer)
    assert sent.sent_letters.count() == 1


def test_a_frozen_letter_cannot_be_changed(sent):
    letter = sent.sent_letters.get()
    letter.note = "rewritten"
    with pytest.raises(ValueError, match="frozen"):
        letter.save()


def test_a_failed_rendering_sends_nothing(make_communication, officer, monkeypatch):
    draft = make_communication(sent_on=None)

    def broken(communication):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(actions.letters, "letter_pdf", broken)
    with pytest.raises(RuntimeError):
        send_communication(draft, by=officer, on=date(2023, 10, 25))
    draft.refresh_from_db()
    assert (draft.sent_on, draft.reference) == (None, "")
    assert not SentLetter.objects.exists()


def test_staff_download_a_version_as_an_attachment_and_others_cannot(sent, client, officer):
    letter = sent.sent_letters.get()
    url = letter.download_url()
    assert url == f"/staff/letters/{sent.uid}/v1.pdf"
    assert client.get(url).status_code == 302  # to the staff login
    officer.is_staff = True
    officer.save()
    client.force_login(officer)
    assert client.get(url).status_code == 403  # staff without the right to view communications
    officer.user_permissions.add(Permission.objects.get(codename="view_communication"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="al-rus-1-2023-v1.pdf"'
    assert response.content == bytes(letter.pdf)
    assert (
        client.get(
            reverse("letters:sent_letter", kwargs={"communication_uid": sent.uid, "version": 2})
        ).status_code
        == 404
    )


def test_the_admin_lists_the_versions_with_their_download_links(sent, client, officer):
    correct_letter(sent, by=officer, note="A name was misspelt.")
    administrator = get_user_model().objects.create_superuser("ada.admin", password="a long admin password 7")
    client.force_login(administrator)
    page = client.get(reverse("admin:communications_communication_change", args=[sent.pk])).content.decode()
    assert f'href="/staff/letters/{sent.uid}/v1.pdf"' in page
    assert f'href="/staff/letters/{sent.uid}/v2.pdf"' in page
    assert "A name was misspelt." in page
