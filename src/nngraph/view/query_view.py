"""The picture of a query's answer: ``build_network(graph, query=...)``.

A query's answer is drawn with the typed view's styles (``nngraph.view.typed_view``),
so a work, topic or coverage claim the query returns looks as it does in the
whole-graph view; any other IRI becomes an "other" node. Kept apart from the
typed view because it is a different concern: running user SPARQL (text, a
``.rq`` file or a bundled name) and turning its rows or triples into a graph.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import rdflib
from rdflib.namespace import RDF

from nngraph.errors import NngraphError, QueryError
from nngraph.query.run import QueryResult, labels, run_named, run_query
from nngraph.view.typed_view import _edge, _node
from nngraph.vocab import NN, SCHEMA, SKOS, compact


def _run(graph: rdflib.Graph, query: str | Path) -> QueryResult:
    """Run SPARQL text, a ``.rq`` file or a bundled query by name."""
    if isinstance(query, str) and "{" in query:
        return run_query(graph, query)
    path = Path(query)
    if path.is_file():
        try:
            return run_query(graph, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise NngraphError(f"{path}: cannot read the query file: {error}") from error
    if isinstance(query, Path) or path.suffix == ".rq":
        raise NngraphError(f"{path}: no such query file")
    return run_named(graph, str(query))


def _query_title(query: str | Path) -> str:
    """The query as the page's title names it: a bundled name, or a file's name only
    (a page may be shared; the path of the file it came from is nobody's business)."""
    if isinstance(query, str) and "{" in query:
        return "query"
    return f"query {Path(query).name}"


# How an edge that is context, not answer, is drawn: faded (the answer keeps its colours).
CONTEXT_OPACITY = 0.2


def _fade(edge: dict) -> dict:
    faded = dict(edge, context=True)
    faded["color"] = dict(edge.get("color", {}), opacity=CONTEXT_OPACITY)
    return faded


def _query_view(graph: rdflib.Graph, view: nx.MultiDiGraph, query: str | Path) -> nx.MultiDiGraph:
    """The picture of a query's answer, drawn with the typed view's styles.

    A SELECT draws the IRIs it returns with the links among them; a CONSTRUCT or
    DESCRIBE draws exactly the triples it returns. A coverage claim is drawn as
    its coverage edge, between its work and its topic.

    The answer is drawn in full colour: the claims it returns, and the links
    between IRIs of one row. Other links among the drawn nodes are context,
    faded (``context: True``). ``picture.graph["rows"]`` is the answer's size
    (rows of a SELECT, triples of a CONSTRUCT).
    """
    result = _run(graph, query)
    coverage_at = {
        key: (u, v) for u, v, key, kind in view.edges(keys=True, data="kind") if kind == "coverage"
    }
    if result.kind == "ASK":
        raise QueryError(
            "an ASK query answers yes or no and has no graph to draw; "
            "use a SELECT or CONSTRUCT query"
        )
    together: set[tuple[str, str]] = set()  # pairs of IRIs one row returned
    if result.kind == "SELECT":
        terms = {v for row in result.rows for v in row.values() if isinstance(v, rdflib.URIRef)}
        for row in result.rows:
            iris = sorted({str(v) for v in row.values() if isinstance(v, rdflib.URIRef)})
            together.update((a, b) for a in iris for b in iris if a != b)
        triples = None
    else:
        assert result.graph is not None
        triples = [
            t for t in result.graph if t[1] != RDF.type and not isinstance(t[2], rdflib.Literal)
        ]
        terms = {x for s, _, o in triples for x in (s, o) if isinstance(x, rdflib.URIRef)}
        terms |= {s for s in result.graph.subjects() if isinstance(s, rdflib.URIRef)}
    nodes: set[str] = set()
    claims: set[str] = set()
    for term in map(str, terms):
        if term in coverage_at:
            claims.add(term)
            nodes.update(coverage_at[term])
        else:
            nodes.add(term)

    picture = nx.MultiDiGraph(rows=len(result.rows) if triples is None else len(triples))
    others = sorted(n for n in nodes if n not in view)
    names = labels(graph, {rdflib.URIRef(n) for n in others})
    for node in sorted(nodes):
        if node in view:
            picture.add_node(node, **view.nodes[node])
        else:
            label = names.get(rdflib.URIRef(node), compact(rdflib.URIRef(node)))
            picture.add_node(node, **_node(node, "other", label, [label, node]))
    if triples is None:
        # SELECT: the typed links among the drawn nodes, then any direct triple
        # that touches an "other" node.
        for u, v, key, data in view.subgraph(nodes).edges(keys=True, data=True):
            answer = key in claims or (u, v) in together
            picture.add_edge(u, v, key=key, **(data if answer else _fade(data)))
        triples = _triples_among(graph, others, sorted(nodes)) if others else []
        drawn = set()
    else:
        drawn = claims
        for claim in sorted(claims):
            u, v = coverage_at[claim]
            picture.add_edge(u, v, key=claim, **view.edges[u, v, claim])
    typed = {
        str(SCHEMA.author): "author",
        str(NN.requires): "prerequisite",
        str(SKOS.broader): "broader",
    }
    for s, p, o in sorted(triples):
        s, p, o = str(s), str(p), str(o)
        if s in drawn or s not in picture or o not in picture:
            continue
        kind = typed.get(p, "other")
        source, target = (o, s) if kind == "prerequisite" else (s, o)
        if kind == "author":
            source, target = o, s
        key = f"{kind} {source} {target}"
        if kind != "other" and view.has_edge(source, target, key):
            picture.add_edge(source, target, key=key, **view.edges[source, target, key])
        elif not picture.has_edge(source, target, key):
            edge = _edge("other", source, target, f"{compact(rdflib.URIRef(p))}")
            edge["label"] = compact(rdflib.URIRef(p))
            picture.add_edge(source, target, key=f"other {p} {s} {o}", **edge)
    return picture


def _triples_among(graph: rdflib.Graph, some: list[str], nodes: list[str]) -> list[tuple]:
    """Triples linking any node of ``some`` with any node of ``nodes``, either way."""
    found: list[tuple] = []
    values = " ".join(f"<{n}>" for n in nodes)
    for start in range(0, len(some), 200):
        chunk = " ".join(f"<{n}>" for n in some[start : start + 200])
        text = (
            "SELECT ?s ?p ?o WHERE { { VALUES ?s { "
            + chunk
            + " } VALUES ?o { "
            + values
            + " } ?s ?p ?o } UNION { VALUES ?o { "
            + chunk
            + " } VALUES ?s { "
            + values
            + " } ?s ?p ?o } } ORDER BY ?s ?p ?o"
        )
        found += [(r["s"], r["p"], r["o"]) for r in run_query(graph, text).rows]
    return found
