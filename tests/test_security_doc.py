"""docs/security.md names, for each promise, the test that proves it: every test it names must exist."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def named_tests(cell: str) -> list[tuple[Path, str | None]]:
    """(file, test or None) for each `path.py::test` or `path.py` in a table cell; a bare `test_...` after a
    path names another test of that file."""
    found: list[tuple[Path, str | None]] = []
    current: Path | None = None
    for token in re.findall(r"`([^`]+)`", cell):
        path, _, test = token.partition("::")
        if path.endswith(".py"):
            current = ROOT / path
            found.append((current, test or None))
        elif token.startswith("test_") and current is not None:
            found.append((current, token))
    return found


def test_every_test_the_security_document_names_exists():
    rows = [
        line
        for line in (ROOT / "docs/security.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ")
    ]
    named = [item for row in rows for item in named_tests(row.split("|")[2] if row.count("|") > 2 else "")]
    assert len(named) > 20
    missing = []
    for path, test in named:
        if not path.exists():
            missing.append(str(path.relative_to(ROOT)))
        elif test is not None:
            functions = {
                node.name
                for node in ast.walk(ast.parse(path.read_text()))
                if isinstance(node, ast.FunctionDef)
            }
            if test not in functions:
                missing.append(f"{path.relative_to(ROOT)}::{test}")
    assert missing == []
