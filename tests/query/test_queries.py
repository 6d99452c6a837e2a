import io
import json

import pytest
import rdflib
from rdflib.plugins.sparql import prepareQuery

from nngraph.errors import QueryError, UnknownNameError
from nngraph.query.results import parse_result, serialize_result
from nngraph.query.run import query_names, query_summary, query_text, run_named, run_query
from nngraph.vocab import PREFIXES

NAMES = query_names()


def test_library_has_at_least_fifteen_queries():
    assert len(NAMES) >= 15


@pytest.mark.parametrize("name", NAMES)
def test_every_query_parses_standalone_with_summary_and_order(name):
    text = query_text(name)
    assert text.startswith("# ") and query_summary(name)
    prepareQuery(text)  # its own PREFIX lines suffice: no initNs
    if "SELECT" in text:
        assert "ORDER BY" in text


@pytest.mark.parametrize("name", NAMES)
def test_golden_results_on_bundled_data(name, bundled_store, golden):
    result = run_named(bundled_store, name)
    golden(f"query-{name}", {"variables": result.variables, "rows": result.values()})


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_same_answer_on_both_backends(backend):
    from nngraph.store.loader import load

    graph = load(
        [__import__("pathlib").Path(__file__).parents[1] / "data" / "tiny.ttl"],
        bundled=False,
        backend=backend,
    )
    rows = run_named(graph, "coverage-by-topic").values()
    assert [(r["title"], r["depth"].rsplit("#")[-1]) for r in rows] == [
        ("Rigorous Nets", "rigorous"),  # Backpropagation
        ("On BPTT", "intuition"),  # Backpropagation through time
        ("Rigorous Nets", "rigorous"),  # Calculus
        ("Practical Nets", "mention"),  # Neural networks
        ("Practical Nets", "derivation"),  # Recurrent networks
    ]


def test_binding_by_init_bindings_and_by_values_block_agree(tiny_store):
    text = query_text("coverage-by-topic")
    topic = rdflib.URIRef("https://example.org/tiny/bptt")
    bound = run_query(tiny_store, text, bindings={"topic": topic}).values()
    values = run_query(tiny_store, text + f"\nVALUES ?topic {{ <{topic}> }}\n").values()
    assert bound == values
    assert [r["title"] for r in bound] == ["On BPTT"]


def test_aggregate_binding_both_ways(tiny_store):
    text = query_text("topics-by-rigorous-works")
    topic = rdflib.URIRef("https://example.org/tiny/backprop")
    bound = run_query(tiny_store, text, bindings={"topic": topic}).values()
    values = run_query(tiny_store, text + f"\nVALUES ?topic {{ <{topic}> }}\n").values()
    assert (
        bound
        == values
        == [{"topic": str(topic), "topicLabel": "Backpropagation", "rigorousWorks": 1}]
    )


def test_standard_prefixes_need_no_declaration(tiny_store):
    result = run_query(
        tiny_store, "SELECT ?b WHERE { ?b a schema:Book ; schema:name [] } ORDER BY ?b"
    )
    assert [r["b"] for r in result.values()] == [
        "https://example.org/tiny/book1",
        "https://example.org/tiny/book2",
    ]
    assert set(PREFIXES) >= {"nn", "schema", "skos", "dcterms", "prov", "rdf", "rdfs", "owl", "xsd"}


def test_limit_truncates_and_says_so(tiny_store):
    result = run_query(tiny_store, "SELECT ?s WHERE { ?s a nn:Coverage } ORDER BY ?s", limit=2)
    assert len(result.rows) == 2 and result.truncated
    full = run_query(tiny_store, "SELECT ?s WHERE { ?s a nn:Coverage } ORDER BY ?s", limit=5)
    assert len(full.rows) == 5 and not full.truncated


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT ?x WHERE { ?x ?y }", "SPARQL syntax error at line 1, column 26"),
        ("SELECT ?x\nWHERE { ?x a schem:Book }", "unknown prefix 'schem' at line 2"),
        ("INSERT DATA { <a:b> <a:b> <a:b> }", "SPARQL Update is refused"),
        ("DELETE WHERE { ?s ?p ?o }", "SPARQL Update is refused"),
    ],
)
def test_bad_queries_give_one_clear_line(tiny_store, text, message):
    with pytest.raises(QueryError) as caught:
        run_query(tiny_store, text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_unknown_prefix_suggests_closest(tiny_store):
    with pytest.raises(QueryError, match=r"did you mean schema:"):
        run_query(tiny_store, "SELECT ?x WHERE { ?x a schem:Book }")


def test_unknown_query_name_suggests_closest():
    with pytest.raises(UnknownNameError) as caught:
        query_text("coverage-by-topc")
    assert caught.value.matches[0] == "coverage-by-topic"


def test_timeout_stops_a_runaway_query(tiny_store):
    # 310 triples cubed: about 5 s of work, far beyond 0.2 s. The abandoned query keeps running
    # in its daemon thread until it ends, so it must end: a fivefold product (10^12 rows) held a
    # core busy for the rest of the test run.
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryError, match="--timeout of 0.2 s"):
        run_query(tiny_store, slow, timeout=0.2)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_w3c_formats_round_trip_through_rdflib_parsers(tiny_store, fmt):
    result = run_named(tiny_store, "coverage-by-topic")
    text = serialize_result(result, fmt)
    parsed = parse_result(text, fmt)
    assert [str(v) for v in parsed.vars] == result.variables
    back = [[row[v] for v in parsed.vars] for row in parsed]
    if fmt == "csv":  # CSV carries no datatypes: compare lexical forms
        assert [[str(x) if x is not None else None for x in r] for r in back] == [
            [str(row[v]) if row[v] is not None else None for v in result.variables]
            for row in result.rows
        ]
    else:
        assert back == [[row[v] for v in result.variables] for row in result.rows]


def test_ask_and_construct_results(tiny_store):
    yes = run_query(tiny_store, "ASK { ?x a schema:Book }")
    assert yes.kind == "ASK" and yes.boolean is True
    assert json.loads(serialize_result(yes, "json"))["boolean"] is True
    graph = run_query(
        tiny_store, "CONSTRUCT { ?b schema:name ?n } WHERE { ?b a schema:Book ; schema:name ?n }"
    )
    assert len(graph.graph) == 2
    again = rdflib.Graph().parse(io.StringIO(serialize_result(graph, "ttl")), format="turtle")
    assert len(again) == 2


def test_dataframe_has_the_rows(tiny_store):
    import pandas  # a dev dependency: this test must run, never skip

    result = run_named(tiny_store, "works")
    frame = result.to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == result.variables
    assert len(frame) == 3
    assert frame["title"].tolist() == [str(row["title"]) for row in result.rows]
    assert [str(year) for year in frame["year"]] == ["1990", "2010", "2020"]


def test_dataframe_without_pandas_names_the_extra(tiny_store, monkeypatch):
    import sys

    from nngraph.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(MissingExtraError, match="pandas"):
        run_named(tiny_store, "works").to_dataframe()


@pytest.mark.parametrize("name", NAMES)
def test_direct_oxigraph_answers_equal_oxrdflibs(name, bundled_store):
    """run_query skips rdflib's query plumbing on Oxigraph; the terms must not change."""
    direct = run_named(bundled_store, name)
    through_rdflib = bundled_store.query(query_text(name), initNs=PREFIXES)
    rows = [{v: row[i] for i, v in enumerate(direct.variables)} for row in through_rdflib]
    assert direct.rows == rows
    assert [type(t) for r in direct.rows for t in r.values()] == [
        type(t) for r in rows for t in r.values()
    ]


def test_direct_construct_and_describe_give_graphs(tiny_store):
    built = run_query(
        tiny_store, "CONSTRUCT { ?w a schema:Book } WHERE { ?w a schema:Book ; schema:name [] }"
    )
    described = run_query(tiny_store, "DESCRIBE <https://example.org/tiny/book1>")
    assert built.kind == "CONSTRUCT" and len(built.graph) == 2
    assert described.kind == "CONSTRUCT" and len(described.graph) > 0
