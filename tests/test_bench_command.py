"""`defenders bench`: every benchmark module found, unknown names refused, figures stored with their ratios."""

import json
import subprocess
import sys

from benchmarks.__main__ import available
from benchmarks.harness import Figure, figure_from_json
from tests.serving import ROOT


def test_every_benchmark_module_is_run_and_helpers_are_not():
    names = available()
    for name in ("search", "pages", "figures", "extraction", "import_export", "intake", "mixed_load"):
        assert name in names
    assert not {"harness", "_site", "__main__"} & set(names)


def test_a_figure_is_stored_with_the_contracted_keys_and_read_back_the_same():
    figure = Figure(
        "intake.submission", 900.0, "ms", "intake.argon2_derivations", 600.0, goal="<= 1.5x", met=True
    )
    record = json.loads(json.dumps(figure.as_json()))
    assert {"name", "value", "unit", "baseline_name", "baseline_value", "ratio"} <= set(record)
    assert record["ratio"] == 1.5
    assert figure_from_json(record) == figure


def test_an_unknown_benchmark_is_refused_with_the_names_there_are():
    done = subprocess.run(
        [sys.executable, "-m", "defenders.cli", "bench", "no_such_benchmark"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "no benchmark named no_such_benchmark" in done.stderr
    assert "mixed_load" in done.stderr
