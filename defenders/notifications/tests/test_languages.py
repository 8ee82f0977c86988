"""The emails are written in the active language, with its month names, and with nothing left in English."""

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
