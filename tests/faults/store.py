"""Run in the server's own environment (`python -m tests.faults.store`), as an operator would: read what is
stored with the office recovery key, or put submissions there. Reads a JSON request on standard input and
prints a JSON answer, so that a test can check a store it does not share a database connection with.

  {"do": "inspect", "recovery_key": "...", "codenames": [...]}   what is stored, and what each codename finds
  {"do": "seed", "count": N}                                     N confidential submissions with one file each
  {"do": "reconcile", "after_seconds": S}                        the start-up tidying as if S seconds had passed,
                                                                 then the stored files no row refers to
"""

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path


def inspect(recovery_key: str, codenames: list[str]) -> dict:
    from defenders.intake import files, keyring
    from defenders.intake.models import Submission, SubmissionFile
    from defenders.vault import boxes, recovery, submissions
    from defenders.vault import codenames as codename_rules

    private_key = recovery.private_key_from_b64(recovery_key)

    def opened(submission: Submission) -> dict:
        wrapped = submission.wrapped_keys.get(office_key__isnull=False)
        key = submissions.open_submission_key(private_key, bytes(wrapped.wrapped_key))
        content = json.loads(boxes.open_sealed(key, bytes(submission.sealed_payload)))
        return {
            "marker": content["persons"][0]["name"] if content.get("persons") else content.get("message", ""),
            "files": [
                hashlib.sha256(files.open_decrypted(row.stored_name, key)).hexdigest()
                for row in submission.files.order_by("pk")
            ],
        }

    pepper = keyring.pepper()
    found: dict[str, list[dict]] = {}
    for codename in codenames:
        lookup = codename_rules.codename_lookup_key(codename, pepper)
        found[codename] = [opened(s) for s in Submission.objects.filter(codename_lookup=lookup)]
    every = [opened(s) for s in Submission.objects.all()]
    return {
        "submissions": len(every),
        "file_rows": SubmissionFile.objects.count(),
        "markers": [item["marker"] for item in every],
        "found": found,
    }


def seed(count: int) -> dict:
    from defenders.intake.actions import sources
    from defenders.intake.files import prepare
    from defenders.intake.models import Submission

    receipts = []
    with tempfile.TemporaryDirectory() as directory:
        for n in range(count):
            upload = Path(directory) / f"note-{n}.txt"
            upload.write_text(f"Seeded note {n}\n" * 50)
            prepared = prepare(upload, upload.name, strip_metadata=True)
            receipt = sources.receive_submission(
                kind=Submission.Kind.CONFIDENTIAL,
                content={"persons": [{"name": f"Seeded person {n}"}]},
                prepared_files=[prepared],
                language="en",
                with_codename=True,
            )
            receipts.append(
                {
                    "codename": receipt.codename,
                    "marker": f"Seeded person {n}",
                    "file": upload.read_bytes().hex(),
                }
            )
    return {"receipts": receipts}


def reconcile(after_seconds: float) -> dict:
    import time

    from defenders.intake import files
    from defenders.intake.actions.retention import remove_orphan_files
    from defenders.intake.models import SubmissionFile

    removed = remove_orphan_files(now=time.time() + after_seconds)
    referred = set(SubmissionFile.objects.values_list("stored_name", flat=True))
    left = sorted(path.name for path in files.storage_dir().iterdir() if path.name not in referred)
    return {
        "removed": removed,
        "orphans": left,
        "rows_without_file": sorted(referred - {p.name for p in files.storage_dir().iterdir()}),
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defenders.settings")
    import django

    django.setup()
    request = json.loads(sys.stdin.read())
    if request["do"] == "inspect":
        answer = inspect(request["recovery_key"], request["codenames"])
    elif request["do"] == "reconcile":
        answer = reconcile(float(request["after_seconds"]))
    else:
        answer = seed(int(request["count"]))
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
