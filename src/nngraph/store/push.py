"""``nngraph load``: send RDF files to any SPARQL 1.1 Update endpoint.

The one write every SPARQL 1.1 server accepts is ``INSERT DATA``, sent as a
form-encoded ``update=`` (``nngraph.store.protocol``). Two things make it
portable:

- **No blank nodes.** Several stores refuse them in ``INSERT DATA``
  (Virtuoso: "Blank node … is not allowed in a constant clause"), and a
  blank node would be a new node in every request. Each one becomes a skolem
  IRI (RDF 1.1 §3.5, ``…/.well-known/genid/…``) named by the file's content
  hash and the node's place in the file, so loading the same file twice
  writes the same triples: a second load is idempotent. Queries through
  ``nngraph.store.endpoint`` turn these IRIs back into blank nodes.
- **Small requests.** Chunks of at most ``chunk`` triples and about
  ``CHUNK_BYTES`` of text, well inside what Virtuoso compiles in one statement.

With ``graph=IRI`` the triples go into that named graph
(``INSERT DATA { GRAPH <g> { … } }``) and ``clear`` empties only it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from nngraph.store.files import Progress, check_readable, parse_failure, rdf_format
from nngraph.store.protocol import TIMEOUT, Client, check_graph, check_url

CHUNK_TRIPLES = 250  # per INSERT DATA: Virtuoso 7.2 compiles 250-400 fastest, fails at 5,000
CHUNK_BYTES = 250_000  # and at most about this much text
GENID = "https://w3id.org/nngraph/.well-known/genid/"
_OX_EXTENSIONS = {"ox-turtle": "ttl", "ox-nt": "nt", "ox-json-ld": "jsonld", "ox-xml": "rdf"}


@dataclass(frozen=True)
class PushSummary:
    """What ``push`` sent.

    Attributes:
        files: how many files were read.
        triples: how many triples were sent.
        requests: how many update requests were made.
    """

    files: int
    triples: int
    requests: int


def push(
    paths: Sequence[Path],
    update_url: str,
    *,
    graph: str | None = None,
    clear: bool = False,
    chunk: int = CHUNK_TRIPLES,
    timeout: float = TIMEOUT,
    progress: Progress | None = None,
) -> PushSummary:
    """Send RDF files to a SPARQL 1.1 Update endpoint with ``INSERT DATA``, in chunks.

    Args:
        paths: the RDF files (already expanded; see ``store.expand_paths``).
        update_url: e.g. ``http://localhost:7878/update`` or Virtuoso's ``…/sparql``.
        graph: write into this named graph instead of the default graph.
        clear: first empty the target graph (``CLEAR SILENT GRAPH <g>``, or
            ``CLEAR DEFAULT`` without ``graph``).
        chunk: triples per request.
        timeout: seconds to wait for any one request.
        progress: called with (files done, files) after each file.

    Returns:
        Counts of what was sent.

    Raises:
        DataLoadError: a file cannot be read or parsed (files before it were sent).
        EndpointError: the endpoint is unreachable or fails, or ``graph`` is not an IRI.
        QueryError: the endpoint rejected an update.
    """
    check_url(update_url, "--update-endpoint")
    if graph is not None:
        check_graph(graph)
    client = Client(update_url, timeout=timeout)
    opening, closing = (
        (f"INSERT DATA {{ GRAPH <{graph}> {{\n", "} }")
        if graph
        else (
            "INSERT DATA {\n",
            "}",
        )
    )
    requests = triples = 0

    def send(lines: list[str]) -> None:
        nonlocal requests
        client.update(opening + "".join(lines) + closing)
        requests += 1

    try:
        if clear:
            client.update(f"CLEAR SILENT GRAPH <{graph}>" if graph else "CLEAR DEFAULT")
            requests += 1
        batch: list[str] = []  # chunks span files: skolem IRIs need no shared request
        size = 0
        for number, path in enumerate(paths, 1):
            for line in _skolem_lines(path):
                triples += 1
                batch.append(line)
                size += len(line)
                if len(batch) >= chunk or size >= CHUNK_BYTES:
                    send(batch)
                    batch, size = [], 0
            if progress is not None:
                progress(number, len(paths))
        if batch:
            send(batch)
    finally:
        client.close()
    return PushSummary(files=len(paths), triples=triples, requests=requests)


def _skolem_lines(path: Path) -> Iterator[str]:
    """The file's triples as N-Triples lines, blank nodes replaced by stable skolem IRIs.

    Raises:
        DataLoadError: the file cannot be read or parsed.
    """
    check_readable(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    fmt = pyoxigraph.RdfFormat.from_extension(_OX_EXTENSIONS[rdf_format(path)])
    names: dict[str, str] = {}

    def term(node: object) -> str:
        if isinstance(node, pyoxigraph.BlankNode):
            name = names.get(node.value)
            if name is None:  # numbered by first appearance: the same file, the same IRIs
                name = names[node.value] = f"<{GENID}{digest}-{len(names)}>"
            return name
        return str(node)

    try:
        quads = pyoxigraph.parse(
            path=str(path),
            format=fmt,
            base_iri=path.resolve().as_uri(),
            rename_blank_nodes=True,
        )
        for quad in quads:
            yield f"{term(quad.subject)} {quad.predicate} {term(quad.object)} .\n"
    except (SyntaxError, ValueError) as error:
        raise parse_failure(path, error) from error
