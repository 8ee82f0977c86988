"""The emails are written in the active language, with its month names, and with nothing left in English."""

import re
from datetime import date
from types import SimpleNamespace
from uuid import uuid4

import pytest
from django.utils import translation

from defenders.notifications import messages
from defenders.workspace.tiles import Tile
from tests.english_left import ENGLISH_ONLY

LETTER = SimpleNamespace(uid=uuid4(), reference="AL RUS 4/2023", title="Лишение свободы адвоката")
REPLY = SimpleNamespace(communication=LETTER, received_on=date(2023, 12, 1))


def english_in(text: str) -> list[str]:
    text = re.sub(r"https?://\S+", " ", text)  # the links' query words (?status=new) are addresses, not prose
    words = "".join(c if c.isalpha() else " " for c in text).split()
    return [word for word in words if word.lower() in ENGLISH_ONLY and word not in {"USERNAME", "off"}]


@pytest.mark.parametrize(
    ("language", "december"),
    [
        ("fr", "1 décembre 2023"),
        ("es", "01 de diciembre de 2023"),
        ("ru", "01 декабря 2023"),
        ("ar", "ديسمبر"),
    ],
)
def test_a_recorded_reply_is_announced_in_the_active_language(language, december):
    with translation.override(language):
        message = messages.reply_recorded(REPLY)
    assert december.lstrip("1 ") in message.body
    assert english_in(message.subject + message.body) == []


def test_the_digest_in_chinese_has_no_english_left():
    tiles = [Tile("待分类", 2, "/staff/inbox/", urgent=True)]
    with translation.override("zh-hans"):
        digest = messages.daily_digest(tiles, date(2026, 12, 3))
    assert "2026年12月3日" in digest.subject and "（紧急）" in digest.body
    assert english_in(digest.subject + digest.body) == []


def test_english_stays_the_default():
    assert "received on 01 December 2023" in messages.reply_recorded(REPLY).body


def test_each_recipient_reads_a_sign_off_request_in_their_own_language(
    tasks_run_at_once, committed, make_communication, co_signer, second_co_signer
):
    from django.core import mail

    from defenders.accounts.language import set_preferred_language
    from defenders.accounts.models import StaffMember
    from defenders.core.events import sign_off_requested
    from defenders.mandates.models import Mandate

    from .conftest import a_sign_off

    foe = Mandate.objects.get(short_name="SR FoE")
    StaffMember.objects.filter(user=second_co_signer).update(mandate=foe)
    set_preferred_language(co_signer, "fr")
    StaffMember.objects.filter(user=second_co_signer).update(last_used_language="ru")
    draft = make_communication(sent_on=None, title="détention d'un avocat", signers=("SR HRDs", "SR FoE"))
    with translation.override("en"):  # the person who asks reads English: nobody else's email does
        committed(sign_off_requested, sign_off=a_sign_off(draft, foe))
    by_address = {message.to[0]: message for message in mail.outbox}
    french, russian = by_address[co_signer.email], by_address[second_co_signer.email]
    assert english_in(f"{french.subject} {french.body}") == []
    assert english_in(f"{russian.subject} {russian.body}") == []
    assert str(french.subject).startswith("Validation demandée")
    assert any("\u0400" <= character <= "\u04ff" for character in str(russian.subject))


def test_the_daily_digest_is_written_in_the_recipients_language(tasks_run_at_once, officer):
    from django.core import mail

    from defenders.accounts.language import set_preferred_language
    from defenders.notifications import daily

    from .test_daily import waiting_submission

    waiting_submission()
    set_preferred_language(officer, "es")
    with translation.override("en"):
        daily.send_daily()
    (digest,) = [message for message in mail.outbox if message.to == [officer.email]]
    assert "espacio de trabajo" in str(digest.subject)
    assert english_in(f"{digest.subject} {digest.body}") == []
