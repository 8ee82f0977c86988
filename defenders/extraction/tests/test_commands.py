"""`defenders extract`, `extract-eval` and `import-text`, called as an operator calls them."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from defenders.communications.actions import release_communication
from defenders.communications.models import Communication
from defenders.extraction.importing import text_uid

HERE = Path(__file__).resolve().parent.parent
SEED = HERE / "gold" / "russia-khamroev-2023.txt"
EGYPT = HERE / "gold" / "fictional-letter-egypt-2023.txt"
ACCOUNT = HERE / "gold" / "fictional-account-philippines-2023.txt"


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_extract_json_prints_one_object_whose_evidence_is_the_text():
    reading = json.loads(run("extract", str(SEED), "--json"))
    text = SEED.read_text(encoding="utf-8")
    assert set(reading) >= {"communication", "persons", "organisations", "legal_provisions", "events"}
    assert reading["communication"]["sent_on"] == "2023-10-25"
    for event in reading["events"]:
        assert text[event["evidence"]["start"] : event["evidence"]["end"]] == event["evidence"]["text"]


def test_extract_prints_the_timeline_for_a_person():
    printed = run("extract", str(SEED))
    assert "2023-10-10 appeal_decision" in printed
    assert "check: sentence arithmetic: holds" in printed


def test_extract_refuses_a_file_that_is_not_utf8(tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Arrêté le 3 mars 2021".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run("extract", str(latin))
    with pytest.raises(CommandError, match="cannot read"):
        run("extract", str(tmp_path / "missing.txt"))


def test_extract_eval_prints_the_three_kinds_of_figures():
    printed = run("extract_eval", str(HERE / "gold_heldout"))
    assert "4 documents" in printed
    assert "events" in printed and "legal_provisions" in printed and "reply.status" in printed
    figures = json.loads(run("extract_eval", str(HERE / "gold"), "--json"))
    assert figures["events"]["f1"] >= 0.9


def test_extract_eval_refuses_a_folder_without_gold(tmp_path):
    with pytest.raises(CommandError, match=r"no NAME\.txt"):
        run("extract_eval", str(tmp_path))


def test_import_text_creates_withheld_communications_that_are_not_public(mandates):
    printed = run("import_text", str(SEED), str(EGYPT))
    assert printed.count("created") == 2
    egypt = Communication.objects.get(uid=text_uid(EGYPT.read_text(encoding="utf-8")))
    assert (egypt.type, egypt.addressee.code, egypt.reference, str(egypt.sent_on)) == (
        "UA",
        "EGY",
        "UA EGY 12/2023",
        "2023-07-05",
    )
    assert egypt.withheld and "import-text" in egypt.withheld_reason
    assert list(egypt.mandates.values_list("short_name", flat=True)) != []
    khamroev = Communication.objects.get(uid=text_uid(SEED.read_text(encoding="utf-8")))
    assert "AL assumed" in khamroev.withheld_reason
    assert khamroev.title.startswith("recent sentencing")
    assert not Communication.objects.public().filter(pk__in=[egypt.pk, khamroev.pk]).exists()


def test_import_text_twice_leaves_the_reviewed_record_alone(mandates):
    run("import_text", str(EGYPT))
    communication = Communication.objects.get()
    # The review: staff check the record against its text, then release it through the communications action.
    release_communication(communication, by=None, reason="Checked against the published text")
    assert "already imported" in run("import_text", str(EGYPT))
    communication.refresh_from_db()
    assert communication.withheld is False


def test_import_text_refuses_a_text_without_addressee_and_writes_nothing(mandates):
    with pytest.raises(CommandError, match="names no addressee"):
        run("import_text", str(EGYPT), str(ACCOUNT))
    assert not Communication.objects.exists()


def test_the_operator_verbs_are_spelled_as_the_issue_says(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "defenders.cli", "extract-eval", str(HERE / "gold"), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"DEFENDERS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"] >= 13
