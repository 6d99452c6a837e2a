"""Benchmark: `nngraph site` against `nngraph gaps` in the same run, and at 5,000 works.

Not a test (no timed assertions anywhere): run it by hand and read the table.

    .venv/bin/python bench/bench_site.py              # prints the table and rewrites the
                                                      # "Reading guide" section of RESULTS.md

Both commands run as whole processes with a warm cache (one untimed run first), each
timed as the median of --repeat interleaved rounds. Targets (issue 17): the bundled site
in at most 5x `nngraph gaps`; a 5,000-work synthetic graph (`nngraph synth --seed 1`) in
at most 60 s.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
NNGRAPH = str(Path(sys.executable).parent / "nngraph")
BEGIN, END = "<!-- site-bench:begin -->", "<!-- site-bench:end -->"


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([NNGRAPH, *args], check=True, capture_output=True)
    return time.perf_counter() - start


def median_of(rounds: int, *commands: list[str]) -> list[float]:
    times: list[list[float]] = [[] for _ in commands]
    for command in commands:
        timed(command)  # warm the cache and the memo
    for _ in range(rounds):
        for i, command in enumerate(commands):
            times[i].append(timed(command))
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--works", type=int, default=5000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        gaps, site = median_of(
            options.repeat, ["gaps"], ["site", "-o", str(out / "bundled"), "--force"]
        )
        synth = out / "synth.nt"
        timed(["synth", "--works", str(options.works), "--seed", "1", "-o", str(synth)])
        synth_gaps, synth_site = median_of(
            1,
            ["--no-bundled", "--data", str(synth), "gaps"],
            ["--no-bundled", "--data", str(synth), "site", "-o", str(out / "synth"), "--force"],
        )
        pages = sum(1 for _ in (out / "synth").rglob("*.html"))
        size = sum(p.stat().st_size for p in (out / "synth").rglob("*")) / 1e6
    rows = [
        "| graph | `nngraph gaps` | `nngraph site` | site / gaps | target |",
        "|---|---:|---:|---:|---|",
        f"| bundled | {gaps:.2f} s | {site:.2f} s | {site / gaps:.1f}× | ≤ 5× |",
        f"| synth, {options.works:,} works ({pages:,} pages, {size:.0f} MB) | {synth_gaps:.2f} s"
        f" | {synth_site:.2f} s | {synth_site / synth_gaps:.1f}× | site ≤ 60 s |",
    ]
    table = "\n".join(rows)
    print(table)
    section = (
        f"{BEGIN}\n`python bench/bench_site.py` on {platform.machine()}, Python "
        f"{platform.python_version()}, {date.today()}: whole processes, warm cache, medians of "
        f"{options.repeat} interleaved rounds (synth: one round).\n\n{table}\n{END}"
    )
    results = HERE / "RESULTS.md"
    text = results.read_text(encoding="utf-8")
    if BEGIN in text:
        head, _, rest = text.partition(BEGIN)
        text = head + section + rest.partition(END)[2]
    else:
        text = (
            text.rstrip("\n")
            + "\n\n## Reading guide (`nngraph site`, issue 17)\n\n"
            + section
            + "\n"
        )
    results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
