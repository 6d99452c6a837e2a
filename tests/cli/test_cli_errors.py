"""Every failure is one line and exit 2; Ctrl-C is `nngraph: interrupted` and exit 130."""

import signal
import subprocess
import sys
import time
from pathlib import Path

from nngraph.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"
BASE = ["--no-bundled", "--data", str(TINY)]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_select_with_an_rdf_format_names_the_formats_that_fit(runner):
    for fmt in ("ttl", "nt", "jsonld"):
        result = runner.invoke(cli, [*BASE, "query", "--name", "works", "--format", fmt])
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines() == [
            f"nngraph: error: --format {fmt} is for graphs (CONSTRUCT, DESCRIBE); a SELECT "
            "answer is a table: use --format table, csv, tsv, json, xml"
        ]
    asked = runner.invoke(cli, [*BASE, "query", "ASK { ?s ?p ?o }", "--format", "nt"])
    assert asked.exit_code == 2 and "is for graphs" in asked.stderr


def _interrupt(args: list[str], wait: float) -> tuple[int, str, float]:
    """Start nngraph, send it SIGINT after ``wait`` seconds; exit code, stderr, seconds to stop."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from nngraph.cli import main; main()", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(wait)
    assert process.poll() is None, process.communicate()
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=10)
    return process.returncode, err, time.monotonic() - sent


def test_ctrl_c_stops_a_runaway_query_on_the_embedded_store(cache_dir):
    code, err, took = _interrupt([*BASE, "--no-cache", "query", RUNAWAY], wait=4.0)
    assert (code, err) == (130, "nngraph: interrupted\n")
    assert took < 1.5


def test_ctrl_c_in_validate_is_not_a_verdict(tmp_path, cache_dir):
    big = tmp_path / "big.nt"
    lines = [
        f'<https://example.org/w{i}> <http://www.w3.org/2000/01/rdf-schema#label> "w{i}" .'
        for i in range(400_000)
    ]
    big.write_text("\n".join(lines) + "\n")
    code, err, took = _interrupt(["validate", str(big)], wait=2.0)
    assert (code, err) == (130, "nngraph: interrupted\n")
    assert took < 1.5


def test_global_options_after_the_command(runner):
    before = runner.invoke(cli, [*BASE, "gaps", "--format", "csv"])
    after = runner.invoke(cli, ["gaps", "--format", "csv", *BASE])
    mixed = runner.invoke(cli, ["--no-bundled", "gaps", f"--data={TINY}", "--format", "csv"])
    assert after.exit_code == 0, after.output
    assert before.stdout == after.stdout == mixed.stdout
    assert "Recurrent networks" in after.stdout
    # after `--`, nothing moves: the text is the query's own
    literal = runner.invoke(cli, [*BASE, "query", "--format", "csv", "--", "--data"])
    assert literal.exit_code == 2 and "SPARQL syntax error" in literal.stderr
