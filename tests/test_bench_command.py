"""`defenders bench`: every benchmark module found, unknown names refused, figures stored with their ratios, engines
chosen and named, and the growth table's pairs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_engines_are_asked_one_after_the_other_each_once_and_the_environment_picks_without():
    from benchmarks.__main__ import build_parser, chosen_engines

    parse = build_parser().parse_args
    assert chosen_engines(parse(["--engine", "sqlite", "--engine", "postgresql", "pages"]).engine) == [
        "sqlite",
        "postgresql",
    ]
    assert chosen_engines(parse(["--engine", "postgresql", "--engine", "postgresql"]).engine) == [
        "postgresql"
    ]
    with pytest.raises(SystemExit):
        parse(["--engine", "oracle"])


def test_without_an_engine_asked_database_url_picks_it(monkeypatch):
    from benchmarks.__main__ import chosen_engines

    monkeypatch.delenv("DEFENDERS_BENCH_ENGINE", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert chosen_engines(None) == ["sqlite"]
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:1/postgres")
    assert chosen_engines(None) == ["postgresql"]


def test_a_module_without_a_database_runs_once_and_the_others_on_each_engine():
    from benchmarks.__main__ import plan

    assert plan(["extraction", "pages"], ["sqlite", "postgresql"]) == [
        ("extraction", "sqlite"),
        ("pages", "sqlite"),
        ("pages", "postgresql"),
    ]


def test_a_module_process_is_told_its_engine_and_server_and_not_the_callers_database(monkeypatch):
    from benchmarks.__main__ import engine_environment

    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:1/mine")
    sqlite = engine_environment("sqlite", None)
    assert sqlite["DEFENDERS_BENCH_ENGINE"] == "sqlite" and "DATABASE_URL" not in sqlite
    server = "postgres://postgres@127.0.0.1:2/postgres"
    postgresql = engine_environment("postgresql", server)
    assert postgresql["DEFENDERS_BENCH_POSTGRES_URL"] == server and "DATABASE_URL" not in postgresql


def test_figures_carry_their_engine_in_the_name_but_sqlites_names_stay_as_they_were():
    from benchmarks.harness import stamped

    figures = [
        Figure("import.rate.20000", 1.0, "per_s", "raw", 2.0),
        Figure("search.postgresql.list.http.p95", 1.0, "ms", "bare", 1.0),
    ]
    assert [figure.name for figure in stamped(figures, "sqlite", 20000)] == [
        "import.rate.20000",
        "search.postgresql.list.http.p95",
    ]
    on_postgresql = stamped(figures, "postgresql", 20000)
    assert [figure.name for figure in on_postgresql] == [
        "import.postgresql.rate.20000",
        "search.postgresql.list.http.p95",
    ]
    assert {(figure.engine, figure.communications) for figure in on_postgresql} == {("postgresql", 20000)}
    record = json.loads(json.dumps(on_postgresql[0].as_json()))
    assert record["engine"] == "postgresql" and record["communications"] == 20000
    assert figure_from_json(record) == on_postgresql[0]


def _record(name: str, value: float, size: int | None, unit: str = "ms") -> dict:
    return {"name": name, "value": value, "unit": unit, "communications": size}


def test_the_growth_table_pairs_each_figure_across_sizes_whatever_its_name_ends_with():
    from benchmarks._growth import markdown, pairs

    small = [
        _record("import.rate.20000", 500.0, 20000, "per_s"),
        _record("search.sqlite.list.http.p95", 2.0, 20000),
        _record("memory.web_worker.0.rss.20000", 120.0, 20000, "MB"),
        _record("extraction.documents_per_s", 90.0, None, "per_s"),  # no corpus: it does not grow
        _record("pages.detail.rate.20000", 1000.0, 20000, "per_s"),  # not measured at the larger size
    ]
    large = [
        _record("search.sqlite.list.http.p95", 5.0, 200000),
        _record("import.rate.200000", 250.0, 200000, "per_s"),
        _record("memory.web_worker.0.rss.200000", 144.0, 200000, "MB"),
        _record("extraction.documents_per_s", 91.0, None, "per_s"),
        _record("import.postgresql.rate.200000", 100.0, 200000, "per_s"),  # another engine's
    ]
    assert pairs(small, large) == [
        ("import.rate", "per_s", 500.0, 250.0),
        ("search.sqlite.list.http.p95", "ms", 2.0, 5.0),
        ("memory.web_worker.0.rss", "MB", 120.0, 144.0),
    ]
    table = markdown(small, large).splitlines()
    assert table[0] == "| figure | unit | at 20,000 | at 200,000 | ratio |"
    assert "| `import.rate` | per_s | 500 | 250 | 0.50 |" in table
    assert "| `search.sqlite.list.http.p95` | ms | 2.00 | 5.00 | 2.50 |" in table
    assert len(table) == 5


def test_the_growth_table_reads_results_stored_before_figures_carried_their_size():
    from benchmarks._growth import pairs

    older = [{"name": "import.rate.2000", "value": 700.0, "unit": "per_s"}]
    newer = [{"name": "import.rate.20000", "value": 600.0, "unit": "per_s"}]
    assert pairs(older, newer) == [("import.rate", "per_s", 700.0, 600.0)]


def test_growth_is_a_subcommand_of_bench(tmp_path):
    small, large = tmp_path / "small.json", tmp_path / "large.json"
    small.write_text(json.dumps([_record("figures.map.warm", 10.0, 20000)]), encoding="utf-8")
    large.write_text(json.dumps([_record("figures.map.warm", 12.0, 200000)]), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "defenders.cli", "bench", "growth", str(small), str(large)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "| `figures.map.warm` | ms | 10.00 | 12.00 | 1.20 |" in done.stdout


def test_a_kept_file_is_kept_whatever_the_engine(tmp_path, monkeypatch):
    from benchmarks import _site

    made: list[Path] = []

    def make(folder: Path) -> None:
        made.append(folder)
        folder.mkdir(exist_ok=True)
        (folder / "corpus.jsonl").write_text("{}\n", encoding="utf-8")

    monkeypatch.setattr(_site, "PREPARED", tmp_path / "prepared")
    monkeypatch.setenv("DEFENDERS_BENCH_ENGINE", "postgresql")  # no server named: none is needed
    monkeypatch.delenv("DEFENDERS_BENCH_POSTGRES_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DEFENDERS_BENCH_FRESH", raising=False)
    for name in ("first", "second"):
        assert _site.kept_copy("corpus-5", tmp_path / name, make, make, database=False) is None
        assert (tmp_path / name / "corpus.jsonl").read_text(encoding="utf-8") == "{}\n"
    assert made == [tmp_path / "first"]


def test_bench_hands_the_engines_on_to_the_runner():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "defenders.cli",
            "bench",
            "--engine",
            "sqlite",
            "--engine",
            "postgresql",
            "nothing",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "no benchmark named nothing" in done.stderr  # the engines were understood on the way
