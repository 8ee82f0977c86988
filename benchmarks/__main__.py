"""Run benchmark modules: `python -m benchmarks [--quick] [NAME ...]` (every module when no name is given), which
`defenders bench [--quick]` runs too.

Each module runs in its own process (a fresh Django, its own database), one after the other under a progress
bar; its output goes to a log beside the results. The figures are printed as one table of values, baselines
and ratios, and written as JSON under benchmarks/results/.
"""

import argparse
import importlib
import json
import os
import pkgutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .harness import RESULTS, Figure, figure_from_json, write_results

SKIP = {"harness", "__main__"}
ROOT = Path(__file__).resolve().parents[1]


def available() -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if module.name not in SKIP and not module.name.startswith("_")
    )


def run_one(name: str, quick: bool, out: Path) -> None:
    """In the module's own process: run it and write its figures as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defenders.settings")
    module = importlib.import_module(f"benchmarks.{name}")
    figures = module.run(quick=quick)
    out.write_text(json.dumps([figure.as_json() for figure in figures]), encoding="utf-8")


def run_all(names: list[str], quick: bool) -> tuple[list[Figure], list[str], Path]:
    """Every named module in turn, under a progress bar; the figures, the modules that failed, and the log."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    RESULTS.mkdir(exist_ok=True)
    log = RESULTS / f"{time.strftime('%Y-%m-%dT%H%M%S')}-{'quick' if quick else 'full'}.log"
    figures: list[Figure] = []
    failed: list[str] = []
    columns = (TextColumn("{task.description:24}"), BarColumn(), TextColumn("{task.completed}/{task.total}"))
    with Progress(*columns, TimeElapsedColumn()) as progress, log.open("ab") as output:
        overall = progress.add_task("benchmarks", total=len(names))
        for name in names:
            progress.update(overall, description=name)
            with tempfile.TemporaryDirectory(prefix="defenders-bench-") as folder:
                out = Path(folder) / "figures.json"
                command = [sys.executable, "-m", "benchmarks", "--one", name, "--out", str(out)]
                started = time.monotonic()
                done = subprocess.run(
                    [*command, *(["--quick"] if quick else [])],
                    cwd=ROOT,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    check=False,
                )
                if done.returncode == 0 and out.exists():
                    figures += [figure_from_json(record) for record in json.loads(out.read_text())]
                else:
                    failed.append(name)
                progress.console.print(
                    f"{name}: {'done' if name not in failed else 'FAILED (see the log)'} "
                    f"in {time.monotonic() - started:.0f} s"
                )
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


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller corpus and fewer rounds")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="fill the served site anew instead of copying the one kept under benchmarks/results/prepared/",
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a module, in its own process (run_all)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("names", nargs="*", help=f"modules to run (default: all of {', '.join(available())})")
    options = parser.parse_args()
    if options.fresh:
        os.environ["DEFENDERS_BENCH_FRESH"] = "1"  # read by benchmarks/_site.py in each module's process
    if options.one:
        run_one(options.one, options.quick, options.out)
        return
    unknown = set(options.names) - set(available())
    if unknown:
        parser.error(f"no benchmark named {', '.join(sorted(unknown))} (there are: {', '.join(available())})")
    started = time.monotonic()
    figures, failed, log = run_all(options.names or available(), options.quick)
    print_figures(figures)
    path = write_results(figures, "quick" if options.quick else "full")
    print(f"{len(figures)} figures in {time.monotonic() - started:.0f} s, written to {path}; output in {log}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
