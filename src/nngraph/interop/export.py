"""Export the graph in the formats other tools read: RDF, graph files, CSV tables, BibTeX.

- ``ttl``, ``nt``, ``jsonld``: every triple, written by Oxigraph's serializers;
  any RDF tool reads them, and so does ``nngraph --data``.
- ``graphml``, ``gexf``: works, people and topics as typed nodes, with authored,
  covers, requires and broader edges, for Gephi, Cytoscape and networkx.
- ``csv``: ``works.csv``, ``authors.csv``, ``topics.csv``, ``coverage.csv`` in one folder.
- ``bibtex``: the works, for reference managers and ``nngraph import bibtex``.

Everything is read with SPARQL (and rdflib's triple iteration for the RDF
formats), so an export works on the embedded store and on a remote endpoint.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import rdflib

from nngraph.errors import NngraphError
from nngraph.interop.export_network import export_network, to_networkx
from nngraph.records.topic_records import Coverage, Topic, read_coverage, read_topics
from nngraph.records.works import WORK_TYPES, Person, Work, read_people, read_works
from nngraph.vocab import PREFIXES

# The records, their readers and the graph exports live in works, topic_records and
# export_network now; listing them here keeps them importable from nngraph.export.
__all__ = [
    "FORMATS",
    "RDF_FORMATS",
    "TABLES",
    "WORK_TYPES",
    "Coverage",
    "Person",
    "Topic",
    "Work",
    "export_data",
    "export_network",
    "export_rdf",
    "export_tables",
    "read_coverage",
    "read_people",
    "read_topics",
    "read_works",
    "to_networkx",
    "write_export",
]

FORMATS = ("ttl", "nt", "jsonld", "graphml", "gexf", "csv", "bibtex")
RDF_FORMATS = ("ttl", "nt", "jsonld")
TABLES = ("works", "authors", "topics", "coverage")

# ---------------------------------------------------------------- RDF


def export_rdf(graph: rdflib.Graph, fmt: str) -> bytes:
    """Every triple of the graph as Turtle, N-Triples or JSON-LD, sorted so output is stable.

    Simple literals are written without ``^^xsd:string`` whichever store they come from.

    Raises:
        NngraphError: ``fmt`` is not one of ``ttl``, ``nt``, ``jsonld``.
    """
    import pyoxigraph as ox

    formats = {
        "ttl": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
    }
    if fmt not in formats:
        raise NngraphError(f"unknown RDF format {fmt!r}; use one of {', '.join(formats)}")
    triples = sorted(graph.triples((None, None, None)), key=lambda t: tuple(map(_sort_key, t)))
    data = ox.serialize(
        (ox.Triple(*(_to_oxigraph(term) for term in triple)) for triple in triples),
        format=formats[fmt],
        prefixes=PREFIXES if fmt == "ttl" else None,
    )
    if fmt == "jsonld":  # Oxigraph writes one line; indent it for people and diffs
        data = (json.dumps(json.loads(data), indent=2, ensure_ascii=False) + "\n").encode()
    return data


def _sort_key(term: rdflib.term.Node) -> tuple[int, str]:
    return (
        0 if isinstance(term, rdflib.URIRef) else 1 if isinstance(term, rdflib.BNode) else 2,
        str(term),
    )


def _to_oxigraph(term: rdflib.term.Node) -> Any:
    import pyoxigraph as ox

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", str(term)))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise NngraphError(f"cannot export the RDF term {term!r}")


# ---------------------------------------------------------------- CSV


def export_tables(graph: rdflib.Graph) -> dict[str, str]:
    """One CSV table per kind: ``works``, ``authors``, ``topics``, ``coverage``.

    Cells holding several values (authors, ISBNs, sources, labels) join them
    with ``"; "``, authors in their order. IRIs are written in full.

    Returns:
        Table name -> CSV text with a header row.
    """
    works = read_works(graph)
    counts: dict[str, int] = {}
    for work in works:
        for person in work.authors:
            counts[person.iri] = counts.get(person.iri, 0) + 1
    people = {p.iri: p for p in read_people(graph)}
    for work in works:
        for person in work.authors:
            people.setdefault(person.iri, person)
    rows: dict[str, tuple[list[str], list[list[Any]]]] = {
        "works": (
            [
                "id",
                "type",
                "title",
                "subtitle",
                "authors",
                "author_ids",
                "year",
                "publisher",
                "venue",
                "isbn",
                "doi",
                "arxiv_id",
                "url",
                "free",
                "exercises",
                "status",
            ],
            [
                [
                    w.iri,
                    w.type,
                    w.title,
                    w.subtitle,
                    _join(p.name for p in w.authors),
                    _join(p.iri for p in w.authors),
                    w.year,
                    w.publisher,
                    w.venue,
                    _join(w.isbn),
                    w.doi,
                    w.arxiv_id,
                    w.url,
                    w.free,
                    w.exercises,
                    w.status.removeprefix("nn:") if w.status else None,
                ]
                for w in works
            ],
        ),
        "authors": (
            ["id", "name", "works"],
            [[p.iri, p.name, counts.get(p.iri, 0)] for _, p in sorted(people.items())],
        ),
        "topics": (
            ["id", "label", "alt_labels", "definition", "scheme", "broader", "requires"],
            [
                [
                    t.iri,
                    t.label,
                    _join(t.alt_labels),
                    t.definition,
                    t.scheme,
                    _join(t.broader),
                    _join(t.requires),
                ]
                for t in read_topics(graph)
            ],
        ),
        "coverage": (
            [
                "id",
                "work",
                "topic",
                "depth",
                "depth_rank",
                "exercises",
                "locator",
                "status",
                "rationale",
                "sources",
            ],
            [
                [
                    c.iri,
                    c.work,
                    c.topic,
                    c.depth,
                    c.depth_rank,
                    c.exercises,
                    c.locator,
                    c.status,
                    c.rationale,
                    _join(c.sources),
                ]
                for c in read_coverage(graph)
            ],
        ),
    }
    return {name: _csv(header, body) for name, (header, body) in rows.items()}


def _join(values: Iterator[str] | Sequence[str]) -> str:
    return "; ".join(values)


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            ["" if v is None else str(v).lower() if isinstance(v, bool) else v for v in row]
        )
    return buffer.getvalue()


# ---------------------------------------------------------------- one entry point


def export_data(graph: rdflib.Graph, fmt: str) -> bytes:
    """A single-file export (every format but ``csv``) as bytes.

    Raises:
        NngraphError: ``fmt`` is unknown, or is ``csv`` (several files: use export_tables).
    """
    if fmt in RDF_FORMATS:
        return export_rdf(graph, fmt)
    if fmt in ("graphml", "gexf"):
        return export_network(graph, fmt)
    if fmt == "bibtex":
        from nngraph.interop.bibtex_write import to_bibtex

        return to_bibtex(read_works(graph)).encode("utf-8")
    if fmt == "csv":
        raise NngraphError("csv writes one file per table; name a folder with -o DIR")
    raise NngraphError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_export(
    graph: rdflib.Graph, fmt: str, output: Path | str, *, force: bool = False
) -> list[Path]:
    """Export the graph to a file (or, for ``csv``, to four files in a folder), atomically.

    Args:
        graph: the graph from ``nngraph.load``.
        fmt: one of FORMATS.
        output: the file, or for ``csv`` the folder (created if missing).
        force: replace existing files.

    Returns:
        The files written.

    Raises:
        OutputExistsError: a file exists and ``force`` is False (then nothing is written).
        NngraphError: unknown format, or ``output`` is not usable.
    """
    from nngraph.errors import OutputExistsError
    from nngraph.output import write_atomic

    target = Path(output)
    if fmt != "csv":
        return [write_atomic(target, export_data(graph, fmt), force=force)]
    if target.exists() and not target.is_dir():
        raise NngraphError(f"{target}: is a file; csv export needs a folder (-o DIR)")
    paths = [target / f"{name}.csv" for name in TABLES]
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise OutputExistsError(existing[0])
    tables = export_tables(graph)
    target.mkdir(parents=True, exist_ok=True)
    return [write_atomic(target / f"{name}.csv", tables[name], force=force) for name in TABLES]
