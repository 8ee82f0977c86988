"""The vault must run on an offline reading station without Django: importing all of it loads no Django."""

import json
import subprocess
import sys
from pathlib import Path

import defenders

REPOSITORY = Path(defenders.__file__).parent.parent

# Run in a fresh interpreter: this test process has Django loaded already.
IMPORT_THE_VAULT = """
import importlib, json, pkgutil, sys
import defenders.vault
names = [
    info.name
    for info in pkgutil.walk_packages(defenders.vault.__path__, "defenders.vault.")
    if ".tests" not in info.name
]
for name in names:
    importlib.import_module(name)
django = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
print(json.dumps({"imported": names, "django": django}))
"""


def modules_loaded_by(script: str) -> dict:
    finished = subprocess.run(
        [sys.executable, "-c", script], cwd=REPOSITORY, capture_output=True, text=True, check=True
    )
    return json.loads(finished.stdout)


def test_every_vault_module_imports_without_loading_django():
    loaded = modules_loaded_by(IMPORT_THE_VAULT)
    assert {"defenders.vault.boxes", "defenders.vault.kdf", "defenders.vault.recovery"} <= set(
        loaded["imported"]
    )
    assert loaded["django"] == []


def test_the_defenders_package_itself_loads_no_django():
    # The vault is imported through `defenders`, so its __init__ must stay free of Django too.
    loaded = modules_loaded_by(
        "import json, sys\nimport defenders\n"
        "print(json.dumps({'django': [name for name in sys.modules if name.split('.')[0] == 'django']}))"
    )
    assert loaded["django"] == []
