"""The sending date, the reference and withholding are written by communications/actions.py and nowhere else."""

import ast
from pathlib import Path

import defenders

GUARDED = {"sent_on", "reference", "withheld", "withheld_reason"}
WRITING_CALLS = {"create", "update", "update_or_create", "get_or_create", "Communication"}
PACKAGE = Path(defenders.__file__).parent
ALLOWED = {PACKAGE / "communications" / "actions.py"}


def _called_name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def guarded_writes(source: str) -> list[tuple[int, str]]:
    """(line, field) for each place the source assigns a guarded field, directly or through the ORM."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for part in ast.walk(target):
                    if isinstance(part, ast.Attribute) and part.attr in GUARDED:
                        found.append((node.lineno, part.attr))
        elif isinstance(node, ast.Call):
            name = _called_name(node)
            if name == "setattr" and len(node.args) > 1:
                field = node.args[1]
                if isinstance(field, ast.Constant) and field.value in GUARDED:
                    found.append((node.lineno, str(field.value)))
            # Other models have fields of these names (Message.sent_on): ORM writes count on communications.
            if name in WRITING_CALLS and "ommunication" in ast.unparse(node.func):
                for keyword in node.keywords:
                    if keyword.arg in GUARDED:
                        found.append((node.lineno, keyword.arg))
                    if keyword.arg == "defaults" and isinstance(keyword.value, ast.Dict):
                        for key in keyword.value.keys:
                            if isinstance(key, ast.Constant) and key.value in GUARDED:
                                found.append((node.lineno, str(key.value)))
    return found


def application_modules() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and path not in ALLOWED
    ]


def test_no_module_outside_the_actions_writes_the_sending_date_reference_or_withholding():
    offences = [
        f"{path.relative_to(PACKAGE.parent)}:{line} writes {field}"
        for path in application_modules()
        for line, field in guarded_writes(path.read_text(encoding="utf-8"))
    ]
    assert offences == [], "Call an action in defenders/communications/actions.py instead:\n" + "\n".join(
        offences
    )


def test_the_scan_sees_every_way_of_writing_a_guarded_field():
    source = """
communication.sent_on = day
draft.reference, draft.sent_on = "", None
setattr(communication, "withheld", True)
Communication.objects.filter(pk=1).update(withheld=True)
Communication.objects.create(title="t", sent_on=day)
Communication(reference="AL RUS 1/2023")
Communication.objects.update_or_create(uid=uid, defaults={"withheld_reason": "x"})
"""
    assert [field for _, field in guarded_writes(source)] == [
        "sent_on",
        "reference",
        "sent_on",
        "withheld",
        "withheld",
        "sent_on",
        "reference",
        "withheld_reason",
    ]


def test_the_scan_lets_reads_and_action_calls_through():
    source = """
if communication.sent_on is None: pass
Communication.objects.filter(withheld=False, sent_on__isnull=False)
actions.record_sent(communication, sent_on=day, reference=text, by=None)
Message.objects.create(submission=submission, sent_on=day)
"""
    assert guarded_writes(source) == []
