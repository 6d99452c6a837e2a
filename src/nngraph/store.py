"""Open the graph nngraph answers from: bundled ontology and data, user files, or an endpoint.

Backends are rdflib store plugins chosen by name (``oxigraph`` through oxrdflib,
``memory`` rdflib's own), so every caller holds a plain :class:`rdflib.Graph`.
Files are always parsed by Oxigraph's parsers (the ``ox-*`` rdflib plugins):
they are an order of magnitude faster than rdflib's and report the exact line
and column of a syntax error, which we turn into a one-line ``FILE:LINE``
message.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph
import rdflib
from oxrdflib import OxigraphStore
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from nngraph.errors import DataLoadError, NngraphError

BACKENDS = ("oxigraph", "memory")

# File extension -> rdflib parser plugin name (all provided by oxrdflib).
RDF_FORMATS = {
    ".ttl": "ox-turtle",
    ".turtle": "ox-turtle",
    ".nt": "ox-nt",
    ".ntriples": "ox-nt",
    ".jsonld": "ox-json-ld",
    ".json": "ox-json-ld",
    ".rdf": "ox-xml",
    ".owl": "ox-xml",
    ".xml": "ox-xml",
}


def bundled_root() -> Path:
    """The folder holding ``ontology/`` and ``data/``.

    An installed wheel carries them as ``nngraph/_bundled``; a source checkout
    (editable install, tests) has them at the repository root.
    """
    packaged = Path(str(files("nngraph"))) / "_bundled"
    if (packaged / "ontology").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "ontology").is_dir():
        return checkout
    raise NngraphError(
        "the bundled ontology/ and data/ folders are missing; reinstall nngraph"
    )


def ontology_path() -> Path:
    """The OWL ontology file (``ontology/nngraph.ttl``)."""
    return bundled_root() / "ontology" / "nngraph.ttl"


def shapes_path() -> Path:
    """The SHACL shapes file (``ontology/shapes.ttl``)."""
    return bundled_root() / "ontology" / "shapes.ttl"


def bundled_files(*, data: bool = True) -> list[Path]:
    """The ontology, plus every RDF file under ``data/`` unless ``data`` is False.

    The ontology always comes along: the depth ranks and the schema.org class
    hierarchy live there, and queries and shapes need them even for a user's
    own data alone.
    """
    return [ontology_path(), *(expand_paths([bundled_root() / "data"]) if data else [])]


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Turn files and folders into the RDF files they name.

    Folders are searched recursively for files with a known RDF extension;
    a named file must exist and have one.

    Raises:
        DataLoadError: a path does not exist or a named file has no RDF extension.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in RDF_FORMATS)
            )
        elif path.is_file():
            rdf_format(path)
            found.append(path)
        else:
            raise DataLoadError(path, "no such file or folder")
    return found


def rdf_format(path: Path) -> str:
    """The parser plugin for a file, chosen by its extension.

    Raises:
        DataLoadError: the extension is not one nngraph reads.
    """
    try:
        return RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(RDF_FORMATS))
        raise DataLoadError(
            path, f"unknown RDF file extension {path.suffix!r}; use one of {known}"
        ) from None


def check_readable(path: Path) -> None:
    """Reject files no RDF parser should see: missing, empty, binary or not UTF-8.

    Raises:
        DataLoadError: naming the file (and the line, for bad UTF-8).
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataLoadError(path, error.strerror or str(error)) from error
    if not raw.strip():
        raise DataLoadError(path, "file is empty; an RDF file needs at least one triple")
    if b"\x00" in raw:
        raise DataLoadError(path, "file is binary (contains NUL bytes), not RDF text")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataLoadError(path, "file is not UTF-8 text; re-save it as UTF-8", line) from error


def parse_into(graph: rdflib.Graph, path: Path) -> None:
    """Parse one RDF file into ``graph``, turning parser errors into DataLoadError.

    Raises:
        DataLoadError: with the file and the line of the first syntax error.
    """
    fmt = rdf_format(path)
    check_readable(path)
    try:
        if isinstance(graph.store, OxigraphStore):
            graph.parse(str(path), format=fmt)
        else:
            graph.addN((*triple, graph) for triple in _parsed_triples(path, fmt))
    except SyntaxError as error:
        message = str(error.msg if hasattr(error, "msg") else error)
        raise DataLoadError(path, _one_line(message), error.lineno) from error
    except (ValueError, OSError) as error:  # JSON-LD and RDF/XML report some errors so
        raise DataLoadError(path, _one_line(str(error))) from error


def _parsed_triples(path: Path, fmt: str) -> Iterator[tuple[Node, Node, Node]]:
    """Oxigraph-parsed triples as rdflib terms, with simple literals kept simple.

    Oxigraph reports a plain string literal as typed ``xsd:string`` (RDF 1.1);
    rdflib's memory store compares ``Literal("x")`` and
    ``Literal("x", datatype=XSD.string)`` as different terms, so we drop the
    redundant datatype to keep both backends answering alike.
    """
    ox_format = pyoxigraph.RdfFormat.from_extension(_OX_EXTENSIONS[fmt])
    for quad in pyoxigraph.parse(path=str(path), format=ox_format):
        yield tuple(_to_rdflib(term) for term in (quad.subject, quad.predicate, quad.object))


_OX_EXTENSIONS = {"ox-turtle": "ttl", "ox-nt": "nt", "ox-json-ld": "jsonld", "ox-xml": "rdf"}


def _to_rdflib(term: Any) -> Node:
    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype == _XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


_XSD_STRING = pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#string")


def _one_line(message: str) -> str:
    return " ".join(message.split())


def new_graph(backend: str = "oxigraph") -> rdflib.Graph:
    """An empty graph on the named backend, querying its default graph.

    Raises:
        NngraphError: the backend name is not one of BACKENDS.
    """
    if backend == "oxigraph":
        return rdflib.Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
    if backend == "memory":
        return rdflib.Graph()
    raise NngraphError(f"unknown store backend {backend!r}; use one of {', '.join(BACKENDS)}")


def load(
    paths: Sequence[Path | str] = (),
    *,
    bundled: bool = True,
    backend: str = "oxigraph",
) -> rdflib.Graph:
    """Load the bundled ontology and data plus the user's files into one graph.

    Args:
        paths: extra RDF files or folders (Turtle, N-Triples, JSON-LD, RDF/XML).
        bundled: include nngraph's curated data (the ontology is always loaded).
        backend: ``oxigraph`` (fast, default) or ``memory`` (rdflib's pure-Python store).

    Returns:
        An rdflib Graph holding the union of all the files.

    Raises:
        DataLoadError: a file is missing, unreadable or not valid RDF.
    """
    graph = new_graph(backend)
    sources = bundled_files(data=bundled) + expand_paths(paths)
    for path in sources:
        parse_into(graph, path)
    return graph
