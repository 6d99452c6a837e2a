"""Reading RDF files: where the bundled data lives, formats, checks, and parsing into a store.

The helpers that the in-memory loader, the on-disk cache and the endpoint push
all need, kept below all three so none of them imports another. Files are
always parsed by Oxigraph's parsers: they are an order of magnitude faster than
rdflib's and report the exact line and column of a syntax error, which becomes
a one-line ``FILE:LINE`` message.
"""

from __future__ import annotations

import codecs
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph
import rdflib
from rdflib.term import Node

from nngraph.errors import DataLoadError, NngraphError
from nngraph.store.oxigraph_bridge import oxigraph_graph, oxigraph_of

BACKENDS = ("oxigraph", "memory")

# Called as progress(bytes_done, bytes_total) while files are parsed.
Progress = Callable[[int, int], None]

_CHUNK = 1 << 20

# File extension -> parser name (oxrdflib's plugin names, mapped to Oxigraph's formats below).
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
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "ontology").is_dir():
        return checkout
    raise NngraphError("the bundled ontology/ and data/ folders are missing; reinstall nngraph")


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


def check_readable(path: Path, *, digest: Any = None, utf8: bool = True) -> None:
    """Reject files no RDF parser should see: missing, empty, binary or not UTF-8.

    The file is read in chunks, so a large file costs no more memory than a
    small one; when ``digest`` (a hashlib object) is given it is fed the same
    bytes, so the cache key costs no second read. ``utf8=False`` leaves out
    the UTF-8 check (0.1 s per 100 MB) for callers that parse the file next:
    Oxigraph's parsers reject bad UTF-8 in every format, and the parse error
    path then runs the full check to name the cause (``parse_failure``).

    Raises:
        DataLoadError: naming the file (and the line, for bad UTF-8).
    """
    decoder = codecs.getincrementaldecoder("utf-8")() if utf8 else None
    blank = True
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                if digest is not None:
                    digest.update(chunk)
                if b"\x00" in chunk:
                    raise DataLoadError(path, "file is binary (contains NUL bytes), not RDF text")
                blank = blank and not chunk.strip()
                if decoder is not None:
                    decoder.decode(chunk)
            if decoder is not None:
                decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise DataLoadError(
            path, "file is not UTF-8 text; re-save it as UTF-8", _bad_utf8_line(path)
        ) from error
    except OSError as error:
        raise DataLoadError(path, error.strerror or str(error)) from error
    if blank:
        raise DataLoadError(path, "file is empty; an RDF file needs at least one triple")


def _bad_utf8_line(path: Path) -> int:
    """The line of the first invalid UTF-8 byte (rare path: reads the file whole)."""
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return raw[: error.start].count(b"\n") + 1
    return 1


def parse_into(
    graph: rdflib.Graph, path: Path, *, progress: Progress | None = None, checked: bool = False
) -> None:
    """Parse one RDF file into ``graph``, turning parser errors into DataLoadError.

    Args:
        graph: an Oxigraph-backed or rdflib memory graph.
        path: the file; its extension chooses the parser.
        progress: called with (bytes read, file size) as parsing advances.
        checked: the caller has run ``check_readable`` on the file already.

    Raises:
        DataLoadError: with the file and the line of the first syntax error.
    """
    fmt = rdf_format(path)
    if not checked:
        check_readable(path, utf8=False)
    inner = oxigraph_of(graph)
    if inner is not None:
        load_into_oxigraph(inner, path, progress=progress)
        return
    try:
        graph.addN((*triple, graph) for triple in _parsed_triples(path, fmt))
    except (SyntaxError, ValueError, OSError) as error:
        raise parse_failure(path, error) from error


def load_into_oxigraph(
    store: pyoxigraph.Store, path: Path, *, bulk: bool = False, progress: Progress | None = None
) -> None:
    """Parse one (already checked) file straight into a pyoxigraph Store's default graph.

    ``bulk`` uses Oxigraph's bulk loader, the fast way to fill an on-disk store;
    the transactional ``load`` is faster for an in-memory one. Relative IRIs
    resolve against the file's own URL, as rdflib would resolve them.

    Raises:
        DataLoadError: with the file and the line of the first syntax error.
    """
    ox_format = pyoxigraph.RdfFormat.from_extension(_OX_EXTENSIONS[rdf_format(path)])
    loader = store.bulk_load if bulk else store.load
    where = {
        "format": ox_format,
        "base_iri": path.resolve().as_uri(),
        "to_graph": pyoxigraph.DefaultGraph(),
    }
    try:
        if progress is None:  # Oxigraph reading the file itself is fastest
            loader(path=str(path), **where)
        else:
            with path.open("rb") as raw:
                counting = _CountingReader(raw, path.stat().st_size, progress)
                loader(input=io.BufferedReader(counting, _CHUNK), **where)
    except (SyntaxError, ValueError, OSError) as error:
        raise parse_failure(path, error) from error


class _CountingReader(io.RawIOBase):
    """A file reader that reports how far the parser has read."""

    def __init__(self, raw: io.BufferedReader, size: int, progress: Progress) -> None:
        self._raw = raw
        self._size = size
        self._done = 0
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self._raw.readinto(buffer) or 0
        self._done += count
        self._progress(self._done, self._size)
        return count


def parse_failure(path: Path, error: Exception) -> DataLoadError:
    """The one-line error for a file the parser rejected.

    A file that is not UTF-8 gets that said plainly, with its line (the
    parser's own words are about byte sequences); anything else is the
    parser's message at its line. JSON-LD and RDF/XML report some errors as
    ValueError or OSError.
    """
    try:
        check_readable(path)
    except DataLoadError as cause:
        return cause
    if isinstance(error, SyntaxError):
        message = str(error.msg if hasattr(error, "msg") else error)
        return DataLoadError(path, _one_line(message), error.lineno)
    return DataLoadError(path, _one_line(str(error)))


def _parsed_triples(path: Path, fmt: str) -> Iterator[tuple[Node, Node, Node]]:
    """Oxigraph-parsed triples as rdflib terms, with simple literals kept simple.

    Oxigraph reports a plain string literal as typed ``xsd:string`` (RDF 1.1);
    rdflib's memory store compares ``Literal("x")`` and
    ``Literal("x", datatype=XSD.string)`` as different terms, so we drop the
    redundant datatype to keep both backends answering alike.
    """
    ox_format = pyoxigraph.RdfFormat.from_extension(_OX_EXTENSIONS[fmt])
    quads = pyoxigraph.parse(
        path=str(path),
        format=ox_format,
        base_iri=path.resolve().as_uri(),
        rename_blank_nodes=True,  # _:b0 in two files are two nodes, as rdflib has it
    )
    for quad in quads:
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
        return oxigraph_graph(pyoxigraph.Store())
    if backend == "memory":
        return rdflib.Graph()
    raise NngraphError(f"unknown store backend {backend!r}; use one of {', '.join(BACKENDS)}")


def parse_files(
    sources: Sequence[Path],
    *,
    backend: str = "oxigraph",
    progress: Progress | None = None,
    checked: bool = False,
) -> rdflib.Graph:
    """Parse RDF files, in order, into one new graph on the named backend.

    ``checked`` skips ``check_readable`` for files the caller has just checked
    (reading a 500 MB file twice costs half a second).

    Raises:
        DataLoadError: a file is missing, unreadable or not valid RDF.
        NngraphError: the backend name is not one of BACKENDS.
    """
    graph = new_graph(backend)
    report = _overall_progress(sources, progress)
    for path in sources:
        parse_into(graph, path, progress=report(path) if report else None, checked=checked)
    return graph


def _overall_progress(
    sources: Sequence[Path], progress: Progress | None
) -> Callable[[Path], Progress] | None:
    """Turn per-file progress into progress over all files: ``report(path)`` -> callback."""
    if progress is None:
        return None
    sizes = {path: path.stat().st_size for path in sources}
    total = sum(sizes.values())
    offsets: dict[Path, int] = {}
    running = 0
    for path in sources:
        offsets[path] = running
        running += sizes[path]

    def report(path: Path) -> Progress:
        return lambda done, _size: progress(offsets[path] + done, total)

    return report


def content_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks, with the cheap readability checks.

    UTF-8 is left to the parser that reads the file next (see ``check_readable``).

    Raises:
        DataLoadError: the file is missing, empty or binary.
    """
    digest = hashlib.sha256()
    check_readable(path, digest=digest, utf8=False)
    return digest.hexdigest()
