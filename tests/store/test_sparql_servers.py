"""Any SPARQL 1.1 server: Virtuoso and Oxigraph's server give the embedded answers.

Each server is started here on 127.0.0.1 (see ``sparql_servers``), filled by
``nngraph --update-endpoint … --graph urn:test load``, and then every analysis
command and every bundled query must answer exactly as the embedded store
does, row for row (as a multiset where the query has no ORDER BY). A second
Virtuoso caps its answers at ``ResultSetMaxRows = 4``: everything must still
come back whole, by paging, or fail with exit 2 saying it was cut.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from sparql_servers import Server, start_oxigraph, start_virtuoso

from nngraph.cli import cli
from nngraph.errors import EndpointError
from nngraph.query.run import query_names, query_text, run_named, run_query
from nngraph.store.endpoint import remote_graph
from nngraph.store.loader import load

pytestmark = pytest.mark.server

DATA = Path(__file__).parents[1] / "data"
FILES = [DATA / "tiny.ttl", DATA / "portable.ttl"]
GRAPH = "urn:test"
CAP = 4

ANALYSIS = [
    ["stats", "--format", "json"],
    ["gaps", "--format", "json"],
    ["gaps", "--as-of", "2015", "--kind", "book", "--format", "json"],
    ["gaps", "--with-exercises", "--format", "json"],
    ["gaps", "--free", "--min-depth", "derivation", "--format", "json"],
    ["gaps", "--rollup", "--format", "json"],
    ["recommend", "backprop", "--format", "json"],
    ["recommend", "BPTT", "--format", "json"],
    ["path", "bptt", "--format", "json"],
    ["path", "attention", "--known", "calculus", "--format", "json"],
    ["reading-list", "--format", "json"],
    ["reading-list", "--min-depth", "mention", "--format", "json"],
]


def _load(runner: CliRunner, server: Server, *extra: str, files=FILES, clear=False) -> str:
    options = ["--clear"] if clear else []
    result = runner.invoke(
        cli,
        ["--no-bundled", "--update-endpoint", server.update, *extra, "load", *options]
        + [str(f) for f in files],
    )
    assert result.exit_code == 0, result.output
    return result.stderr


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso", "virtuoso-capped"])
def server(request, tmp_path_factory):
    """A real server holding tiny.ttl + portable.ttl in the named graph urn:test."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "oxigraph":
        running = start_oxigraph(folder)
    else:
        running = start_virtuoso(folder, max_rows=CAP if "capped" in request.param else 10000)
    running.name = request.param
    try:
        _load(CliRunner(), running, "--graph", GRAPH)
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def local():
    return load(FILES, bundled=False)


@pytest.fixture(scope="module")
def remote(server):
    return remote_graph(server.query, graph=GRAPH)


def _count(server: Server, graph: str) -> int:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    return run_query(remote_graph(server.query, graph=graph), text).values()[0]["n"]


def _normal(rows: list[dict]) -> list[dict]:
    """Blank node labels differ between stores; everything else must be identical."""
    return [
        {k: "_:blank" if isinstance(v, rdflib.BNode) else v for k, v in row.items()} for row in rows
    ]


def _ordered(text: str) -> bool:
    body = re.sub(r"#[^\n]*", "", text)
    return bool(re.search(r"(?i)\}\s*ORDER\s+BY[^}]*$", body))


def _unordered_concat(name: str, rows: list[dict]) -> list[dict]:
    # GROUP_CONCAT joins in an order SPARQL leaves to the engine: compare its parts as sets.
    joined = {"authors": "; ", "sources": " "}
    return [
        {k: sorted(str(v).split(joined[k])) if k in joined and v else v for k, v in row.items()}
        for row in rows
    ]


@pytest.mark.parametrize("name", query_names())
def test_every_bundled_query_gives_the_embedded_answer(local, remote, name):
    here, there = run_named(local, name), run_named(remote, name)
    assert (there.kind, there.variables, there.boolean) == (here.kind, here.variables, here.boolean)
    mine, theirs = (
        _unordered_concat(name, _normal(here.rows)),
        _unordered_concat(name, _normal(there.rows)),
    )
    if not _ordered(query_text(name)):
        mine, theirs = sorted(mine, key=repr), sorted(theirs, key=repr)
    assert theirs == mine
    assert len(theirs) == len(here.rows)


@pytest.mark.parametrize("command", ANALYSIS, ids=lambda c: " ".join(c[:3]))
def test_every_analysis_command_gives_the_embedded_answer(runner, server, command):
    files = [a for f in FILES for a in ("--data", str(f))]
    here = runner.invoke(cli, ["--no-cache", "--no-bundled", *files, *command])
    there = runner.invoke(cli, ["--endpoint", server.query, "--graph", GRAPH, *command])
    assert here.exit_code == 0, here.output
    assert there.exit_code == 0, there.output
    assert json.loads(there.stdout) == json.loads(here.stdout)


def test_the_fixture_exercises_what_engines_disagree_on(local):
    # Two routes to calculus: one row each, not one per route.
    chain = run_named(local, "prerequisite-chain", bindings={"topic": _tiny("bptt")})
    assert sorted(r["prerequisiteLabel"] for r in chain.values()) == [
        "Backpropagation",
        "Calculus",
        "Recurrent networks",
    ]
    claims = [
        (r["claim"][-5:], r["topicLabel"], r["byThen"], r["now"])
        for r in run_named(local, "gap-claims").values()
    ]
    assert claims == [
        ("early", "Backpropagation", 0, 1),
        ("early", "Backpropagation through time", 0, 0),
        ("-late", "Backpropagation", 1, 1),
    ]


def _tiny(name: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"https://example.org/tiny/{name}")


def test_load_is_idempotent_and_clear_empties_only_its_graph(runner, server, local):
    assert _count(server, GRAPH) == len(local)
    message = _load(runner, server, "--graph", GRAPH)  # the same files again
    assert re.search(
        rf"pushed {len(local)} triple\(s\) from \d+ file\(s\) to graph <{GRAPH}>", message
    )
    assert _count(server, GRAPH) == len(local)  # skolemised blank nodes: nothing doubled
    _load(runner, server, "--graph", "urn:other")
    _load(runner, server, "--graph", "urn:other", files=[DATA / "portable.ttl"])
    assert _count(server, "urn:other") == len(local)
    _load(runner, server, "--graph", "urn:other", files=[DATA / "portable.ttl"], clear=True)
    ontology = len(load([], bundled=False))
    assert (
        _count(server, "urn:other")
        == ontology + len(load([DATA / "portable.ttl"], bundled=False)) - ontology
    )
    assert _count(server, GRAPH) == len(local)


def test_blank_node_lists_arrive_connected(remote):
    ordered = (
        "SELECT ?name WHERE { <https://example.org/tiny/notes1> nn:authorList ?list . "
        "?list rdf:first ?first . ?first schema:name ?name }"
    )
    assert run_query(remote, ordered).values() == [{"name": "Alice Author"}]
    lists = run_query(remote, "SELECT ?l WHERE { ?w nn:authorList ?l } ORDER BY ?w").rows
    assert all(isinstance(row["l"], rdflib.BNode) for row in lists)  # skolem IRIs turned back


def test_an_answer_longer_than_the_cap_comes_back_whole(server, remote, local):
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    there = run_query(remote, text)
    assert len(there.rows) == len(local) > CAP * 10
    assert len({tuple(r.values()) for r in there.rows}) == len(local)  # pages don't overlap
    ordered = "SELECT ?label WHERE { ?t skos:prefLabel ?label } ORDER BY DESC(?label)"
    assert run_query(remote, ordered).values() == run_query(local, ordered).values()


def test_a_graph_answer_beyond_the_cap_fails_saying_so(runner, server):
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    options = ["--endpoint", server.query, "--graph", GRAPH]
    if server.name == "oxigraph":  # no cap of its own: the user states one
        whole = runner.invoke(cli, [*options, "query", construct])
        assert whole.exit_code == 0, whole.output
        options += ["--max-rows", str(CAP)]
    elif server.name == "virtuoso":
        pytest.skip("the uncapped Virtuoso holds fewer triples than its cap")
    else:  # Virtuoso announces its cap on SELECT answers only: a graph learns it there
        graph = remote_graph(server.query, graph=GRAPH)
        run_query(graph, "SELECT ?s WHERE { ?s ?p ?o }")
        with pytest.raises(EndpointError, match=f"cut the answer at {CAP} triples"):
            run_query(graph, construct)
        options += ["--max-rows", str(CAP)]  # and the user states it for a lone CONSTRUCT
    result = runner.invoke(cli, [*options, "query", construct])
    assert result.exit_code == 2
    assert f"cut the answer at {CAP} triples" in result.stderr
    assert result.stderr.count("\n") == 1


def test_max_rows_pages_a_select_on_a_server_without_a_cap(server, local):
    if server.name != "oxigraph":
        pytest.skip("Virtuoso announces its cap itself")
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    paged = run_query(remote_graph(server.query, graph=GRAPH, max_rows=3), text)
    assert len(paged.rows) == len(local)


def test_queries_go_as_the_protocol_writes_them(server):
    # Virtuoso 7.2 never answers a direct POST; the form every server accepts works.
    long_query = "ASK { ?s ?p ?o FILTER (?o != '" + "x" * 3000 + "') }"  # too long for GET
    for method in ("auto", "form"):
        graph = remote_graph(server.query, graph=GRAPH, method=method)
        assert run_query(graph, long_query).boolean is True
        assert run_query(graph, "ASK { ?s ?p ?o }").boolean is True
    direct = remote_graph(server.query, graph=GRAPH, method="direct", timeout=1)
    if server.name == "oxigraph":
        assert run_query(direct, "ASK { ?s ?p ?o }").boolean is True
    else:
        with pytest.raises(EndpointError, match="did not answer within 1 s"):
            run_query(direct, "ASK { ?s ?p ?o }")


def test_without_graph_the_default_graph_is_read(server):
    if server.name != "oxigraph":
        pytest.skip("Virtuoso's default graph is the union of all its graphs")
    assert len(remote_graph(server.query)) == 0  # everything went into urn:test


def test_a_graph_that_is_not_an_iri_is_one_line(runner, server):
    result = runner.invoke(cli, ["--endpoint", server.query, "--graph", "not an iri", "stats"])
    assert result.exit_code == 2
    assert "--graph 'not an iri' is not an absolute IRI" in result.stderr
