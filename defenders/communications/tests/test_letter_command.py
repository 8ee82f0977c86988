"""`defenders letter REFERENCE_OR_SLUG --out FILE.pdf`."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from defenders.communications import actions


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_command_writes_the_latest_frozen_version(make_communication, tmp_path):
    sent = actions.send_communication(
        make_communication(sent_on=None, full_text="As sent."), by=None, on=date(2023, 10, 25)
    )
    actions.edit_communication(sent, by=None, full_text="As corrected.")
    actions.correct_letter(sent, by=None, note="Corrected the facts.")
    actions.edit_communication(sent, by=None, full_text="Edited since, never frozen.")
    out = tmp_path / "letter.pdf"
    stderr = io.StringIO()
    call_command("letter", "AL RUS 1/2023", out=out, stderr=stderr)
    assert out.read_bytes() == bytes(sent.sent_letters.get(version=2).pdf)
    assert "As corrected." in pdf_text(out)
    assert "version 2 as frozen" in stderr.getvalue()


def test_the_command_renders_an_imported_letter_or_a_draft_afresh_by_slug_or_legacy_reference(
    make_communication, tmp_path
):
    imported = make_communication(reference="AL RUS 15/2023", full_text="Imported text.")
    call_command("letter", "al-rus-15-2023", out=tmp_path / "a.pdf", stderr=io.StringIO())
    assert "REFERENCE: AL RUS 15/2023" in pdf_text(tmp_path / "a.pdf")
    assert imported.slug == "al-rus-15-2023"
    make_communication(sent_on=date(2011, 3, 1), legacy_reference="UA G/SO 214 (67-17) THA 5/2011")
    call_command("letter", "UA G/SO 214 (67-17) THA 5/2011", out=tmp_path / "b.pdf", stderr=io.StringIO())
    assert "REFERENCE: UA G/SO 214 (67-17) THA 5/2011" in pdf_text(tmp_path / "b.pdf")
    draft = make_communication(sent_on=None, full_text="Draft text.")
    call_command("letter", draft.slug, out=tmp_path / "c.pdf", stderr=io.StringIO())
    assert "Draft text." in pdf_text(tmp_path / "c.pdf")


def test_an_unknown_reference_is_refused_and_nothing_is_written(make_communication, tmp_path):
    make_communication(reference="AL RUS 15/2023")
    out = tmp_path / "letter.pdf"
    with pytest.raises(CommandError, match="AL RUS 99/2023") as refused:
        call_command("letter", "AL RUS 99/2023", out=out)
    assert refused.value.returncode == 1
    assert not out.exists()
