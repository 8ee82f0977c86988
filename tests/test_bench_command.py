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


def test_a_served_site_is_filled_once_and_copied_for_the_next_run_of_the_same_schema(tmp_path, monkeypatch):
    from benchmarks import _site

    filled: list[int] = []

    def fill_site(folder, count):
        filled.append(count)
        (folder / "data").mkdir()
        (folder / "data" / "defenders.sqlite3").write_bytes(b"a filled database")
        (folder / "data-keys").mkdir()
        (folder / "pages.json").write_text('["/communications/benchmark-0/"]', encoding="utf-8")

    monkeypatch.setattr(_site, "PREPARED", tmp_path / "prepared")
    monkeypatch.setattr(_site, "_fill_site", fill_site)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DEFENDERS_BENCH_FRESH", raising=False)
    monkeypatch.setenv("DEFENDERS_BENCH_COMMUNICATIONS", "300")

    first = _site.prepared_site(quick=True)
    _site._prepared.clear()  # as a module in its own process, or the next run
    again = _site.prepared_site(quick=True)
    assert filled == [300]
    assert again.data_dir != first.data_dir
    assert (again.data_dir / "defenders.sqlite3").read_bytes() == b"a filled database"
    assert (again.data_dir.parent / "data-keys").is_dir()
    assert again.pages == first.pages

    _site._prepared.clear()
    monkeypatch.setenv("DEFENDERS_BENCH_FRESH", "1")
    _site.prepared_site(quick=True)
    assert filled == [300, 300]
    _site._prepared.clear()


def test_the_prepared_site_key_follows_the_migrations(tmp_path, monkeypatch):
    from benchmarks import _site

    before = _site.schema_state()
    fake_root = tmp_path / "root"
    migrations = fake_root / "defenders" / "communications" / "migrations"
    migrations.mkdir(parents=True)
    for path in sorted((ROOT / "defenders").glob("*/migrations/*.py")):
        target = fake_root / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    (fake_root / "uv.lock").write_bytes((ROOT / "uv.lock").read_bytes())
    monkeypatch.setattr(_site, "ROOT", fake_root)
    assert _site.schema_state() == before
    (migrations / "9999_a_new_field.py").write_text("# a new migration\n", encoding="utf-8")
    assert _site.schema_state() != before
