"""What a graph already holds, so an import skips duplicate works and mints free IRIs."""

from __future__ import annotations

import rdflib

from nngraph.interop.normalise import isbn13, normal_isbn, normal_title, slug
from nngraph.records.works import Person, Work, read_works
from nngraph.vocab import PERSON, PREFIXES, WORK


class ImportIndex:
    """What the graph (and the entries imported so far) already hold, for duplicates and ids."""

    def __init__(self, graph: rdflib.Graph | None) -> None:
        self.by_doi: dict[str, str] = {}
        self.by_isbn: dict[str, str] = {}
        self.by_arxiv: dict[str, str] = {}
        self.by_title: dict[tuple[str, int], str] = {}
        self.work_ids: set[str] = set()
        self.people: dict[str, Person] = {}
        self.person_iris: set[str] = set()
        if graph is None:
            return
        for work in read_works(graph):
            self.add(work)
        query = "SELECT ?p ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?p"
        for iri, name in graph.query(query, initNs=PREFIXES):
            person = Person(str(iri), str(name))
            self.person_iris.add(person.iri)
            self.people.setdefault(person_key(person.name), person)
        query = "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), STR(work:))) }"
        rows = graph.query(query, initNs=PREFIXES)
        self.work_ids |= {str(row[0])[len(str(WORK)) :] for row in rows}

    def add(self, work: Work) -> None:
        name = f"{work.id} ({work.title}, {work.year})" if work.year else work.id
        if work.doi:
            self.by_doi.setdefault(work.doi.lower(), name)
        for isbn in work.isbn:
            if normal_isbn(isbn):
                self.by_isbn.setdefault(isbn13(normal_isbn(isbn) or isbn), name)
        if work.arxiv_id:
            self.by_arxiv.setdefault(work.arxiv_id, name)
        if work.year is not None:
            self.by_title.setdefault((normal_title(work.title), work.year), name)
            if work.subtitle:
                full = normal_title(f"{work.title} {work.subtitle}")
                self.by_title.setdefault((full, work.year), name)
        self.work_ids.add(work.id)

    def duplicate_of(self, work: Work) -> str | None:
        if work.doi and work.doi.lower() in self.by_doi:
            return f"same DOI {work.doi} as {self.by_doi[work.doi.lower()]}"
        for isbn in work.isbn:
            if isbn13(isbn) in self.by_isbn:
                return f"same ISBN {isbn} as {self.by_isbn[isbn13(isbn)]}"
        if work.arxiv_id and work.arxiv_id in self.by_arxiv:
            return f"same arXiv id {work.arxiv_id} as {self.by_arxiv[work.arxiv_id]}"
        titles = [normal_title(work.title)]
        if work.subtitle:
            titles.append(normal_title(f"{work.title} {work.subtitle}"))
        for title in titles:
            if (title, work.year) in self.by_title:
                return f"same title and year as {self.by_title[(title, work.year)]}"
        return None

    def work_id(self, base: str) -> str:
        """``base`` if free, else ``base`` + a, b, c … (then aa, ab …)."""
        if base not in self.work_ids:
            return base
        for n in range(1, 10_000):
            suffix = ""
            while n:
                n, r = divmod(n - 1, 26)
                suffix = chr(ord("a") + r) + suffix
            if base + suffix not in self.work_ids:
                return base + suffix
        raise AssertionError("unreachable: 10 000 works with one id")

    def person(self, name: str) -> Person:
        """The graph's person of that name (accents, case, middle initials aside), or a new one."""
        key = person_key(name)
        if key in self.people:
            return self.people[key]
        base = slug(name) or "person"
        candidate, n = base, 1
        while str(PERSON[candidate]) in self.person_iris:
            n += 1
            candidate = f"{base}-{n}"
        person = Person(str(PERSON[candidate]), name)
        self.person_iris.add(person.iri)
        self.people[key] = person
        return person


def person_key(name: str) -> str:
    """Accents, case, dots and middle initials ignored: "David I. Spivak" ~ "David Spivak"."""
    words = normal_title(name).split()
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)
