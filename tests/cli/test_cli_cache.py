"""`nngraph cache`, --no-cache, the progress bar, and a --help that imports nothing heavy."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nngraph.cli import cli
from nngraph.cli.progress import progress_bar
from nngraph.store.loader import load

TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"


pytestmark = pytest.mark.usefixtures("cache_dir")  # every test gets its own cache folder


def _stores(folder: Path) -> int:
    stores = folder / "stores"
    return len(list(stores.iterdir())) if stores.is_dir() else 0


def test_cache_path_prints_the_folder(runner, cache_dir):
    result = runner.invoke(cli, ["cache", "path"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(cache_dir)


def test_commands_use_the_cache_and_clear_empties_it(runner, cache_dir):
    args = ["--no-bundled", "--data", str(TINY), "stats", "--format", "json"]
    first = runner.invoke(cli, args)
    second = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    assert json.loads(first.stdout)["works"] == 3
    assert _stores(cache_dir) == 1
    cleared = runner.invoke(cli, ["cache", "clear"])
    assert cleared.exit_code == 0, cleared.output
    assert "removed 1 cached graph(s)" in cleared.stderr
    assert _stores(cache_dir) == 0


def test_no_cache_writes_nothing(runner, cache_dir):
    result = runner.invoke(cli, ["--no-cache", "--no-bundled", "--data", str(TINY), "stats"])
    assert result.exit_code == 0, result.output
    assert not cache_dir.exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_only():
    with progress_bar("loading", stream=io.StringIO()) as progress:
        assert progress is None  # piped: nothing to draw, nothing to count
    screen = _Terminal()
    with progress_bar("loading", stream=screen, delay=0) as progress:
        assert progress is not None
        progress(50, 100)
    assert "loading" in screen.getvalue()
    quiet = _Terminal()
    with progress_bar("loading", stream=quiet, delay=3600) as progress:
        progress(50, 100)  # a fast load never shows a bar
    assert quiet.getvalue() == ""


@pytest.mark.parametrize("cache", [False, True])
def test_load_reports_progress_up_to_the_total(cache):
    seen: list[tuple[int, int]] = []
    load([TINY], bundled=False, cache=cache, progress=lambda d, t: seen.append((d, t)))
    total = sum(p.stat().st_size for p in (TINY, *_ontology()))
    assert seen[-1] == (total, total)
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:], strict=False))


def _ontology() -> list[Path]:
    from nngraph.store.files import bundled_files

    return bundled_files(data=False)


_PROBE = """
import sys
from nngraph.cli import cli
try:
    cli(["--help"])
except SystemExit:
    pass
heavy = sorted(m for m in ("rdflib", "pyvis", "networkx", "pyshacl", "pyoxigraph", "rich")
               if m in sys.modules)
print("HEAVY", ",".join(heavy))
"""


def test_help_imports_no_heavy_module():
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[-1] == "HEAVY "


_GAPS_PROBE = """
import sys
from nngraph.cli import cli
try:
    cli.main(["gaps", "--format", "json"], prog_name="nngraph")
except SystemExit:
    pass
loaded = sorted(m for m in ("oxrdflib", "rdflib.plugins.sparql", "networkx", "pyvis", "pyshacl")
                if m in sys.modules)
print("LOADED", ",".join(loaded), file=sys.stderr)
"""


def test_gaps_loads_neither_rdflibs_sparql_engine_nor_networkx(cache_dir):
    """A warm `gaps` costs about what importing rdflib does; these imports would double it."""
    env = {**__import__("os").environ, "NNGRAPH_CACHE_DIR": str(cache_dir)}
    for _ in range(2):  # cold (builds the cache), then warm
        done = subprocess.run(
            [sys.executable, "-c", _GAPS_PROBE], capture_output=True, text=True, env=env
        )
        assert json.loads(done.stdout)[0]["label"]
        assert done.stderr.splitlines()[-1] == "LOADED "


def test_console_script_fast_exit_keeps_output_and_exit_codes(cache_dir):
    env = {**__import__("os").environ, "NNGRAPH_CACHE_DIR": str(cache_dir)}
    base = [sys.executable, "-m", "nngraph", "--no-bundled", "--data", str(TINY)]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*base, *args], capture_output=True, text=True, env=env)

    stats = run("stats", "--format", "json")
    assert stats.returncode == 0 and json.loads(stats.stdout)["works"] == 3
    assert run("query", "ASK { ?w a schema:Book }").returncode == 0
    assert run("query", "ASK { ?w a schema:Nothing }").returncode == 1
    bad = run("query", "SELEC")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.splitlines() == [
        "nngraph: error: SPARQL syntax error at line 1, column 6: expected a different token"
    ]
    usage = run("no-such-command")
    assert usage.returncode == 2 and "No such command" in usage.stderr


def test_cache_list_shows_each_graph_with_its_inputs(runner, cache_dir):
    assert runner.invoke(cli, ["cache", "list"]).stdout.splitlines()[0].split() == [
        "key",
        "triples",
        "files",
        "megabytes",
        "answers",
        "last_used",
    ]
    args = ["--no-bundled", "--data", str(TINY), "gaps"]
    assert runner.invoke(cli, args).exit_code == 0
    listed = runner.invoke(cli, ["cache", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    (entry,) = json.loads(listed.stdout)
    ontology = str(_ontology()[0].resolve())
    assert entry["files"] == [ontology, str(TINY.resolve())]
    expected_triples = len(load([TINY], bundled=False))
    assert entry["triples"] == expected_triples
    assert entry["answers"] == 4  # gaps' queries, kept for the next run
    assert entry["megabytes"] > 0
    table = runner.invoke(cli, ["cache", "list"]).stdout.splitlines()
    assert table[2].split()[:3] == [entry["key"], str(expected_triples), "2"]
    assert runner.invoke(cli, ["cache", "clear"]).exit_code == 0
    assert json.loads(runner.invoke(cli, ["cache", "list", "--format", "json"]).stdout) == []
    assert not (cache_dir / "manifests").exists()
