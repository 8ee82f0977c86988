"""Run benchmark modules: `python -m benchmarks [--quick] [NAME ...]` (every module when no name is given)."""

import argparse
import importlib
import os
import pkgutil
from pathlib import Path

from .harness import Figure, print_table, write_results

SKIP = {"harness", "__main__"}


def available() -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if module.name not in SKIP and not module.name.startswith("_")
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller corpus and fewer rounds")
    parser.add_argument("names", nargs="*", help=f"modules to run (default: all of {', '.join(available())})")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defenders.settings")
    figures: list[Figure] = []
    for name in options.names or available():
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"== {name}", flush=True)
        figures.extend(module.run(quick=options.quick))
    print_table(figures)
    print(f"written to {write_results(figures, 'quick' if options.quick else 'full')}")


if __name__ == "__main__":
    main()
