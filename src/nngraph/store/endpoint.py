"""Remote graphs: any SPARQL 1.1 endpoint (Oxigraph server, Fuseki, QLever, GraphDB, …).

``remote_graph(url)`` returns an ordinary :class:`rdflib.Graph` over rdflib's
``SPARQLStore`` (``SPARQLUpdateStore`` when an update URL is given), so every
nngraph function runs unchanged against it. We replace only the HTTP layer:
rdflib's turns an HTTP error into a bare ``ValueError`` ("You did something
wrong...") or returns a tuple in place of a result, and has no timeout. Here
each failure becomes one clear :class:`~nngraph.errors.EndpointError` line
(unreachable, HTTP error, timeout, not a SPARQL endpoint), and a query the
server rejects (HTTP 400) a :class:`~nngraph.errors.QueryError`.

Literals come back as Oxigraph's embedded store gives them (a plain string is
``xsd:string``, RDF 1.1), so results compare equal across both.

``push(paths, update_url)`` sends files with SPARQL Update ``INSERT DATA``
in chunks; the protocol every SPARQL 1.1 server speaks.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pyoxigraph
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from rdflib.query import Result

from nngraph.errors import EndpointError, QueryError
from nngraph.store.files import Progress, check_readable, rdf_format

TIMEOUT = 60.0  # seconds for one HTTP request
CHUNK_TRIPLES = 20_000  # triples per INSERT DATA request
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_USER_AGENT = "nngraph (+https://w3id.org/nngraph)"


def remote_graph(
    url: str, *, update_url: str | None = None, timeout: float = TIMEOUT
) -> rdflib.Graph:
    """A graph over a remote SPARQL 1.1 endpoint.

    Args:
        url: the query endpoint, e.g. ``http://localhost:7878/query``.
        update_url: the update endpoint; makes the graph writable.
        timeout: seconds to wait for any one answer.

    Returns:
        An rdflib Graph querying the endpoint's default graph. Nothing is
        contacted until the first query.

    Raises:
        EndpointError: a URL is not http(s).
    """
    _check_url(url, "--endpoint")
    if update_url is not None:
        _check_url(update_url, "--update-endpoint")
        store: SPARQLStore = _UpdateStore(url, update_url, timeout)
    else:
        store = _QueryStore(url, timeout)
    return rdflib.Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID)


def _check_url(url: str, option: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(
            f"{option} {url!r} is not an http(s) URL; give the full endpoint URL, "
            "e.g. http://localhost:7878/query"
        )


class _Http:
    """The HTTP layer shared by the query and update stores."""

    timeout: float

    def _query(
        self, query: str, default_graph: str | None = None, named_graph: str | None = None
    ) -> Result:
        url = self.query_endpoint  # type: ignore[attr-defined]
        if default_graph is not None and not isinstance(default_graph, rdflib.BNode):
            url += "?" + urlencode({"default-graph-uri": default_graph})
        try:
            body, content_type = _post(
                url, query, "application/sparql-query", self.timeout, accept=_ACCEPT
            )
        except QueryError as error:  # point at the user's column, not ours
            width = getattr(self, "_prefix_width", 0)
            raise QueryError(
                re.sub(
                    r"error at 1:(\d+)",
                    lambda m: f"error at 1:{max(1, int(m[1]) - width)}",
                    str(error),
                )
            ) from error
        try:
            result = Result.parse(BytesIO(body), content_type=content_type)
        except Exception as error:  # any parser failure means "not SPARQL results"
            raise EndpointError(
                f"{url} did not answer with SPARQL results (got {content_type or 'no type'}); "
                "is it a SPARQL query endpoint? Oxigraph's is http://HOST:PORT/query"
            ) from error
        if result.type == "SELECT":
            result.bindings = [
                {name: _rdf11(term) for name, term in row.items()} for row in result.bindings
            ]
        return result

    def _update(self, update: str) -> None:
        _post(self.update_endpoint, update, "application/sparql-update", self.timeout)  # type: ignore[attr-defined]

    def _inject_prefixes(self, query: str, extra_bindings: Any) -> str:
        """Prefixes on the query's first line, so a server's error line numbers stay right."""
        bindings = {**self.nsBindings, **dict(extra_bindings)}  # type: ignore[attr-defined]
        declared = " ".join(f"PREFIX {k}: <{v}>" for k, v in sorted(bindings.items()))
        self._prefix_width = len(declared) + 1 if declared else 0
        return f"{declared} {query}" if declared else query


# context_aware=False: the graph is the endpoint's default graph; rdflib would
# otherwise send our graph's identifier as default-graph-uri and query an empty graph.
class _QueryStore(_Http, SPARQLStore):
    def __init__(self, url: str, timeout: float) -> None:
        SPARQLStore.__init__(self, url, context_aware=False, returnFormat="json")
        self.timeout = timeout


class _UpdateStore(_Http, SPARQLUpdateStore):
    def __init__(self, url: str, update_url: str, timeout: float) -> None:
        SPARQLUpdateStore.__init__(self, url, update_url, context_aware=False, returnFormat="json")
        self.timeout = timeout


def _rdf11(term: Any) -> Any:
    """A plain literal as ``xsd:string``, as RDF 1.1 (and the embedded store) has it."""
    if isinstance(term, rdflib.Literal) and term.datatype is None and term.language is None:
        return rdflib.Literal(str(term), datatype=XSD.string)
    return term


def _post(
    url: str, body: str, content_type: str, timeout: float, *, accept: str | None = None
) -> tuple[bytes, str]:
    """POST a query or update; return the answer's bytes and media type.

    Raises:
        QueryError: the server rejected the request as malformed (HTTP 400).
        EndpointError: anything else going wrong, with what to check next.
    """
    headers = {"Content-Type": f"{content_type}; charset=utf-8", "User-Agent": _USER_AGENT}
    if accept:
        headers["Accept"] = accept
    request = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read()
            media = (response.headers.get("Content-Type") or "").split(";")[0].strip()
            return data, media
    except urllib.error.HTTPError as error:
        detail = _short(error.read().decode("utf-8", "replace"))
        if error.code == 400:
            raise QueryError(f"the endpoint {url} rejected the request: {detail}") from error
        hint = {
            401: "it needs credentials",
            403: "it refuses this client or operation",
            404: "check the URL path (Oxigraph uses /query and /update)",
            405: "this URL does not accept POST; is it the right endpoint?",
        }.get(error.code, "check the server's log")
        raise EndpointError(
            f"the endpoint {url} answered HTTP {error.code} {error.reason}: {detail or '-'}; {hint}"
        ) from error
    except TimeoutError as error:
        raise EndpointError(
            f"the endpoint {url} did not answer within {timeout:g} s; "
            "check that it is up, or narrow the query"
        ) from error
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise EndpointError(
                f"the endpoint {url} did not answer within {timeout:g} s; "
                "check that it is up, or narrow the query"
            ) from error
        raise EndpointError(
            f"cannot reach the endpoint {url}: {getattr(reason, 'strerror', None) or reason}; "
            "check the URL and that the server is running"
        ) from error
    except (ConnectionError, OSError) as error:
        raise EndpointError(
            f"the connection to the endpoint {url} failed: {error}; "
            "check that the server is running"
        ) from error


def _short(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# ---------------------------------------------------------------- pushing data


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
    clear: bool = False,
    chunk: int = CHUNK_TRIPLES,
    timeout: float = TIMEOUT,
    progress: Progress | None = None,
) -> PushSummary:
    """Send RDF files to a SPARQL 1.1 Update endpoint with ``INSERT DATA``, in chunks.

    Triples without blank nodes go in chunks of ``chunk``. Triples with blank
    nodes (ordered author lists, for instance) go together in the last
    request: a blank node label means one node only within one request.

    Args:
        paths: the RDF files (already expanded; see ``store.expand_paths``).
        update_url: e.g. ``http://localhost:7878/update``.
        clear: first remove everything from the endpoint's default graph.
        chunk: triples per request.
        timeout: seconds to wait for any one request.
        progress: called with (files done, files) after each file.

    Returns:
        Counts of what was sent.

    Raises:
        DataLoadError: a file cannot be read or parsed (files before it were sent).
        EndpointError: the endpoint is unreachable or fails.
        QueryError: the endpoint rejected an update.
    """
    _check_url(update_url, "--update-endpoint")
    from nngraph.store.files import parse_failure

    requests = triples = 0

    def send(lines: list[str]) -> None:
        nonlocal requests
        _post(
            update_url,
            "INSERT DATA {\n" + "".join(lines) + "}",
            "application/sparql-update",
            timeout,
        )
        requests += 1

    if clear:
        _post(update_url, "CLEAR DEFAULT", "application/sparql-update", timeout)
        requests += 1
    with_blanks: list[str] = []
    for number, path in enumerate(paths, 1):
        check_readable(path)
        fmt = pyoxigraph.RdfFormat.from_extension(_OX_EXTENSIONS[rdf_format(path)])
        batch: list[str] = []
        try:
            quads = pyoxigraph.parse(
                path=str(path),
                format=fmt,
                base_iri=path.resolve().as_uri(),
                rename_blank_nodes=True,  # _:b0 in two files are two nodes
            )
            for quad in quads:
                line = f"{quad.subject} {quad.predicate} {quad.object} .\n"
                triples += 1
                if isinstance(quad.subject, pyoxigraph.BlankNode) or isinstance(
                    quad.object, pyoxigraph.BlankNode
                ):
                    with_blanks.append(line)
                    continue
                batch.append(line)
                if len(batch) >= chunk:
                    send(batch)
                    batch = []
        except (SyntaxError, ValueError) as error:
            raise parse_failure(path, error) from error
        if batch:
            send(batch)
        if progress is not None:
            progress(number, len(paths))
    if with_blanks:
        send(with_blanks)
    return PushSummary(files=len(paths), triples=triples, requests=requests)


_OX_EXTENSIONS = {"ox-turtle": "ttl", "ox-nt": "nt", "ox-json-ld": "jsonld", "ox-xml": "rdf"}
