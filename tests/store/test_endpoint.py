"""Remote endpoints: a real Oxigraph server answers exactly as the embedded store does."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import rdflib

from nngraph.analysis.stats import stats
from nngraph.cli import cli
from nngraph.errors import EndpointError, QueryError
from nngraph.query.run import query_names, run_named, run_query
from nngraph.store.endpoint import push, remote_graph
from nngraph.store.files import bundled_files
from nngraph.store.loader import load

pytestmark = pytest.mark.server

TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        pytest.skip("the `oxigraph` server is not installed (dev group: oxigraph)")
    return found


def _start_oxigraph(*options: str) -> tuple[subprocess.Popen, str]:
    """A real `oxigraph serve` on a free loopback port, once it answers; (process, base URL)."""
    port = _free_port()
    process = subprocess.Popen(
        [_oxigraph(), "serve", *options, "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                pytest.fail(f"oxigraph serve did not start: {process.stderr.read()!r}")
            time.sleep(0.1)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """An Oxigraph server on a free port, holding the tiny graph pushed by `nngraph load`."""
    process, base = _start_oxigraph("--location", str(tmp_path_factory.mktemp("oxigraph")))
    from click.testing import CliRunner

    result = CliRunner().invoke(
        cli, ["--no-bundled", "--update-endpoint", f"{base}/update", "load", str(TINY)]
    )
    assert result.exit_code == 0, result.output
    triples = len(load([TINY], bundled=False))
    assert result.stderr == (
        f"pushed {triples} triple(s) from 2 file(s) to {base}/update in 2 request(s)\n"
    )
    yield {"query": f"{base}/query", "update": f"{base}/update"}
    process.terminate()
    process.wait(timeout=10)
    process.stderr.close()


@pytest.fixture(scope="module")
def remote(server):
    return remote_graph(server["query"])


def _normal(value):
    """Blank node labels differ between stores; everything else must be identical."""
    if isinstance(value, rdflib.BNode):
        return "_:blank"
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    return value


def test_stats_are_identical(tiny_store, remote):
    assert stats(remote) == stats(tiny_store)
    assert stats(remote)["works"] == 3


# GROUP_CONCAT joins in an order SPARQL leaves to the engine (two Oxigraph
# stores already disagree), so these columns are compared as sets of parts.
UNORDERED_CONCAT = {"analysis-works": {"authors": "; "}}


def _concat_as_sets(name: str, rows: list[dict]) -> list[dict]:
    columns = UNORDERED_CONCAT.get(name, {})
    return [
        {
            k: sorted(str(v).split(columns[k])) if k in columns and v is not None else v
            for k, v in row.items()
        }
        for row in rows
    ]


@pytest.mark.parametrize("name", query_names())
def test_every_named_query_is_identical(tiny_store, remote, name):
    here = run_named(tiny_store, name)
    there = run_named(remote, name)
    assert there.kind == here.kind
    assert there.variables == here.variables
    assert _concat_as_sets(name, _normal(there.rows)) == _concat_as_sets(name, _normal(here.rows))
    assert there.boolean == here.boolean


def test_bound_parameters_are_identical(tiny_store, remote):
    # A bound parameter must be projected: Oxigraph substitutes only projected variables.
    text = (
        "SELECT ?who ?work ?title WHERE { ?work schema:author ?who ; schema:name ?title } "
        "ORDER BY ?title"
    )
    who = {"who": rdflib.URIRef("https://example.org/tiny/bob")}
    here = run_query(tiny_store, text, bindings=who)
    there = run_query(remote, text, bindings=who)
    assert [r["title"] for r in there.values()] == ["On BPTT", "Practical Nets"]
    assert there.rows == here.rows


def test_analysis_is_identical(tiny_store, remote):
    from nngraph.analysis.coverage import gaps, recommend
    from nngraph.analysis.learning_path import path
    from nngraph.analysis.reading_list import reading_list

    assert _normal(gaps(remote)) == _normal(gaps(tiny_store))
    assert {r["label"] for r in gaps(remote)} >= {"Attention", "Backpropagation through time"}
    for topic in ("backprop", "BPTT", "Calculus"):
        assert _normal(recommend(remote, topic)) == _normal(recommend(tiny_store, topic))
    assert _normal(path(remote, ["bptt"])) == _normal(path(tiny_store, ["bptt"]))
    assert _normal(reading_list(remote, min_depth="mention")) == _normal(
        reading_list(tiny_store, min_depth="mention")
    )


def test_cli_output_is_identical(runner, server):
    local = runner.invoke(cli, ["--no-cache", "--no-bundled", "--data", str(TINY), "gaps"])
    there = runner.invoke(cli, ["--endpoint", server["query"], "gaps"])
    assert local.exit_code == 0, local.output
    assert there.exit_code == 0, there.output
    assert there.stdout == local.stdout


def test_push_in_chunks_keeps_blank_nodes_and_clear_replaces():
    process, base = _start_oxigraph()  # in memory
    try:
        sources = [*bundled_files(data=False), TINY]
        summary = push(sources, f"{base}/update", chunk=50)
        assert summary.requests > 3  # chunked
        there = remote_graph(f"{base}/query")
        assert len(there) == len(load([TINY], bundled=False)) == summary.triples
        ordered = (
            "SELECT ?name WHERE { <https://example.org/tiny/book2> nn:authorList ?list . "
            "?list rdf:rest*/rdf:first ?who . ?who schema:name ?name } ORDER BY ?name"
        )
        order = run_query(there, ordered)  # the list's blank nodes arrived connected
        assert [r["name"] for r in order.values()] == ["Alice Author", "Bob Writer"]
        again = push(sources, f"{base}/update", clear=True)
        assert len(there) == again.triples == summary.triples
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


def test_unreachable_endpoint_is_one_clear_line(runner):
    port = _free_port()  # nothing listens there
    graph = remote_graph(f"http://127.0.0.1:{port}/query")
    with pytest.raises(EndpointError, match="cannot reach the endpoint .* server is running"):
        stats(graph)
    result = runner.invoke(cli, ["--endpoint", f"http://127.0.0.1:{port}/query", "stats"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "cannot reach the endpoint" in result.stderr


def test_http_error_and_wrong_path(server):
    wrong = server["query"].replace("/query", "/nope")
    with pytest.raises(EndpointError, match="HTTP 404"):
        stats(remote_graph(wrong))


def test_timeout_is_one_clear_line():
    with socket.socket() as listener:  # accepts connections, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        port = listener.getsockname()[1]
        graph = remote_graph(f"http://127.0.0.1:{port}/query", timeout=0.5)
        with pytest.raises(EndpointError, match=r"did not answer within 0\.5 s"):
            run_query(graph, "ASK {}")


def test_rejected_query_is_a_query_error(remote):
    with pytest.raises(QueryError, match="rejected"):
        run_query(remote, "SELECT ?x WHERE { ?x ?y }")


def test_bad_urls_and_misuse(runner, server):
    with pytest.raises(EndpointError, match="not an http"):
        remote_graph("localhost:7878/query")
    with_data = runner.invoke(cli, ["--endpoint", server["query"], "--data", str(TINY), "stats"])
    assert with_data.exit_code == 2
    assert "push them once" in with_data.stderr
    no_update = runner.invoke(cli, ["--endpoint", server["query"], "load", str(TINY)])
    assert no_update.exit_code == 2
    assert "--update-endpoint" in no_update.stderr


def test_load_clear_into_a_named_graph_and_every_query_method(runner):
    """`load --clear` empties the --graph first; every --query-method gets the same answer."""
    process, base = _start_oxigraph()  # in memory
    filters = TINY.parent / "filters.ttl"
    graph = ["--graph", "urn:nngraph:test"]
    push_args = ["--no-bundled", "--update-endpoint", f"{base}/update", *graph, "load"]

    def works(*options: str) -> int:
        result = runner.invoke(cli, ["--endpoint", f"{base}/query", *options, "stats"])
        assert result.exit_code == 0, result.output
        return int(result.stdout.split("\nworks ")[1].split()[0])

    try:
        first = runner.invoke(cli, [*push_args, str(TINY)])
        assert first.exit_code == 0, first.output
        assert f" to graph <urn:nngraph:test> at {base}/update in " in first.stderr
        again = runner.invoke(cli, [*push_args, str(TINY)])  # skolemised: idempotent
        assert again.stderr == first.stderr
        assert works(*graph) == 3 and works() == 0  # the default graph stayed empty
        added = runner.invoke(cli, [*push_args, str(filters)])
        assert added.exit_code == 0, added.output
        assert works(*graph) == 3 + 5
        replaced = runner.invoke(cli, [*push_args, "--clear", str(filters)])
        assert replaced.exit_code == 0, replaced.output
        assert works(*graph) == 5
        local = runner.invoke(
            cli, ["--no-cache", "--no-bundled", "--data", str(filters), "gaps", "--format", "csv"]
        )
        for method in ("auto", "form", "direct"):
            there = runner.invoke(
                cli,
                ["--endpoint", f"{base}/query", *graph, "--query-method", method, "gaps"]
                + ["--format", "csv"],
            )
            assert there.exit_code == 0, (method, there.output)
            assert there.stdout == local.stdout, method
        bad = runner.invoke(cli, ["--endpoint", f"{base}/query", "--query-method", "get", "gaps"])
        assert bad.exit_code == 2
        assert "'get' is not one of 'auto', 'form', 'direct'" in bad.stderr
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()
