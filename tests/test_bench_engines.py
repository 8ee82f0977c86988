"""The benchmarks' filled databases kept on PostgreSQL as templates: built once, copied for each process that asks,
built anew for other code; against the server of DATABASE_URL (skipped without one), and their names."""

import os
from pathlib import Path

import pytest

SERVER = os.environ.get("DATABASE_URL", "")


def _rows(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as connection:
        return [row[0] for row in connection.execute("SELECT word FROM filled ORDER BY word")]


@pytest.fixture
def on_postgresql(tmp_path, monkeypatch):
    from benchmarks import _engines, _site

    if not SERVER.startswith("postgres"):
        pytest.skip("needs a PostgreSQL DATABASE_URL")
    monkeypatch.setattr(_site, "PREPARED", tmp_path / "prepared")
    monkeypatch.setenv("DEFENDERS_BENCH_ENGINE", "postgresql")
    monkeypatch.setenv("DEFENDERS_BENCH_POSTGRES_URL", SERVER)
    monkeypatch.delenv("DEFENDERS_BENCH_FRESH", raising=False)
    made: list[str] = []
    yield made
    for name in made:
        _engines.drop(name)


def _build(words: list[str], built: list[Path]):
    def build(folder: Path) -> None:
        import psycopg

        built.append(folder)
        folder.mkdir(exist_ok=True)
        (folder / "pages.json").write_text("[]", encoding="utf-8")
        with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
            connection.execute("CREATE TABLE filled (word text)")
            connection.cursor().executemany("INSERT INTO filled VALUES (%s)", [(word,) for word in words])

    return build


def test_a_filled_database_is_built_once_and_each_process_gets_its_own_copy(tmp_path, on_postgresql):
    from benchmarks import _engines, _site

    built: list[Path] = []
    build = _build(["alpha", "beta"], built)
    label = f"test-{os.getpid()}"
    first = _site.kept_copy(label, tmp_path / "one", build, _build)
    second = _site.kept_copy(label, tmp_path / "two", build, _build)
    kept = next((tmp_path / "prepared").iterdir())
    template = _engines.template_name(kept.name)
    on_postgresql.append(template)
    assert built == [tmp_path / "one"]
    assert (tmp_path / "two" / "pages.json").exists()
    assert first and second and first != second and template not in (first, second)
    assert _engines.exists(template)
    assert _rows(first) == _rows(second) == ["alpha", "beta"]

    import psycopg

    with psycopg.connect(first, autocommit=True) as connection:  # one copy written does not touch the other
        connection.execute("INSERT INTO filled VALUES ('gamma')")
    assert _rows(second) == ["alpha", "beta"]
    _engines.drop(first.rsplit("/", 1)[1])
    _engines.drop(second.rsplit("/", 1)[1])


def test_other_code_builds_anew_and_its_older_template_goes_with_its_folder(
    tmp_path, on_postgresql, monkeypatch
):
    from benchmarks import _engines, _site

    monkeypatch.setattr(_site, "KEEP_PREPARED", 1)
    built: list[Path] = []
    label = f"test-{os.getpid()}"
    _site.kept_copy(label, tmp_path / "one", _build(["old"], built), _build)
    (older,) = (tmp_path / "prepared").iterdir()
    on_postgresql.append(_engines.template_name(older.name))
    state = tmp_path / "state.py"
    state.write_text("# other code\n", encoding="utf-8")
    url = _site.kept_copy(label, tmp_path / "two", _build(["new"], built), _build, state)
    (newer,) = (tmp_path / "prepared").iterdir()
    on_postgresql.append(_engines.template_name(newer.name))
    assert len(built) == 2 and newer != older
    assert url and _rows(url) == ["new"]
    assert not _engines.exists(_engines.template_name(older.name))


def test_a_fresh_fill_is_not_kept(tmp_path, on_postgresql, monkeypatch):
    from benchmarks import _engines, _site

    monkeypatch.setenv("DEFENDERS_BENCH_FRESH", "1")
    built: list[Path] = []
    url = _site.kept_copy(f"test-{os.getpid()}", tmp_path / "one", _build(["fresh"], built), _build)
    assert url and _rows(url) == ["fresh"]
    assert not (tmp_path / "prepared").exists()
    name = url.rsplit("/", 1)[1]
    on_postgresql.append(name)
    assert name.startswith(_engines.COPY_PREFIX)


def test_the_copies_of_ended_processes_are_dropped_and_the_living_ones_kept(on_postgresql):
    from benchmarks import _engines

    mine, _ = _engines.scratch()
    on_postgresql.append(mine)
    ended = f"{_engines.COPY_PREFIX}999999999_0"  # no such process
    on_postgresql.append(ended)
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {ended}")
    dropped = _engines.drop_orphans()
    assert ended in dropped and mine not in dropped
    assert _engines.exists(mine) and not _engines.exists(ended)


def test_a_template_name_fits_postgresql_and_names_one_key():
    from benchmarks import _engines

    long_key = "site-200000-seed13-postgresql-" + "f" * 60
    name = _engines.template_name(long_key)
    assert len(name) <= 63 and name.startswith(_engines.TEMPLATE_PREFIX)
    assert name != _engines.template_name(long_key[:-1] + "e")
    assert (
        _engines.template_name("site-500-seed13-postgresql-ab12")
        == "bench_tpl_site_500_seed13_postgresql_ab12"
    )
