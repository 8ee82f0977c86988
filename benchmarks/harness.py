"""What every benchmark module returns, and how the runner prints and stores it.

A benchmark module in this package defines `run(quick: bool) -> list[Figure]`; each figure is measured beside
a baseline taken in the same run on the same machine, so that the ratio means something on any machine.
"""

import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

RESULTS = Path(__file__).with_name("results")


@dataclass(frozen=True)
class Figure:
    name: str  # what was measured, dotted: "search.common_word.p95", "import.rate"
    value: float
    unit: str  # "ms", "per_s", "MB", ...
    baseline_name: str
    baseline_value: float
    goal: str = ""  # the goal in words, e.g. "<= 2x baseline and <= 50 ms"
    met: bool | None = None  # whether the goal was met, where there is one
    engine: str | None = None  # the database engine it ran on; None where none was used (set by the runner)
    communications: int | None = None  # the corpus's size; None where there is none (set by the runner)

    @property
    def ratio(self) -> float:
        return round(self.value / self.baseline_value, 3) if self.baseline_value else float("inf")

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "ratio": self.ratio}


def engine_name(name: str, engine: str | None) -> str:
    """The figure's name with its engine after the first part (`import.postgresql.rate.20000`), unless it already
    names it (`search.postgresql....`); SQLite's names stay as they were before there was a choice."""
    parts = name.split(".")
    if engine in (None, "sqlite") or engine in parts:
        return name
    return ".".join([parts[0], engine, *parts[1:]])


def stamped(figures: list[Figure], engine: str | None, communications: int | None) -> list[Figure]:
    """The figures with the engine and corpus size they were measured on (those a module set left alone)."""
    return [
        replace(
            figure,
            name=engine_name(figure.name, engine),
            engine=figure.engine or engine,
            communications=figure.communications or communications,
        )
        for figure in figures
    ]


def timings_ms(action: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    """Wall-clock milliseconds of `repeat` calls of `action`, after `warmup` calls that are not counted."""
    for _ in range(warmup):
        action()
    found = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        found.append((time.perf_counter() - started) * 1000)
    return found


def percentile(values: Iterable[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(share * 100) - 1]


def print_table(figures: list[Figure]) -> None:
    header = f"{'figure':42} {'value':>12} {'unit':6} {'baseline':30} {'base value':>12} {'ratio':>7}  goal"
    print(header)
    print("-" * len(header))
    for figure in figures:
        status = "" if figure.met is None else ("met" if figure.met else "MISSED")
        print(
            f"{figure.name:42} {figure.value:12.2f} {figure.unit:6} {figure.baseline_name:30} "
            f"{figure.baseline_value:12.2f} {figure.ratio:7.2f}  {figure.goal} {status}".rstrip()
        )


def write_results(figures: list[Figure], label: str) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{time.strftime('%Y-%m-%dT%H%M%S')}-{label}.json"
    path.write_text(json.dumps([figure.as_json() for figure in figures], indent=2) + "\n", encoding="utf-8")
    return path


def figure_from_json(record: dict[str, object]) -> Figure:
    """The Figure an `as_json()` record came from (its ratio is computed again)."""
    names = {field for field in Figure.__dataclass_fields__}
    return Figure(**{key: value for key, value in record.items() if key in names})  # type: ignore[arg-type]
