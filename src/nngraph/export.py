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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from rdflib.namespace import RDF

from nngraph.errors import NngraphError
from nngraph.vocab import PREFIXES, WORK, compact

FORMATS = ("ttl", "nt", "jsonld", "graphml", "gexf", "csv", "bibtex")
RDF_FORMATS = ("ttl", "nt", "jsonld")
TABLES = ("works", "authors", "topics", "coverage")

# ---------------------------------------------------------------- the shared record

# Work classes the shapes check, most specific first: a work typed twice is
# reported under the first of its types found here.
WORK_TYPES = (
    "nn:LectureNotes",
    "schema:Thesis",
    "schema:Report",
    "schema:Chapter",
    "schema:Course",
    "schema:ScholarlyArticle",
    "schema:Article",
    "schema:Book",
)


@dataclass(frozen=True)
class Person:
    """An author: IRI and display name."""

    iri: str
    name: str


@dataclass
class Work:
    """One work with the metadata BibTeX, CSV and graph exports carry.

    Attributes:
        iri: the work's IRI.
        type: its class, compact (``schema:Book``, ``nn:LectureNotes``).
        title: ``schema:name``.
        subtitle: ``schema:alternativeHeadline``, if any.
        authors: in order (``nn:authorList``; authors missing from it follow, by IRI).
        year: ``schema:datePublished`` as an int.
        isbn: every ``schema:isbn``, sorted.
    """

    iri: str
    type: str
    title: str
    subtitle: str | None = None
    authors: list[Person] = field(default_factory=list)
    year: int | None = None
    publisher: str | None = None
    venue: str | None = None
    isbn: list[str] = field(default_factory=list)
    doi: str | None = None
    arxiv_id: str | None = None
    url: str | None = None
    free: bool | None = None
    exercises: bool | None = None
    status: str | None = None
    comment: str | None = None
    source: str | None = None

    @property
    def id(self) -> str:
        """The local name of the IRI (``goodfellow2016``), or the whole IRI outside work:."""
        return self.iri[len(str(WORK)) :] if self.iri.startswith(str(WORK)) else self.iri

    def identity(self) -> tuple:
        """What must survive a BibTeX round trip: type, title, authors, year and ids."""
        return (
            self.type,
            self.title,
            self.subtitle,
            tuple(p.name for p in self.authors),
            self.year,
            tuple(self.isbn),
            self.doi,
            self.arxiv_id,
            self.url,
            self.publisher,
            self.venue,
        )


_WORKS_QUERY = """
SELECT ?work ?type ?name ?subtitle ?year ?publisher ?venue ?doi ?arxiv ?url ?free ?exercises
       ?status ?comment
WHERE {
  VALUES ?type { $types }
  ?work a ?type ; schema:name ?name .
  OPTIONAL { ?work schema:alternativeHeadline ?subtitle }
  OPTIONAL { ?work schema:datePublished ?year }
  OPTIONAL { ?work schema:publisher ?publisher }
  OPTIONAL { ?work nn:venue ?venue }
  OPTIONAL { ?work nn:doi ?doi }
  OPTIONAL { ?work nn:arxivId ?arxiv }
  OPTIONAL { ?work schema:url ?url }
  OPTIONAL { ?work schema:isAccessibleForFree ?free }
  OPTIONAL { ?work nn:hasExercises ?exercises }
  OPTIONAL { ?work nn:status ?status }
  OPTIONAL { ?work rdfs:comment ?comment }
}
ORDER BY ?work
""".replace("$types", " ".join(WORK_TYPES))

_ISBN_QUERY = "SELECT ?work ?isbn WHERE { ?work schema:isbn ?isbn } ORDER BY ?work ?isbn"
_AUTHOR_QUERY = """
SELECT ?work ?person ?name WHERE {
  ?work schema:author ?person . OPTIONAL { ?person schema:name ?name }
} ORDER BY ?work ?person
"""
_LIST_HEAD_QUERY = "SELECT ?work ?head WHERE { ?work nn:authorList ?head } ORDER BY ?work"
_LIST_CELL_QUERY = """
SELECT ?cell ?first ?rest WHERE {
  ?work nn:authorList/rdf:rest* ?cell . ?cell rdf:first ?first ; rdf:rest ?rest
}
"""


def read_works(graph: rdflib.Graph) -> list[Work]:
    """Every work in the graph with its metadata, sorted by IRI.

    Uses only SPARQL, so it works on the embedded store and on a remote endpoint.

    Args:
        graph: the graph from ``nngraph.load`` (or any rdflib graph).

    Returns:
        One :class:`Work` per work IRI; multi-valued fields keep their first value
        in IRI/lexical order (except ISBNs, which are all kept).
    """
    works: dict[str, Work] = {}
    rank = {name: i for i, name in enumerate(WORK_TYPES)}
    for row in graph.query(_WORKS_QUERY, initNs=PREFIXES):
        iri = str(row[0])
        kind = compact(row[1])
        work = works.setdefault(iri, Work(iri=iri, type=kind, title=str(row[2])))
        if rank[kind] < rank[work.type]:
            work.type = kind
        _fill(work, row)
    for work_iri, isbn in graph.query(_ISBN_QUERY, initNs=PREFIXES):
        work = works.get(str(work_iri))
        if work is not None and str(isbn) not in work.isbn:
            work.isbn.append(str(isbn))
    _read_authors(graph, works)
    return [works[iri] for iri in sorted(works)]


def _fill(work: Work, row: Sequence) -> None:
    """Set the optional fields still unset from one result row."""
    _, _, _, subtitle, year, publisher, venue, doi, arxiv, url, free, exercises, status, comment = (
        row
    )
    if work.subtitle is None and subtitle is not None:
        work.subtitle = str(subtitle)
    if work.year is None and year is not None:
        match = re.match(r"-?\d{4}", str(year))
        work.year = int(match.group(0)) if match else None
    for name, value in (
        ("publisher", publisher),
        ("venue", venue),
        ("doi", doi),
        ("arxiv_id", arxiv),
        ("url", url),
        ("comment", comment),
    ):
        if getattr(work, name) is None and value is not None:
            setattr(work, name, str(value))
    if work.free is None and free is not None:
        work.free = str(free).lower() in ("true", "1")
    if work.exercises is None and exercises is not None:
        work.exercises = str(exercises).lower() in ("true", "1")
    if work.status is None and status is not None:
        work.status = compact(status)


def _read_authors(graph: rdflib.Graph, works: dict[str, Work]) -> None:
    names: dict[str, dict[str, str]] = {}
    for work_iri, person, name in graph.query(_AUTHOR_QUERY, initNs=PREFIXES):
        per_work = names.setdefault(str(work_iri), {})
        if str(person) not in per_work or (name is not None and not per_work[str(person)]):
            per_work[str(person)] = str(name) if name is not None else ""
    cells: dict[rdflib.term.Node, tuple[rdflib.term.Node, rdflib.term.Node]] = {
        cell: (first, rest) for cell, first, rest in graph.query(_LIST_CELL_QUERY, initNs=PREFIXES)
    }
    heads = {str(w): head for w, head in graph.query(_LIST_HEAD_QUERY, initNs=PREFIXES)}
    for iri, work in works.items():
        authors = names.get(iri, {})
        ordered: list[str] = []
        node = heads.get(iri)
        seen: set = set()
        while node is not None and node != RDF.nil and node in cells and node not in seen:
            seen.add(node)
            first, node = cells[node]
            if str(first) not in ordered:
                ordered.append(str(first))
        ordered += sorted(p for p in authors if p not in ordered)
        work.authors = [Person(p, authors.get(p) or p) for p in ordered]


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


# ---------------------------------------------------------------- networkx, GraphML, GEXF


@dataclass
class Topic:
    """A topic with its labels and links (the topics.csv row)."""

    iri: str
    label: str
    alt_labels: list[str] = field(default_factory=list)
    definition: str | None = None
    scheme: str | None = None
    broader: list[str] = field(default_factory=list)
    requires: list[str] = field(default_factory=list)


@dataclass
class Coverage:
    """One coverage claim (the coverage.csv row)."""

    iri: str
    work: str
    topic: str
    depth: str | None = None
    depth_rank: int | None = None
    exercises: bool | None = None
    locator: str | None = None
    status: str | None = None
    rationale: str | None = None
    sources: list[str] = field(default_factory=list)


_TOPICS_QUERY = """
SELECT ?topic ?label ?alt ?definition ?scheme WHERE {
  ?topic a skos:Concept .
  OPTIONAL { ?topic skos:prefLabel ?label }
  OPTIONAL { ?topic skos:altLabel ?alt }
  OPTIONAL { ?topic skos:definition ?definition }
  OPTIONAL { ?topic skos:inScheme ?scheme }
} ORDER BY ?topic ?label ?alt
"""
_LINKS_QUERY = """
SELECT ?topic ?relation ?other WHERE {
  VALUES ?relation { skos:broader nn:requires }
  ?topic a skos:Concept ; ?relation ?other .
} ORDER BY ?topic ?relation ?other
"""
_COVERAGE_QUERY = """
SELECT ?coverage ?work ?topic ?depth ?rank ?exercises ?locator ?status ?rationale ?source WHERE {
  ?coverage a nn:Coverage ; nn:work ?work ; nn:topic ?topic .
  OPTIONAL { ?coverage nn:depth ?depth OPTIONAL { ?depth nn:rank ?rank } }
  OPTIONAL { ?coverage nn:hasExercises ?exercises }
  OPTIONAL { ?coverage nn:locator ?locator }
  OPTIONAL { ?coverage nn:status ?status }
  OPTIONAL { ?coverage nn:rationale ?rationale }
  OPTIONAL { ?coverage dcterms:source ?source }
} ORDER BY ?coverage ?source
"""
_PEOPLE_QUERY = """
SELECT ?person ?name WHERE {
  ?person a schema:Person . OPTIONAL { ?person schema:name ?name }
} ORDER BY ?person ?name
"""


def read_topics(graph: rdflib.Graph) -> list[Topic]:
    """Every topic (``skos:Concept``) with labels, definition, broader and required topics.

    An English or untagged prefLabel is preferred; the IRI stands in when there is none.
    """
    topics: dict[str, Topic] = {}
    label_rank: dict[str, int] = {}  # 0 English, 1 untagged, 2 another language
    for iri, label, alt, definition, scheme in graph.query(_TOPICS_QUERY, initNs=PREFIXES):
        topic = topics.setdefault(str(iri), Topic(iri=str(iri), label=""))
        if label is not None:
            preference = {"en": 0, None: 1}.get(getattr(label, "language", None), 2)
            if preference < label_rank.get(topic.iri, 3):
                topic.label, label_rank[topic.iri] = str(label), preference
        if alt is not None and str(alt) not in topic.alt_labels:
            topic.alt_labels.append(str(alt))
        if definition is not None and topic.definition is None:
            topic.definition = str(definition)
        if scheme is not None and topic.scheme is None:
            topic.scheme = str(scheme)
    for iri, relation, other in graph.query(_LINKS_QUERY, initNs=PREFIXES):
        topic = topics.get(str(iri))
        if topic is not None:
            links = topic.broader if compact(relation) == "skos:broader" else topic.requires
            if str(other) not in links:
                links.append(str(other))
    for topic in topics.values():
        topic.label = topic.label or topic.iri
    return [topics[iri] for iri in sorted(topics)]


def read_coverage(graph: rdflib.Graph) -> list[Coverage]:
    """Every coverage claim, with its depth rank and all its sources."""
    claims: dict[str, Coverage] = {}
    for row in graph.query(_COVERAGE_QUERY, initNs=PREFIXES):
        iri, work, topic, depth, rank, exercises, locator, status, rationale, source = row
        claim = claims.setdefault(
            str(iri), Coverage(iri=str(iri), work=str(work), topic=str(topic))
        )
        if depth is not None and claim.depth is None:
            claim.depth = compact(depth).removeprefix("nn:")
            claim.depth_rank = int(rank) if rank is not None else None
        if exercises is not None and claim.exercises is None:
            claim.exercises = str(exercises).lower() in ("true", "1")
        for name, value in (("locator", locator), ("rationale", rationale)):
            if value is not None and getattr(claim, name) is None:
                setattr(claim, name, str(value))
        if status is not None and claim.status is None:
            claim.status = compact(status).removeprefix("nn:")
        if source is not None and str(source) not in claim.sources:
            claim.sources.append(str(source))
    return [claims[iri] for iri in sorted(claims)]


def read_people(graph: rdflib.Graph) -> list[Person]:
    """Every ``schema:Person`` with its name (the IRI when it has none), sorted by IRI."""
    people: dict[str, Person] = {}
    for iri, name in graph.query(_PEOPLE_QUERY, initNs=PREFIXES):
        if str(iri) not in people or (name is not None and people[str(iri)].name == str(iri)):
            people[str(iri)] = Person(str(iri), str(name) if name is not None else str(iri))
    return [people[iri] for iri in sorted(people)]


def to_networkx(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """Works, people and topics as typed nodes, and the links between them as typed edges.

    Node ids are IRIs; every node has ``kind`` (work, person or topic) and
    ``label``, works also ``type``, ``year`` and their identifiers. Edges carry
    ``relation``: ``authored`` (person -> work, with ``position`` in the author
    list), ``covers`` (work -> topic, with ``depth``, ``depth_rank``,
    ``exercises``, ``locator``, ``coverage``), ``requires`` and ``broader``
    (topic -> topic). Attributes that are unknown are left out, not set to None,
    so the graph writes to GraphML and GEXF as it is.

    Returns:
        A MultiDiGraph whose edge keys are the relation (the coverage IRI for ``covers``).
    """
    out = nx.MultiDiGraph(name="nngraph")
    for person in read_people(graph):
        out.add_node(person.iri, kind="person", label=person.name)
    for work in read_works(graph):
        out.add_node(work.iri, **_present(kind="work", **_work_attributes(work)))
        for position, person in enumerate(work.authors, start=1):
            if person.iri not in out:
                out.add_node(person.iri, kind="person", label=person.name)
            out.add_edge(
                person.iri, work.iri, key="authored", relation="authored", position=position
            )
    topics = read_topics(graph)
    for topic in topics:
        out.add_node(topic.iri, **_present(kind="topic", label=topic.label, scheme=topic.scheme))
    for topic in topics:
        for relation, others in (("requires", topic.requires), ("broader", topic.broader)):
            for other in others:
                if other not in out:
                    out.add_node(other, kind="topic", label=other)
                out.add_edge(topic.iri, other, key=relation, relation=relation)
    for claim in read_coverage(graph):
        for end, kind in ((claim.work, "work"), (claim.topic, "topic")):
            if end not in out:
                out.add_node(end, kind=kind, label=end)
        out.add_edge(
            claim.work,
            claim.topic,
            key=claim.iri,
            **_present(
                relation="covers",
                coverage=claim.iri,
                depth=claim.depth,
                depth_rank=claim.depth_rank,
                exercises=claim.exercises,
                locator=claim.locator,
                status=claim.status,
            ),
        )
    return out


def _work_attributes(work: Work) -> dict[str, Any]:
    return {
        "label": work.title,
        "type": work.type,
        "subtitle": work.subtitle,
        "year": work.year,
        "publisher": work.publisher,
        "venue": work.venue,
        "isbn": "; ".join(work.isbn) or None,
        "doi": work.doi,
        "arxiv_id": work.arxiv_id,
        "url": work.url,
        "free": work.free,
        "exercises": work.exercises,
        "status": work.status.removeprefix("nn:") if work.status else None,
    }


def _present(**attributes: Any) -> dict[str, Any]:
    """The attributes that have a value: GraphML and GEXF cannot write None."""
    return {name: value for name, value in attributes.items() if value is not None}


def export_network(graph: rdflib.Graph, fmt: str) -> bytes:
    """The :func:`to_networkx` graph as GraphML or GEXF (UTF-8 XML).

    Raises:
        NngraphError: ``fmt`` is not ``graphml`` or ``gexf``.
    """
    network = to_networkx(graph)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(network, buffer, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(network, buffer, encoding="utf-8")
    else:
        raise NngraphError(f"unknown graph format {fmt!r}; use graphml or gexf")
    return buffer.getvalue()


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
        from nngraph.bibtex import to_bibtex

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
