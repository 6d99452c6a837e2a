"""nngraph against SPARQL servers: the embedded store, Oxigraph's server and Virtuoso.

For one synthetic graph: `nngraph load` into each server (time, requests) and
`nngraph gaps` against it, beside `nngraph --no-cache gaps` on the embedded
store, measured in the same run. The three gap reports must be identical.
Run through `bench/run.py --servers TRIPLES`; the table replaces the
"SPARQL servers" section of bench/RESULTS.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests" / "store"))
from sparql_servers import start_oxigraph, start_virtuoso  # noqa: E402

TRIPLES_PER_WORK = 42.5
START, END = "<!-- servers:start -->", "<!-- servers:end -->"


def _timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr}")
    return time.perf_counter() - started, done


def measure(size: int, work: Path) -> dict:
    nngraph = str(Path(sys.executable).parent / "nngraph")
    work.mkdir(parents=True, exist_ok=True)
    data = work / f"synth-{size}.nt"
    if not data.exists():
        works = max(1, round(size / TRIPLES_PER_WORK))
        subprocess.run([nngraph, "synth", "--works", str(works), "--seed", "1", "-o", str(data)])
    triples = sum(1 for line in data.open("rb") if line.strip())
    seconds, embedded = _timed([nngraph, "--no-cache", "--no-bundled", "--data", str(data), "gaps"])
    rows = [{"engine": "embedded (Oxigraph in process)", "load": None, "gaps": seconds}]
    for name, start in (("Oxigraph server", start_oxigraph), ("Virtuoso 7.2", start_virtuoso)):
        server = start(Path(tempfile.mkdtemp(dir=work)))
        try:
            graph = ["--graph", "urn:bench"]
            load_s, loaded = _timed(
                [nngraph, "--no-bundled", "--update-endpoint", server.update, *graph, "load"]
                + [str(data)]
            )
            requests = int(re.search(r"in (\d+) request", loaded.stderr).group(1))
            gaps_s, answer = _timed([nngraph, "--endpoint", server.query, *graph, "gaps"])
            if answer.stdout != embedded.stdout:
                raise SystemExit(f"{name}: gaps differs from the embedded answer")
            rows.append({"engine": name, "load": load_s, "requests": requests, "gaps": gaps_s})
        finally:
            server.stop()
    return {"triples": triples, "rows": rows}


def write(result: dict, output: Path) -> None:
    lines = [
        START,
        "## SPARQL servers",
        "",
        f"`bench/run.py --servers`, one synthetic graph of {result['triples']:,} triples: "
        "`nngraph load` into each server (`--graph urn:bench`, 250-triple INSERT DATA requests) "
        "and `nngraph gaps` against it, beside `nngraph --no-cache gaps` on the embedded store. "
        "The three gap reports are identical (checked). The embedded time includes parsing "
        "the file (`--no-cache`, as on a first run); the servers hold the graph already, so "
        "their `gaps` is the query time plus HTTP.",
        "",
        "| engine | load (s) | requests | triples/s | gaps (s) | gaps vs embedded |",
        "|---|---|---|---|---|---|",
    ]
    base = result["rows"][0]["gaps"]
    for row in result["rows"]:
        load = f"{row['load']:.1f}" if row["load"] is not None else "—"
        rate = f"{result['triples'] / row['load']:,.0f}" if row["load"] else "—"
        lines.append(
            f"| {row['engine']} | {load} | {row.get('requests', '—')} | {rate} | "
            f"{row['gaps']:.2f} | {row['gaps'] / base:.2f}× |"
        )
    lines.append(END)
    text = output.read_text() if output.exists() else ""
    block = "\n".join(lines)
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    output.write_text(text)
