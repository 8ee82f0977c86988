"""Run benchmark modules: `python -m benchmarks [--quick] [--engine E ...] [NAME ...]` (every module when no name is
given, on SQLite unless told), which `defenders bench` runs too; `python -m benchmarks growth SMALL.json LARGE.json`
prints how the figures grow between two runs' corpus sizes, as Markdown.

Each module runs in its own process (a fresh Django, its own database), one after the other under a progress
bar, for each engine asked (a module that uses no database once); its output goes to a log beside the results.
The figures are printed as one table of values, baselines and ratios, and written as JSON under
benchmarks/results/. PostgreSQL is the server of DEFENDERS_BENCH_POSTGRES_URL (or a PostgreSQL DATABASE_URL), or
else a cluster of Debian's binaries kept under benchmarks/results/postgresql/, started for the run.
"""

import argparse
import contextlib
import importlib
import json
import os
import pkgutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from . import _engines
from ._growth import growth_main
from ._site import corpus_size, free_port
from .harness import RESULTS, Figure, figure_from_json, stamped, write_results

SKIP = {"harness", "__main__"}
ROOT = Path(__file__).resolve().parents[1]


def available() -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if module.name not in SKIP and not module.name.startswith("_")
    )


def uses_database(name: str) -> bool:
    """Whether a module's figures depend on the engine and the corpus (`USES_DATABASE = False` says they do not)."""
    return bool(getattr(importlib.import_module(f"benchmarks.{name}"), "USES_DATABASE", True))


def plan(names: list[str], engines: list[str]) -> list[tuple[str, str]]:
    """The (module, engine) runs: every module on each engine, except those without a database, once."""
    return [
        (name, engine) for engine in engines for name in names if engine == engines[0] or uses_database(name)
    ]


def chosen_engines(asked: list[str] | None) -> list[str]:
    """The engines of `--engine` in the order given, each once; without it, the environment's (SQLite unless
    DATABASE_URL names PostgreSQL)."""
    return list(dict.fromkeys(asked)) if asked else [_engines.current()]


def engine_environment(engine: str, server: str | None) -> dict[str, str]:
    """A module process's environment for the engine: the engine named, the PostgreSQL server given, and no
    DATABASE_URL (each module points Django at its own database)."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env[_engines.ENGINE_VARIABLE] = engine
    if server:
        env[_engines.SERVER_VARIABLE] = server
    return env


def run_one(name: str, quick: bool, out: Path) -> None:
    """In the module's own process: run it and write its figures, with their engine and size, as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defenders.settings")
    module = importlib.import_module(f"benchmarks.{name}")
    figures = module.run(quick=quick)
    if getattr(module, "USES_DATABASE", True):
        figures = stamped(figures, _engines.current(), corpus_size(quick))
    out.write_text(json.dumps([figure.as_json() for figure in figures]), encoding="utf-8")


@contextlib.contextmanager
def postgres_server(engines: list[str]) -> Iterator[str | None]:
    """The PostgreSQL server's URL when PostgreSQL is asked: the one named, or the kept cluster started for the run."""
    if "postgresql" not in engines:
        yield None
        return
    named = os.environ.get(_engines.SERVER_VARIABLE) or os.environ.get("DATABASE_URL", "")
    with contextlib.ExitStack() as stack:
        url = (
            named
            if named.startswith("postgres")
            else stack.enter_context(_engines.cluster(RESULTS / "postgresql", free_port()))
        )
        os.environ[_engines.SERVER_VARIABLE] = url
        _engines.drop_orphans()  # the copies of runs that were killed
        try:
            yield url
        finally:
            _engines.drop_orphans()


def run_all(names: list[str], quick: bool, engines: list[str]) -> tuple[list[Figure], list[str], Path]:
    """Every named module on each engine in turn, under a progress bar; the figures, the runs that failed, and
    the log."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    RESULTS.mkdir(exist_ok=True)
    log = RESULTS / f"{time.strftime('%Y-%m-%dT%H%M%S')}-{'quick' if quick else 'full'}.log"
    figures: list[Figure] = []
    failed: list[str] = []
    runs = plan(names, engines)
    columns = (TextColumn("{task.description:28}"), BarColumn(), TextColumn("{task.completed}/{task.total}"))
    with (
        postgres_server(engines) as server,
        Progress(*columns, TimeElapsedColumn()) as progress,
        log.open("ab") as output,
    ):
        overall = progress.add_task("benchmarks", total=len(runs))
        for name, engine in runs:
            label = f"{name} ({engine})" if len(engines) > 1 and uses_database(name) else name
            progress.update(overall, description=label)
            output.write(f"== {label}\n".encode())
            output.flush()
            with tempfile.TemporaryDirectory(prefix="defenders-bench-") as folder:
                out = Path(folder) / "figures.json"
                command = [sys.executable, "-m", "benchmarks", "--one", name, "--out", str(out)]
                started = time.monotonic()
                done = subprocess.run(
                    [*command, *(["--quick"] if quick else [])],
                    cwd=ROOT,
                    env=engine_environment(engine, server),
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    check=False,
                )
                if done.returncode == 0 and out.exists():
                    figures += [figure_from_json(record) for record in json.loads(out.read_text())]
                else:
                    failed.append(label)
                report = (
                    f"{label}: {'done' if label not in failed else 'FAILED (see the log)'} "
                    f"in {time.monotonic() - started:.0f} s"
                )
                progress.console.print(report)
                output.write(f"== {report}\n".encode())
            progress.advance(overall)
    return figures, failed, log


def print_figures(figures: list[Figure]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("figure", "value", "unit", "baseline", "base value", "ratio", "goal")
    for figure in figures:
        status = "" if figure.met is None else (" met" if figure.met else " MISSED")
        table.add_row(
            figure.name,
            f"{figure.value:.2f}",
            figure.unit,
            figure.baseline_name,
            f"{figure.baseline_value:.2f}",
            f"{figure.ratio:.2f}",
            f"{figure.goal}{status}".strip(),
        )
    Console(width=200).print(table)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="20,000 communications and fewer rounds")
    parser.add_argument(
        "--engine",
        action="append",
        choices=_engines.ENGINES,
        help="run on this engine (repeat it for both, one after the other); default: sqlite, or postgresql when "
        "DATABASE_URL names it",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="fill the served site anew instead of copying the one kept under benchmarks/results/prepared/",
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a module, in its own process (run_all)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("names", nargs="*", help=f"modules to run (default: all of {', '.join(available())})")
    return parser


def main() -> None:
    if sys.argv[1:2] == ["growth"]:
        growth_main(sys.argv[2:])
        return
    parser = build_parser()
    options = parser.parse_args()
    if options.fresh:
        os.environ["DEFENDERS_BENCH_FRESH"] = "1"  # read by benchmarks/_site.py in each module's process
    if options.one:
        run_one(options.one, options.quick, options.out)
        return
    unknown = set(options.names) - set(available())
    if unknown:
        parser.error(f"no benchmark named {', '.join(sorted(unknown))} (there are: {', '.join(available())})")
    engines = chosen_engines(options.engine)
    started = time.monotonic()
    figures, failed, log = run_all(options.names or available(), options.quick, engines)
    print_figures(figures)
    label = "quick" if options.quick else "full"
    path = write_results(figures, label if engines == ["sqlite"] else f"{label}-{'-'.join(engines)}")
    print(f"{len(figures)} figures in {time.monotonic() - started:.0f} s, written to {path}; output in {log}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
