"""Remote graphs: any SPARQL 1.1 server (Virtuoso, Oxigraph server, Fuseki, QLever, …).

``remote_graph(url)`` returns an ordinary :class:`rdflib.Graph` over rdflib's
``SPARQLStore`` (``SPARQLUpdateStore`` when an update URL is given), so every
nngraph function runs unchanged against it. We replace only the transport:
requests go out as the SPARQL 1.1 Protocol writes them (``nngraph.store.protocol``),
each failure is one clear line, and answers come back whole:

- **Named graphs.** With ``graph=IRI`` every query reads that graph, through
  the protocol's ``default-graph-uri`` parameter, and writes go into it.
- **No silent truncation.** A server that caps its answers says so with a
  header (Virtuoso's ``X-SPARQL-MaxRows``) or the user states the cap
  (``max_rows``). A SELECT answer that reaches the cap is fetched again page
  by page (``nngraph.store.paging``); where the server refuses to page, or the
  answer is a graph, the query fails with an :class:`EndpointError` saying so.
- **Same terms as the embedded store.** A plain literal is ``xsd:string``
  (RDF 1.1), and the skolem IRIs that ``nngraph load`` gave blank nodes
  (``nngraph.store.push``) turn back into blank nodes.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from rdflib.query import Result

from nngraph.errors import EndpointError, QueryError
from nngraph.store.paging import page_query, query_form, sort_like_sparql, split_prologue
from nngraph.store.protocol import (
    GRAPH_ACCEPT,
    RESULTS_ACCEPT,
    TIMEOUT,
    Answer,
    Client,
    check_graph,
    check_url,
)
from nngraph.store.push import GENID, PushSummary, push

__all__ = ["TIMEOUT", "PushSummary", "push", "remote_graph"]

# Headers by which servers say that they cut an answer.
PARTIAL_HEADERS = ("X-SPARQL-MaxRows",)
_RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_FORMATS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def remote_graph(
    url: str,
    *,
    update_url: str | None = None,
    graph: str | None = None,
    max_rows: int | None = None,
    method: str = "auto",
    timeout: float = TIMEOUT,
) -> rdflib.Graph:
    """A graph over a remote SPARQL 1.1 endpoint.

    Args:
        url: the query endpoint, e.g. ``http://localhost:7878/query`` or
            Virtuoso's ``http://localhost:8890/sparql``.
        update_url: the update endpoint; makes the graph writable.
        graph: read (and write) this named graph instead of the default graph.
        max_rows: the server's row cap, when it does not announce it: an
            answer of this many rows is fetched again page by page.
        method: how queries are sent: ``auto`` (GET when short, else form
            POST), ``form`` or ``direct`` (POST of ``application/sparql-query``).
        timeout: seconds to wait for any one answer.

    Returns:
        An rdflib Graph over the endpoint. Nothing is contacted until the first query.

    Raises:
        EndpointError: a URL is not http(s), or ``graph`` is not an absolute IRI.
    """
    check_url(url, "--endpoint")
    if graph is not None:
        check_graph(graph)
    client = Client(url, timeout=timeout, method=method)
    if update_url is not None:
        check_url(update_url, "--update-endpoint")
        store: SPARQLStore = _UpdateStore(url, update_url, graph is not None)
        store.updates = Client(update_url, timeout=timeout)  # type: ignore[attr-defined]
    else:
        store = _QueryStore(url, graph is not None)
    store.client = client  # type: ignore[attr-defined]
    store.graph_iri = graph  # type: ignore[attr-defined]
    store.max_rows = max_rows  # type: ignore[attr-defined]
    identifier = rdflib.URIRef(graph) if graph is not None else DATASET_DEFAULT_GRAPH_ID
    return rdflib.Graph(store=store, identifier=identifier)


class _Http:
    """The transport shared by the query and update stores."""

    client: Client
    updates: Client
    graph_iri: str | None
    max_rows: int | None

    def _query(self, query: str, default_graph: Any = None, named_graph: Any = None) -> Result:
        kind = query_form(query)
        graphs = [self.graph_iri] if self.graph_iri else []
        answer = self._ask(query, graphs, kind)
        result = self._parse(answer, kind)
        announced = _announced_cap(answer)
        if announced is not None:  # remembered: Virtuoso announces it on SELECT answers only
            self.max_rows = announced
        cap = announced or self.max_rows
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            if cap is not None and len(result.graph) >= cap:  # type: ignore[arg-type]
                raise EndpointError(_cut_message(self.client.url, cap, "triples"))
            return result
        if result.type == "SELECT":
            if cap is not None and len(result.bindings) >= cap:
                result.bindings = self._pages(query, graphs, [str(v) for v in result.vars], cap)
            result.bindings = [
                {name: _as_embedded(term) for name, term in row.items()} for row in result.bindings
            ]
        return result

    def _pages(self, query: str, graphs: list[str], variables: list[str], cap: int) -> list:
        """The whole answer, asked for page by page over a stable order."""
        rows: list = []
        while True:
            text = page_query(query, variables, size=cap, offset=len(rows))
            try:
                answer = self._ask(text, graphs, "SELECT")
            except (QueryError, EndpointError) as error:
                raise EndpointError(
                    f"{_cut_message(self.client.url, cap, 'rows')}, and it refused to page "
                    f"through the rest ({error})"
                ) from error
            page = self._parse(answer, "SELECT").bindings
            rows.extend(page)
            if len(page) < cap:
                named = [{str(k): v for k, v in row.items()} for row in rows]
                ordered = sort_like_sparql(named, split_prologue(query)[1])
                return [
                    {rdflib.Variable(k): v for k, v in row.items() if k in variables}
                    for row in ordered
                ]

    def _ask(self, query: str, graphs: list[str], kind: str) -> Answer:
        accept = GRAPH_ACCEPT if kind in ("CONSTRUCT", "DESCRIBE") else RESULTS_ACCEPT
        try:
            return self.client.query(query, graphs=graphs, accept=accept)
        except QueryError as error:  # point at the user's column, not ours
            width = getattr(self, "_prefix_width", 0)
            raise QueryError(
                re.sub(
                    r"error at 1:(\d+)",
                    lambda m: f"error at 1:{max(1, int(m[1]) - width)}",
                    str(error),
                )
            ) from error

    def _parse(self, answer: Answer, kind: str) -> Result:
        url = self.client.url
        try:
            if kind in ("CONSTRUCT", "DESCRIBE"):
                result = Result(kind)
                result.graph = rdflib.Graph()
                result.graph.parse(data=answer.body, format=_GRAPH_FORMATS[answer.media])
                return result
            return Result.parse(BytesIO(answer.body), format=_RESULT_FORMATS[answer.media])
        except Exception as error:  # any parser failure means "not SPARQL results"
            raise EndpointError(
                f"{url} did not answer with SPARQL results (got {answer.media or 'no type'}); "
                "is it a SPARQL query endpoint? Oxigraph's is http://HOST:PORT/query, "
                "Virtuoso's http://HOST:PORT/sparql"
            ) from error

    def _update(self, update: str) -> None:
        self.updates.update(update)

    def _inject_prefixes(self, query: str, extra_bindings: Any) -> str:
        """Prefixes on the query's first line, so a server's error line numbers stay right."""
        bindings = {**self.nsBindings, **dict(extra_bindings)}  # type: ignore[attr-defined]
        declared = " ".join(f"PREFIX {k}: <{v}>" for k, v in sorted(bindings.items()))
        self._prefix_width = len(declared) + 1 if declared else 0
        return f"{declared} {query}" if declared else query


# Without --graph, context_aware=False: the graph is the endpoint's default graph;
# rdflib would otherwise send our graph's identifier as default-graph-uri. With
# --graph, rdflib's own writes go into GRAPH <g> and _query reads <g>.
class _QueryStore(_Http, SPARQLStore):
    def __init__(self, url: str, named: bool) -> None:
        SPARQLStore.__init__(self, url, context_aware=named, returnFormat="json")


class _UpdateStore(_Http, SPARQLUpdateStore):
    def __init__(self, url: str, update_url: str, named: bool) -> None:
        SPARQLUpdateStore.__init__(self, url, update_url, context_aware=named, returnFormat="json")


def _announced_cap(answer: Answer) -> int | None:
    for header in PARTIAL_HEADERS:
        value = answer.headers.get(header)
        if value is not None and value.strip().isdigit():
            return int(value)
    return None


def _cut_message(url: str, cap: int, what: str) -> str:
    return (
        f"the endpoint {url} cut the answer at {cap} {what} (its result cap, e.g. "
        "Virtuoso's ResultSetMaxRows); raise the cap on the server or narrow the query"
    )


def _as_embedded(term: Any) -> Any:
    """A term as the embedded store has it: plain literals are ``xsd:string`` (RDF 1.1),
    and the skolem IRIs of blank nodes are blank nodes again."""
    if isinstance(term, rdflib.Literal) and term.datatype is None and term.language is None:
        return rdflib.Literal(str(term), datatype=XSD.string)
    if isinstance(term, rdflib.URIRef) and term.startswith(GENID):
        return rdflib.BNode(term[len(GENID) :])
    return term
