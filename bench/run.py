"""Benchmark nngraph against plain rdflib and raw pyoxigraph (not part of the test suite).

One run measures, at about 10k, 100k, 1M and 5M triples of synthetic data
(``nngraph synth``), the whole process of ``nngraph gaps``:

- cold: empty cache; large files are parsed into memory and answered from
  there, and a detached process then builds the on-disk store;
- cache ready: seconds from the cold run's start until that builder is done;
- warm: the cache holds the graph (after the build);
- warm, new filter: ``gaps --min-depth derivation`` on the warm cache, a query
  no earlier run answered (so not a kept answer: the on-disk store's speed);
- no-cache: ``--no-cache``, parsed into memory and not kept;
- rdflib: plain rdflib doing the same work (rdflib's memory store, rdflib's
  parsers, then the same SPARQL and post-processing: ``nngraph.analysis.gaps``),
  up to ``--rdflib-max`` triples;
- floor: raw pyoxigraph loading the same files in memory and running the same
  SPARQL texts that ``gaps`` sends (recorded on the same file), reading every row.

Each is a fresh process; time is wall clock (the median of ``--repeat`` runs, cold,
no-cache and floor interleaved round by round), memory the highest peak resident set.
It writes ``bench/RESULTS.md``.

    .venv/bin/python bench/run.py                 # about 20 minutes on 2 cores
    .venv/bin/python bench/run.py --sizes 10000   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TRIPLES_PER_WORK = 45  # what nngraph synth writes, on average

RDFLIB_BASELINE = """
import sys, rdflib
from nngraph.analysis.coverage import gaps
from nngraph.store.files import ontology_path
graph = rdflib.Graph()
graph.parse(str(ontology_path()), format="turtle")
graph.parse(sys.argv[1], format="nt")
print(len(gaps(graph)))
"""

FLOOR = """
import json, sys, pyoxigraph
queries = json.loads(open(sys.argv[2]).read())
store = pyoxigraph.Store()
for path in (sys.argv[3], sys.argv[1]):
    store.load(path=path)
rows = 0
for text, prefixes in queries:
    for solution in store.query(text, prefixes=prefixes):
        [str(term) for term in solution]
        rows += 1
print(rows)
"""


def measure(command: list[str], env: dict[str, str], timeout: float) -> dict:
    """Run one command as a fresh process; wall seconds and peak RSS (MB), or a timeout."""
    wrapper = [sys.executable, __file__, "--measure", json.dumps(command)]
    start = time.perf_counter()
    try:
        done = subprocess.run(wrapper, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "mb": None, "note": f"> {timeout:g} s budget"}
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report.setdefault("seconds", time.perf_counter() - start)
    return report


def _measure_child(command: list[str]) -> None:
    start = time.perf_counter()
    child = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        sys.stderr.write(child.stderr)
        raise SystemExit(child.returncode)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "mb": peak_kb / 1024}))


def recorded_queries(work: Path, data: Path) -> Path:
    """The SPARQL texts ``gaps`` sends for this data file (the floor replays them).

    Recorded on the same file, because which topics are gaps decides what the
    later queries ask.
    """
    import nngraph.query.run as queries
    from nngraph.analysis.coverage import gaps
    from nngraph.store.loader import load
    from nngraph.vocab import PREFIXES

    seen: list[tuple[str, dict]] = []
    real = queries._evaluate_on_oxigraph

    def record(inner, text, bindings, limit):
        assert not bindings, "the floor replays unbound queries only"
        seen.append((text, dict(PREFIXES)))
        return real(inner, text, bindings, limit)

    queries._evaluate_on_oxigraph = record
    try:
        gaps(load([data], bundled=False))
    finally:
        queries._evaluate_on_oxigraph = real
    path = work / f"gaps-queries-{data.stem}.json"
    path.write_text(json.dumps(seen))
    return path


def wait_for_cache(cache: Path, budget: float) -> float:
    """Wait until the detached cache builder is done; the clock time when it was.

    A large first run answers from memory and leaves the on-disk store to a
    builder that runs after it; warm runs must not overlap it (it uses both
    cores), and its duration is reported as "cache ready".
    """
    deadline = time.perf_counter() + budget
    while time.perf_counter() < deadline:
        stores = cache / "stores"
        if stores.is_dir() and any(stores.iterdir()) and not _builder_running():
            return time.perf_counter()
        time.sleep(0.05)
    raise SystemExit(f"the cache in {cache} was not built within {budget:g} s")


def _builder_running() -> bool:
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"nngraph.store.cache_builder" in status.read_bytes():
                return True
        except OSError:
            continue
    return False


def run(sizes: list[int], repeat: int, budget: float, work: Path, rdflib_max: int) -> list[dict]:
    from nngraph.store.files import ontology_path

    work.mkdir(parents=True, exist_ok=True)
    nngraph = str(Path(sys.executable).parent / "nngraph")
    cache = work / "cache"
    env = {**os.environ, "NNGRAPH_CACHE_DIR": str(cache)}
    rows = []
    for size in sizes:
        data = work / f"synth-{size}.nt"
        works = max(1, round(size / TRIPLES_PER_WORK))
        if not data.exists():
            subprocess.run(
                [nngraph, "synth", "--works", str(works), "--seed", "1", "-o", str(data)],
                check=True,
                env=env,
                capture_output=True,
            )
        triples = sum(1 for line in data.open("rb") if line.strip())
        queries = recorded_queries(work, data)
        gaps = [nngraph, "--no-bundled", "--data", str(data), "gaps"]
        floor_command = [sys.executable, "-c", FLOOR, str(data), str(queries)]
        floor_command.append(str(ontology_path()))
        colds, readies, no_caches, floors = [], [], [], []
        for round_ in range(repeat):  # interleaved, so drift in the machine hits all alike
            print(f"{triples} triples: round {round_ + 1} of {repeat}", file=sys.stderr)
            shutil.rmtree(cache, ignore_errors=True)
            os.sync()  # the last round's writes must not be flushed during this one
            started = time.perf_counter()
            colds.append(measure(gaps, env, budget))
            readies.append(wait_for_cache(cache, budget) - started)
            os.sync()  # the builder's writes, flushed before the next measurement
            if round_ == 0:
                warm = _median([measure(gaps, env, budget) for _ in range(repeat)])
                new_query = measure([*gaps, "--min-depth", "derivation"], env, budget)
            no_caches.append(measure([nngraph, "--no-cache", *gaps[1:]], env, budget))
            floors.append(measure(floor_command, env, budget))
        cold, no_cache, floor = _median(colds), _median(no_caches), _median(floors)
        ready = statistics.median(readies)
        baseline = {"seconds": None, "mb": None, "note": "not run"}
        if triples <= rdflib_max:
            baseline = measure([sys.executable, "-c", RDFLIB_BASELINE, str(data)], env, budget)
        rows.append(
            {
                "triples": triples,
                "works": works,
                "cold": cold,
                "cache_ready": ready,
                "warm": warm,
                "warm_new_query": new_query,
                "no_cache": no_cache,
                "floor": floor,
                "rdflib": baseline,
            }
        )
        print(json.dumps(rows[-1]), file=sys.stderr)
    return rows


def small_checks(work: Path) -> dict:
    """Bundled graph: warm gaps against `import rdflib`, and what `--help` costs."""
    nngraph = str(Path(sys.executable).parent / "nngraph")
    env = {**os.environ, "NNGRAPH_CACHE_DIR": str(work / "cache")}
    measure([nngraph, "gaps"], env, 600)  # fills the cache
    warm = statistics.median(measure([nngraph, "gaps"], env, 600)["seconds"] for _ in range(5))
    rdflib = statistics.median(
        measure([sys.executable, "-c", "import rdflib"], env, 600)["seconds"] for _ in range(5)
    )
    help_ = statistics.median(measure([nngraph, "--help"], env, 600)["seconds"] for _ in range(5))
    return {"bundled_warm_gaps": warm, "import_rdflib": rdflib, "help": help_}


def _median(runs: list[dict]) -> dict:
    """The median time and the highest peak memory of repeated runs."""
    timed = [r["seconds"] for r in runs if r.get("seconds") is not None]
    if not timed:
        return runs[0]
    return {"seconds": statistics.median(timed), "mb": max(r["mb"] for r in runs if r["mb"])}


def _s(cell: dict) -> str:
    return cell.get("note") or f"{cell['seconds']:.2f} s"


def _mb(cell: dict) -> str:
    return "–" if cell.get("mb") is None else f"{cell['mb']:.0f}"


def _ratio(a: dict, b: dict) -> str:
    if a.get("seconds") is None or b.get("seconds") is None:
        return "–"
    return f"{a['seconds'] / b['seconds']:.2f}×"


def write_results(rows: list[dict], checks: dict, path: Path) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"`python bench/run.py` on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}. Whole processes, "
        "wall clock; memory is peak RSS in MB. Data: `nngraph synth --seed 1`; the command is "
        "`nngraph --no-bundled --data FILE gaps`.",
        "",
        "| triples | cold | cache ready | warm | warm, new filter | no-cache "
        "| floor (pyoxigraph) | rdflib | cold / floor | rdflib / cold |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['triples']:,} | {_s(r['cold'])} | {r['cache_ready']:.1f} s | {_s(r['warm'])} "
            f"| {_s(r['warm_new_query'])} | {_s(r['no_cache'])} | {_s(r['floor'])} "
            f"| {_s(r['rdflib'])} | {_ratio(r['cold'], r['floor'])} "
            f"| {_ratio(r['rdflib'], r['cold'])} |"
        )
    lines += [
        "",
        "Peak memory (MB):",
        "",
        "| triples | cold | warm | warm, new filter | no-cache | floor | rdflib |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['triples']:,} | {_mb(r['cold'])} | {_mb(r['warm'])} "
            f"| {_mb(r['warm_new_query'])} | {_mb(r['no_cache'])} | {_mb(r['floor'])} "
            f"| {_mb(r['rdflib'])} |"
        )
    if checks:
        lines += [
            "",
            f"Bundled graph: warm `nngraph gaps` {checks['bundled_warm_gaps']:.2f} s; "
            f"`python -c 'import rdflib'` {checks['import_rdflib']:.2f} s "
            f"(ratio {checks['bundled_warm_gaps'] / checks['import_rdflib']:.1f}×); "
            f"`nngraph --help` {checks['help']:.2f} s.",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        _measure_child(json.loads(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000, 5_000_000]
    )
    parser.add_argument(
        "--rdflib-max",
        type=int,
        default=1_500_000,
        help="largest size (triples) at which the slow plain-rdflib baseline runs",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each measurement per size (median; cold, no-cache and floor interleaved)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=600,
        help="seconds any one process may take before it is cut (and noted)",
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/nngraph-bench"))
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--servers",
        type=int,
        metavar="TRIPLES",
        help="instead: load and gaps on Oxigraph's server and Virtuoso beside the embedded "
        "store, for one graph of about TRIPLES triples (bench/servers.py)",
    )
    args = parser.parse_args()
    if args.servers:
        from servers import measure, write

        write(measure(args.servers, args.work), args.output)
        print(args.output.read_text())
        return
    rows = run(args.sizes, args.repeat, args.budget, args.work, args.rdflib_max)
    checks = small_checks(args.work)
    write_results(rows, checks, args.output)
    (args.work / "results.json").write_text(json.dumps({"rows": rows, "checks": checks}))
    print(args.output.read_text())


if __name__ == "__main__":
    main()
