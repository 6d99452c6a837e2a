"""How long `nngraph validate` takes, as ratios to `python -c "import rdflib"` in the same run.

Targets (issue 14): at most 10x for one work file checked in the context of the bundled
graph, at most 15x for the whole bundled graph. Each round runs every command once, in
turn, as a fresh process (interleaved, so machine load hits all alike); the table gives
medians. The pySHACL engine is timed once, for reference, with --pyshacl.

    .venv/bin/python bench/bench_validate.py               # appends to bench/RESULTS.md
    .venv/bin/python bench/bench_validate.py --rounds 3 --no-write
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
NNGRAPH = [PYTHON, "-c", "from nngraph.cli import main; main()"]
COMMANDS = {
    "import rdflib": [PYTHON, "-c", "import rdflib"],
    "validate one work file": [*NNGRAPH, "validate", "data/works/goodfellow2016.ttl"],
    "validate the bundled graph": [*NNGRAPH, "validate"],
}
PYSHACL = [
    PYTHON,
    "-c",
    "from nngraph.analysis.validate import validate; validate(engine='pyshacl')",
]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pyshacl", action="store_true", help="also time the pySHACL engine")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.rounds):
        for name, command in COMMANDS.items():
            times[name].append(timed(command))
    base = statistics.median(times["import rdflib"])
    lines = [
        f"### validate ({date.today()}, {args.rounds} interleaved rounds, medians)",
        "",
        "| command | seconds | ratio to `import rdflib` | target |",
        "|---|---|---|---|",
    ]
    targets = {"validate one work file": "≤ 10×", "validate the bundled graph": "≤ 15×"}
    for name, values in times.items():
        median = statistics.median(values)
        lines.append(f"| {name} | {median:.2f} | {median / base:.1f}× | {targets.get(name, '')} |")
    if args.pyshacl:
        once = timed(PYSHACL)
        lines.append(
            f"| pySHACL engine, bundled graph (once) | {once:.2f} | {once / base:.1f}× | |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as out:
            out.write("\n" + text)


if __name__ == "__main__":
    main()
