"""One record at a time: a work, a topic or an author as a profile (plain dicts), and as text.

What ``nngraph show`` prints: everything the graph says about one thing,
without writing SPARQL. A work's coverage is listed in locator order (ch. 2
before ch. 10), so it reads like the book's table of contents.
"""

from __future__ import annotations

import re
from typing import Any

import rdflib
from rdflib import URIRef

from nngraph.query.run import run_query
from nngraph.records.topics import topic_graph
from nngraph.records.works import read_people, read_works
from nngraph.vocab import DEPTHS, compact

_CLAIMS = """
SELECT ?coverage ?work ?title ?year ?topic ?depth ?status ?exercises ?locator ?editionName
       ?editionYear WHERE {
  ?coverage a nn:Coverage ; nn:work ?work ; nn:topic ?topic .
  ?work schema:name ?title .
  OPTIONAL { ?work schema:datePublished ?published }
  BIND (SUBSTR(STR(?published), 1, 4) AS ?year)
  OPTIONAL { ?coverage nn:depth ?depth }
  OPTIONAL { ?coverage nn:status ?status }
  OPTIONAL { ?coverage nn:hasExercises ?exercises }
  OPTIONAL { ?coverage nn:locator ?locator }
  OPTIONAL {
    ?coverage nn:edition ?edition .
    OPTIONAL { ?edition schema:bookEdition ?editionName }
    OPTIONAL { ?edition schema:datePublished ?editionPublished }
  }
  BIND (SUBSTR(STR(?editionPublished), 1, 4) AS ?editionYear)
} ORDER BY ?coverage
"""
_EDITIONS = """
SELECT ?edition ?name ?published ?publisher ?isbn WHERE {
  ?work schema:workExample ?edition .
  OPTIONAL { ?edition schema:bookEdition ?name }
  OPTIONAL { ?edition schema:datePublished ?published }
  OPTIONAL { ?edition schema:publisher ?publisher }
  OPTIONAL { ?edition schema:isbn ?isbn }
} ORDER BY ?published ?edition ?isbn
"""
_DEFINITION = "SELECT ?definition WHERE { ?topic skos:definition ?definition } ORDER BY ?definition"


def locator_key(locator: str | None) -> tuple:
    """Sort key by the numbers in a locator: ``ch. 2`` < ``§2.8`` < ``ch. 10``; none last."""
    if not locator:
        return (2, (), "")
    numbers = tuple(int(n) for n in re.findall(r"\d+", locator))
    return (0 if numbers else 1, numbers, locator.casefold())


def _bound(query: str, **bound: str) -> str:
    """The query with ``VALUES ?name { <iri> }`` at the top of its WHERE clause.

    IRIs read from the graph, serialised by rdflib: never pasted user text. A
    VALUES block inside the pattern restricts evaluation, where initBindings
    would need the variable projected.
    """
    block = " ".join(f"VALUES ?{k} {{ {URIRef(v).n3()} }}" for k, v in bound.items())
    return query.replace("WHERE {", "WHERE { " + block, 1)


def _claims(graph: rdflib.Graph, **bound: str) -> list[dict[str, Any]]:
    rows = run_query(graph, _bound(_CLAIMS, **bound)).values()
    for row in rows:
        row["depth"] = compact(URIRef(row["depth"])).removeprefix("nn:") if row["depth"] else None
        row["status"] = (
            compact(URIRef(row["status"])).removeprefix("nn:") if row["status"] else None
        )
        name, year = row.pop("editionName"), row.pop("editionYear")
        row["edition"] = " ".join(p for p in (f"{name} ed." if name else "", year or "") if p)
        row["edition"] = row["edition"] or None
    return rows


def work_profile(graph: rdflib.Graph, iri: str) -> dict[str, Any]:
    """A work with its metadata, editions, authors and coverage claims (in locator order)."""
    work = next(w for w in read_works(graph) if w.iri == iri)
    editions = {}
    for row in run_query(graph, _bound(_EDITIONS, work=iri)).values():
        entry = editions.setdefault(
            row["edition"],
            {
                "id": compact(URIRef(row["edition"])),
                "edition": row["name"],
                "year": str(row["published"])[:4] if row["published"] else None,
                "publisher": row["publisher"],
                "isbn": [],
            },
        )
        if row["isbn"] and row["isbn"] not in entry["isbn"]:
            entry["isbn"].append(row["isbn"])
    topics = topic_graph(graph)
    coverage = [
        {
            "topic": compact(URIRef(c["topic"])),
            "label": topics.label(c["topic"]),
            "depth": c["depth"],
            "status": c["status"],
            "exercises": c["exercises"],
            "edition": c["edition"],
            "locator": c["locator"],
        }
        for c in _claims(graph, work=iri)
    ]
    coverage.sort(key=lambda c: (locator_key(c["locator"]), c["label"].casefold()))
    return {
        "kind": "work",
        "id": compact(URIRef(iri)),
        "iri": iri,
        "type": work.type,
        "title": work.title,
        "subtitle": work.subtitle,
        "authors": [{"name": p.name, "id": compact(URIRef(p.iri))} for p in work.authors],
        "year": work.year,
        "publisher": work.publisher,
        "venue": work.venue,
        "doi": work.doi,
        "arxiv_id": work.arxiv_id,
        "url": work.url,
        "free": work.free,
        "exercises": work.exercises,
        "status": work.status.removeprefix("nn:") if work.status else None,
        "editions": list(editions.values()),
        "coverage": coverage,
    }


def topic_profile(graph: rdflib.Graph, iri: str) -> dict[str, Any]:
    """A topic: definition, broader and narrower topics, prerequisites and dependents
    (direct ones), and the works that treat it, deepest first."""
    topics = topic_graph(graph)
    definitions = run_query(graph, _bound(_DEFINITION, topic=iri)).values()
    authors = {w.iri: [p.name for p in w.authors] for w in read_works(graph)}

    def named(iris: Any) -> list[dict[str, str]]:
        rows = [{"id": compact(URIRef(t)), "label": topics.label(t)} for t in iris]
        return sorted(rows, key=lambda r: r["label"].casefold())

    by_depth: dict[str, list[dict[str, Any]]] = {}
    for claim in _claims(graph, topic=iri):
        names = authors.get(claim["work"], [])
        by_depth.setdefault(claim["depth"] or "unknown", []).append(
            {
                "id": compact(URIRef(claim["work"])),
                "title": claim["title"],
                "authors": names,
                "year": int(claim["year"]) if claim["year"] else None,
                "status": claim["status"],
                "exercises": claim["exercises"],
                "edition": claim["edition"],
                "locator": claim["locator"],
            }
        )
    order = [*reversed(DEPTHS), "unknown"]
    return {
        "kind": "topic",
        "id": compact(URIRef(iri)),
        "iri": iri,
        "label": topics.label(iri),
        "alt_labels": sorted(topics.alt_labels.get(iri, []), key=str.casefold),
        "group": iri in topics.groups,
        "definition": definitions[0]["definition"] if definitions else None,
        "broader": named(topics.broader.get(iri, ())),
        "narrower": named(topics.narrower(iri)),
        "prerequisites": named(topics.requires.get(iri, ())),
        "dependents": named(topics._required_by.get(iri, ())),
        "works": {
            depth: sorted(by_depth[depth], key=lambda w: (w["year"] or 0, w["title"]))
            for depth in order
            if depth in by_depth
        },
    }


def author_profile(graph: rdflib.Graph, iri: str) -> dict[str, Any]:
    """An author and their works, oldest first."""
    person = next(p for p in read_people(graph) if p.iri == iri)
    works = [
        {
            "id": compact(URIRef(w.iri)),
            "title": w.title,
            "year": w.year,
            "type": w.type,
            "position": [p.iri for p in w.authors].index(iri) + 1,
            "authors": [p.name for p in w.authors],
        }
        for w in read_works(graph)
        if iri in [p.iri for p in w.authors]
    ]
    works.sort(key=lambda w: (w["year"] or 0, w["title"]))
    return {
        "kind": "author",
        "id": compact(URIRef(iri)),
        "iri": iri,
        "name": person.name,
        "works": works,
    }


def profile(graph: rdflib.Graph, kind: str, iri: str) -> dict[str, Any]:
    """The profile of a ``work``, ``topic`` or ``author``."""
    return {"work": work_profile, "topic": topic_profile, "author": author_profile}[kind](
        graph, iri
    )


def render_profile(data: dict[str, Any], fmt: str = "text") -> str:
    """A profile as readable text or Markdown (``fmt``: text or markdown)."""
    md = fmt == "markdown"
    out: list[str] = []

    def head(text: str) -> None:
        out.append(f"# {text}" if md else text)
        out.append("" if md else "=" * len(text))

    def section(title: str, lines: list[str]) -> None:
        if lines:
            out.extend(
                [
                    "",
                    f"## {title}" if md else f"{title}:",
                    *(f"- {x}" if md else f"  {x}" for x in lines),
                ]
            )

    def field(name: str, value: Any) -> None:
        if value not in (None, "", []):
            shown = "yes" if value is True else "no" if value is False else value
            out.append(f"- **{name}**: {shown}" if md else f"{name + ':':<12}{shown}")

    if data["kind"] == "work":
        head(data["title"] + (f": {data['subtitle']}" if data["subtitle"] else ""))
        field("id", data["id"])
        field("type", data["type"])
        field("authors", ", ".join(a["name"] for a in data["authors"]))
        for name in (
            "year",
            "publisher",
            "venue",
            "doi",
            "arxiv_id",
            "url",
            "free",
            "exercises",
            "status",
        ):
            field(name, data[name])
        section("Editions", [_edition_line(e) for e in data["editions"]])
        section(
            "Coverage",
            [
                f"{c['locator'] or '?'}: {c['label']} ({c['depth']}"
                + (f", {c['status']}" if c["status"] else "")
                + (", exercises" if c["exercises"] else "")
                + (f", {c['edition']}" if c["edition"] else "")
                + ")"
                for c in data["coverage"]
            ],
        )
    elif data["kind"] == "topic":
        head(data["label"] + (" (topic group)" if data["group"] else ""))
        field("id", data["id"])
        field("also", "; ".join(data["alt_labels"]))
        field("definition", data["definition"])
        for name in ("broader", "narrower", "prerequisites", "dependents"):
            section(name.capitalize(), [f"{t['label']} ({t['id']})" for t in data[name]])
        for depth, works in data["works"].items():
            section(f"Works at depth {depth}", [_work_line(w) for w in works])
    else:
        head(data["name"])
        field("id", data["id"])
        section(
            "Works",
            [
                f"{w['title']} ({w['year']}) {w['id']}, author {w['position']} of "
                f"{len(w['authors'])}"
                for w in data["works"]
            ],
        )
    return "\n".join(out) + "\n"


def _edition_line(edition: dict[str, Any]) -> str:
    name = f"{edition['edition']} ed." if edition["edition"] else edition["id"]
    isbn = f"ISBN {', '.join(edition['isbn'])}" if edition["isbn"] else ""
    return " ".join(p for p in (name, edition["year"], edition["publisher"], isbn) if p)


def _work_line(work: dict[str, Any]) -> str:
    names = ", ".join(work["authors"][:2]) + (" et al." if len(work["authors"]) > 2 else "")
    year = f", {work['year']}" if work["year"] else ""
    status = f", {work['status']}" if work["status"] else ""
    return f"{work['title']} ({names}{year}) {work['id']}, {work['locator'] or '?'}{status}"
