"""How the figures grow from one run's corpus to another's: `python -m benchmarks growth SMALL.json LARGE.json`
prints, for every figure measured in both, its two values and their ratio as a Markdown table."""

import argparse
import json
from collections import Counter
from pathlib import Path


def base_name(record: dict) -> str:
    """The figure's name without its corpus size, which some names end with (`import.rate.20000`): the name that
    the same figure has at another size. Older results carry no size: a last part of digits is taken for it."""
    name = str(record["name"])
    head, _, last = name.rpartition(".")
    size = record.get("communications")
    if head and (last == str(size) or (size is None and last.isdigit() and int(last) >= 1000)):
        return head
    return name


def measured_at_a_size(record: dict) -> bool:
    """Figures that no corpus was used for (the extraction's, stored with `communications: null`) do not grow."""
    return not ("communications" in record and record["communications"] is None)


def corpus_of(records: list[dict]) -> int | None:
    sizes = Counter(record.get("communications") for record in records if record.get("communications"))
    return sizes.most_common(1)[0][0] if sizes else None


def pairs(small: list[dict], large: list[dict]) -> list[tuple[str, str, float, float]]:
    """(figure, unit, value in the small run, value in the large run) for every figure in both, in the small
    run's order."""
    larger = {base_name(record): record for record in large if measured_at_a_size(record)}
    found = []
    for record in small:
        other = larger.get(base_name(record))
        if other is not None and measured_at_a_size(record) and other["unit"] == record["unit"]:
            found.append(
                (base_name(record), str(record["unit"]), float(record["value"]), float(other["value"]))
            )
    return found


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"


def markdown(small: list[dict], large: list[dict]) -> str:
    """The growth table: each figure's value at both sizes and the large over the small."""
    sizes = [corpus_of(records) for records in (small, large)]
    first, second = (
        f"at {size:,}" if size else label
        for size, label in zip(sizes, ("first run", "second run"), strict=True)
    )
    lines = [f"| figure | unit | {first} | {second} | ratio |", "|---|---|---|---|---|"]
    for name, unit, before, after in pairs(small, large):
        ratio = f"{after / before:.2f}" if before else "inf"
        lines.append(f"| `{name}` | {unit} | {_number(before)} | {_number(after)} | {ratio} |")
    return "\n".join(lines)


def growth_main(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks growth", description=__doc__)
    parser.add_argument("small", type=Path, help="results of the smaller corpus (say a --quick run)")
    parser.add_argument("large", type=Path, help="results of the larger corpus (a full run)")
    options = parser.parse_args(arguments)
    small, large = (json.loads(path.read_text(encoding="utf-8")) for path in (options.small, options.large))
    print(markdown(small, large))
