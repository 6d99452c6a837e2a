"""Works and their authors as plain records, read from any graph with SPARQL.

:class:`Work` is the record that BibTeX import and export, the CSV tables and
the graph exports share; :func:`read_works` reads it from the embedded store or
a remote endpoint alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import rdflib
from rdflib.namespace import RDF

from nngraph.vocab import PREFIXES, WORK, compact

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
        isbn: every ``schema:isbn`` of the work and of its editions, sorted.
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
  FILTER NOT EXISTS { ?work schema:exampleOfWork ?workOfEdition }
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

# A work's ISBNs are its own and those of its editions (schema:workExample): each
# edition of a book has its own ISBN, and any of them identifies the work.
_ISBN_QUERY = """
SELECT ?work ?isbn WHERE {
  { ?work schema:isbn ?isbn } UNION { ?work schema:workExample/schema:isbn ?isbn }
} ORDER BY ?work ?isbn
"""
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


_PEOPLE_QUERY = """
SELECT ?person ?name WHERE {
  ?person a schema:Person . OPTIONAL { ?person schema:name ?name }
} ORDER BY ?person ?name
"""


def read_people(graph: rdflib.Graph) -> list[Person]:
    """Every ``schema:Person`` with its name (the IRI when it has none), sorted by IRI."""
    people: dict[str, Person] = {}
    for iri, name in graph.query(_PEOPLE_QUERY, initNs=PREFIXES):
        if str(iri) not in people or (name is not None and people[str(iri)].name == str(iri)):
            people[str(iri)] = Person(str(iri), str(name) if name is not None else str(iri))
    return [people[iri] for iri in sorted(people)]
