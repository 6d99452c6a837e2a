"""Open the graph nngraph answers from: bundled ontology and data, user files, or an endpoint.

Backends are chosen by name (``oxigraph``, a pyoxigraph store behind rdflib's
API, see ``nngraph.store.oxigraph_bridge``; ``memory``, rdflib's own), so every caller
holds a plain :class:`rdflib.Graph`. Files are always parsed by Oxigraph's parsers:
they are an order of magnitude faster than rdflib's and report the exact line
and column of a syntax error, which we turn into a one-line ``FILE:LINE``
message.

Three ways to get a graph, all behind ``load``:

- parse the files into a fresh in-memory store (``cache=False``, the API default);
- open the on-disk cache built from the same file contents (``cache=True``, the
  CLI default; see ``nngraph.store.cache``), which parses nothing on a second run;
- query a remote SPARQL 1.1 endpoint (``endpoint=URL``; see ``nngraph.store.endpoint``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import rdflib

from nngraph.errors import NngraphError
from nngraph.store.files import Progress, bundled_files, expand_paths, parse_files


def load(
    paths: Sequence[Path | str] = (),
    *,
    bundled: bool = True,
    backend: str = "oxigraph",
    cache: bool = False,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    graph: str | None = None,
    max_rows: int | None = None,
    query_method: str = "auto",
    progress: Progress | None = None,
    background: bool = False,
) -> rdflib.Graph:
    """Load the bundled ontology and data plus the user's files into one graph.

    Args:
        paths: extra RDF files or folders (Turtle, N-Triples, JSON-LD, RDF/XML).
        bundled: include nngraph's curated data (the ontology is always loaded).
        backend: ``oxigraph`` (fast, default) or ``memory`` (rdflib's pure-Python store).
        cache: keep the parsed graph in an on-disk Oxigraph store keyed by the
            files' contents, and reuse it while they are unchanged (``oxigraph``
            backend only; see ``nngraph.store.cache``).
        endpoint: a SPARQL 1.1 query endpoint URL; the graph is then the remote
            dataset and no file is read (push files there with ``nngraph.endpoint.push``).
        update_endpoint: with ``endpoint``, the SPARQL Update URL that makes the graph writable.
        graph: with ``endpoint``, read this named graph (``default-graph-uri``).
        max_rows: with ``endpoint``, the server's row cap when it does not announce it.
        query_method: with ``endpoint``, ``auto``, ``form`` or ``direct``
            (see ``nngraph.store.protocol``).
        progress: called with (bytes parsed, bytes in all files) while parsing.
        background: with ``cache``, large files not cached yet are parsed into
            memory and a detached process builds their store after this one
            exits (what the CLI does; see ``nngraph.cache.cached_graph``).

    Returns:
        An rdflib Graph holding the union of all the files (or the remote dataset).

    Raises:
        DataLoadError: a file is missing, unreadable or not valid RDF.
        EndpointError: the endpoint URL is not an http(s) URL.
        NngraphError: files were given together with an endpoint, or the cache
            folder cannot be written.
    """
    if endpoint is not None:
        if paths:
            raise NngraphError(
                "files are not read when querying an --endpoint; push them once with "
                "`nngraph --update-endpoint URL load FILES`, then query without --data"
            )
        from nngraph.store.endpoint import remote_graph

        return remote_graph(
            endpoint,
            update_url=update_endpoint,
            graph=graph,
            max_rows=max_rows,
            method=query_method,
        )
    sources = bundled_files(data=bundled) + expand_paths(paths)
    if cache and backend == "oxigraph":
        from nngraph.store.cache import cached_graph

        return cached_graph(sources, progress=progress, background=background)
    return parse_files(sources, backend=backend, progress=progress)
