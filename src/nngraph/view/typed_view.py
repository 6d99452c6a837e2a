"""The typed view: a graph's works, authors and topics as a styled networkx graph.

This is where the graph view (``nngraph.view.network``) reads the graph and decides each
node's and edge's style, label and tooltip; it lays nothing out and renders
nothing, so it needs neither pyvis nor a template.

A handful of SPARQL queries read the works, authors, topics, coverage claims,
prerequisites (``nn:requires``) and broader links (``skos:broader``), so the
view also builds against a remote store. The result is an ``nx.MultiDiGraph``
whose node and edge attributes are already vis-network dicts (style, label,
plain-text tooltip); ``nngraph.view.network`` cuts its views from it and
``nngraph.view.query_view`` draws a query's answer with the same styles.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import cache
from typing import Any

import networkx as nx
import rdflib

from nngraph.query.run import run_query
from nngraph.store.oxigraph_bridge import oxigraph_of
from nngraph.vocab import PREFIXES, compact

# Node kinds -> vis-network style. Shapes and colours both differ, so the kinds
# stay apart without colour vision (Tableau 10 palette).
NODE_STYLES: dict[str, dict[str, Any]] = {
    "work": {
        "shape": "square",
        "size": 14,
        "color": {"background": "#4e79a7", "border": "#2c4a6e"},
    },
    "author": {
        "shape": "triangle",
        "size": 11,
        "color": {"background": "#f28e2b", "border": "#a85a12"},
    },
    "topic": {"shape": "dot", "size": 13, "color": {"background": "#59a14f", "border": "#336b2c"}},
    "gap": {
        "shape": "star",
        "size": 20,
        "borderWidth": 3,
        "color": {"background": "#e15759", "border": "#7a1f20"},
    },
    "other": {
        "shape": "hexagon",
        "size": 10,
        "color": {"background": "#bab0ac", "border": "#6f6663"},
    },
}

# Coverage depth -> edge width and colour: deeper is wider and darker, each depth its
# own width and its own colour (a light-to-dark sequential scale, told apart in grey too).
DEPTH_WIDTH = {"mention": 1, "intuition": 2.5, "derivation": 4.5, "rigorous": 7}
DEPTH_COLOR = {
    "mention": "#c9c9c9",
    "intuition": "#8fc1de",
    "derivation": "#3a7dbf",
    "rigorous": "#0b2a57",
}
# A claim with exercises gets a gold dot at its work's end, drawn by the page over the
# edge at a fixed screen size: dashes vanish on a 7-pixel rigorous line.
EXERCISE_MARKER = "#f2c12e"
EXERCISE_DASHES = False  # kept for callers of 0.x; claims are no longer dashed

EDGE_STYLES: dict[str, dict[str, Any]] = {
    "author": {"color": {"color": "#f6b26b", "opacity": 0.7}, "width": 1},
    "prerequisite": {"color": {"color": "#8e5ea2"}, "width": 2.5, "arrows": "to"},
    "broader": {
        "color": {"color": "#9c755f"},
        "width": 1.5,
        "dashes": [2, 4],
        "arrows": {"to": {"enabled": True, "type": "circle", "scaleFactor": 0.6}},
    },
    "other": {"color": {"color": "#888888"}, "width": 1, "arrows": "to", "font": {"size": 10}},
}

_TOOLTIP_ITEMS = 8  # coverage lines listed in a topic's tooltip
_LABEL_CHARS = 40

# ------------------------------------------------------------------ SPARQL

# The big queries have no ORDER BY: the view sorts its nodes and edges itself, and
# sorting 130,000 rows in the engine costs seconds at 50,000 nodes.
_WORKS = """
SELECT DISTINCT ?work ?type ?typeLabel WHERE {
  ?work a ?type . ?type rdfs:subClassOf* schema:CreativeWork .
  # editions are drawn with their work
  FILTER NOT EXISTS { ?work schema:exampleOfWork ?workOfEdition }
  OPTIONAL { ?type rdfs:label ?typeLabel }
}
"""

_TOPICS = "SELECT DISTINCT ?topic WHERE { ?topic a skos:Concept } ORDER BY ?topic"

_AUTHORS = "SELECT ?work ?author WHERE { ?work schema:author ?author }"

# Author order lives in RDF lists (nn:authorList); they are walked in Python, as
# rdf:rest* paths with an unbound start are slow in Oxigraph.
_AUTHOR_LISTS = "SELECT ?work ?list WHERE { ?work nn:authorList ?list }"
_LIST_CELLS = "SELECT ?cell ?first ?rest WHERE { ?cell rdf:first ?first ; rdf:rest ?rest }"

_COVERAGE = "SELECT ?coverage ?work ?topic WHERE { ?coverage nn:work ?work ; nn:topic ?topic }"

_RANKS = "SELECT ?depth ?rank WHERE { ?depth nn:rank ?rank } ORDER BY ?rank"

_LINKS = """
SELECT ?kind ?from ?to WHERE {
  { ?to nn:requires ?from . BIND("prerequisite" AS ?kind) }
  UNION { ?from skos:broader ?to . BIND("broader" AS ?kind) }
}
"""

_PROPERTIES = """
SELECT ?s ?p ?o WHERE {
  VALUES ?p { schema:name skos:prefLabel skos:altLabel skos:definition schema:datePublished
              dcterms:source schema:url nn:hasExercises schema:isAccessibleForFree rdfs:label
              nn:depth nn:locator nn:status nn:edition schema:bookEdition }
  ?s ?p ?o .
}
"""


def _rows(graph: rdflib.Graph, text: str) -> list[dict[str, str | None]]:
    """The rows of one of this module's SELECT queries, every value as a string.

    IRIs and blank nodes give their identifier, literals their lexical form.
    On nngraph's default Oxigraph store the solutions are read from pyoxigraph
    directly: making an rdflib term of each value first costs about 20 s of
    the 50,000-node view against under 2 s this way. Any other store goes
    through ``run_query``.
    """
    inner = oxigraph_of(graph)
    if inner is not None:
        solutions = inner.query(text, prefixes=PREFIXES)
        names = [variable.value for variable in solutions.variables]
        return [
            {
                name: (None if value is None else value.value)
                for name, value in zip(names, row, strict=True)
            }
            for row in solutions
        ]
    return [
        {name: (None if value is None else str(value)) for name, value in row.items()}
        for row in run_query(graph, text).rows
    ]


# The same definition as nngraph.analysis.gaps(graph) (a topic no coverage claim treats at
# rank 3, rigorous), and tests/test_viz.py checks they agree. The view needs only the set:
# gaps() also counts every gap's dependents, 79 s on the 50,000-node benchmark graph against
# 1 s here. The difference is taken in Python because Oxigraph runs the FILTER NOT EXISTS
# form in quadratic time.
def _gap_topics(graph: rdflib.Graph, *, verified_only: bool = False) -> set[str]:
    """IRIs of the topics that no work covers rigorously: ``gaps``' own definition
    (its covered-topics query, topic groups never gaps), without the per-gap details
    the view does not show."""
    from nngraph.analysis.coverage import Filters, filtered_query
    from nngraph.records.topics import topic_graph

    filters = Filters(verified_only=True) if verified_only else Filters()
    covered = {
        row["topic"] for row in _rows(graph, filtered_query("analysis-covered-topics", filters))
    }
    if verified_only:
        # The same rule as the filter, applied here too: a rigorous claim counts only
        # when a curator checked it (nn:status nn:verified).
        covered &= {row["topic"] for row in _rows(graph, _VERIFIED_RIGOROUS)}
    groups = topic_graph(graph).groups
    return {row["topic"] for row in _rows(graph, _TOPICS)} - covered - groups


_VERIFIED_RIGOROUS = """
SELECT DISTINCT ?topic WHERE {
  ?coverage nn:topic ?topic ; nn:depth nn:rigorous ; nn:status nn:verified ; nn:work ?work .
}
"""


# ------------------------------------------------------------------ the typed view


def fold(text: str) -> str:
    """Text as the page's search compares it: NFC, then Unicode full case folding.

    The page folds what the reader types the same way (``templates/viz.html``
    gets the characters whose folding differs from lowercasing from
    ``fold_table``), so "Maß", "MASS" and "mass" find the same node.
    """
    return unicodedata.normalize("NFC", text).casefold()


@cache
def fold_table() -> dict[str, str]:
    """Characters whose case folding is not their lowercase, for the page's search.

    JavaScript has ``toLowerCase`` but no case folding; the page applies this
    table first, then lowercases, which is what ``str.casefold`` does.
    """
    table = {}
    for point in range(0x10000):
        char = chr(point)
        if unicodedata.category(char) in ("Cs", "Cn"):
            continue
        if char.casefold() != char.lower():
            table[char] = char.casefold()
    return table


def _first(values: dict[str, list[str]], key: str, default: str = "") -> str:
    found = values.get(key)
    return found[0] if found else default


def _edition_label(values: dict[str, list[str]]) -> str:
    """``2nd ed. 2014`` from an edition's properties ("" when the claim names none)."""
    name, year = _first(values, "schema:bookEdition"), _first(values, "schema:datePublished")[:4]
    return " ".join(part for part in (name, "ed." if name else "", year) if part)


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def _yes_no(value: str) -> str:
    return {"true": "yes", "1": "yes", "false": "no", "0": "no"}.get(value.lower(), "not recorded")


@cache
def _curie(iri: str) -> str:
    return compact(rdflib.URIRef(iri))


def _depth_name(depth: str | None) -> str:
    return _curie(depth).removeprefix("nn:") if depth is not None else "unknown"


def _properties(graph: rdflib.Graph) -> dict[str, dict[str, list[str]]]:
    """subject IRI -> property CURIE -> values (literals as text, IRIs as strings)."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in _rows(graph, _PROPERTIES):
        found[row["s"]][_curie(row["p"])].append(row["o"])
    for values in found.values():
        for listed in values.values():
            listed.sort()
    return found


def _author_positions(graph: rdflib.Graph) -> dict[tuple[str, str], int]:
    """(work, author) -> the author's place in the work's nn:authorList."""
    cells = {row["cell"]: (row["first"], row["rest"]) for row in _rows(graph, _LIST_CELLS)}
    positions: dict[tuple[str, str], int] = {}
    for row in _rows(graph, _AUTHOR_LISTS):
        cell, place, seen = row["list"], 0, set()
        while cell in cells and cell not in seen:  # a malformed list may loop
            seen.add(cell)
            first, cell = cells[cell]
            positions.setdefault((row["work"], first), place)
            place += 1
    return positions


def _typed_view(graph: rdflib.Graph, *, verified_only: bool = False) -> nx.MultiDiGraph:
    """Every work, author and topic with coverage, authorship, prerequisite and broader edges.

    With ``verified_only`` only the coverage claims a curator checked
    (``nn:status nn:verified``) are drawn, and gaps are counted from those alone.
    """
    from nngraph.records.topics import topic_graph

    view = nx.MultiDiGraph()
    props = _properties(graph)
    gaps = _gap_topics(graph, verified_only=verified_only)
    dependents = topic_graph(graph).dependent_counts()

    work_types: dict[str, list[str]] = defaultdict(list)
    for row in _rows(graph, _WORKS):
        label = row["typeLabel"] or _curie(row["type"])
        if label not in work_types[row["work"]]:
            work_types[row["work"]].append(label)

    authors_of: dict[str, list[str]] = defaultdict(list)
    for row in _rows(graph, _AUTHORS):
        authors_of[row["work"]].append(row["author"])
    order = _author_positions(graph)
    ranks = {row["depth"]: int(row["rank"]) for row in _rows(graph, _RANKS)}
    names: dict[str, str] = {}

    def name(iri: str) -> str:
        if iri not in names:
            values = props.get(iri, {})
            found = next(
                (
                    values[k][0]
                    for k in ("skos:prefLabel", "schema:name", "rdfs:label")
                    if values.get(k)
                ),
                None,
            )
            names[iri] = found if found is not None else _curie(iri)
        return names[iri]

    for work, types in work_types.items():
        values = props.get(work, {})
        title = name(work)
        ordered = sorted(
            authors_of.get(work, []), key=lambda a: (order.get((work, a), 1e9), name(a))
        )
        year = _first(values, "schema:datePublished")[:4]
        lines = [
            title,
            " · ".join(t for t in [", ".join(types), year] if t),
            "Authors: " + (", ".join(name(a) for a in ordered) or "not recorded"),
            f"Exercises: {_yes_no(_first(values, 'nn:hasExercises'))}"
            f" · Free: {_yes_no(_first(values, 'schema:isAccessibleForFree'))}",
            *(f"Source: {s}" for s in values.get("dcterms:source", [])),
            *(f"URL: {u}" for u in values.get("schema:url", [])),
        ]
        view.add_node(work, **_node(work, "work", title, lines), type=types[0])

    for work, authors in authors_of.items():
        if work not in view:
            continue
        for author in authors:
            if author not in view:
                view.add_node(author, **_node(author, "author", name(author), [name(author)]))
            view.add_edge(
                author,
                work,
                key=f"author {author} {work}",
                **_edge("author", author, work, f"{name(author)} wrote {name(work)}"),
            )
    for node, data in view.nodes(data=True):
        if data["kind"] == "author":
            works = sorted(name(w) for w in view.successors(node))
            data["title"] = "\n".join([name(node), f"Works ({len(works)}):", *works])

    coverage_lines: dict[str, list[tuple[int, str]]] = defaultdict(list)
    best_works: dict[str, tuple[int, set[str]]] = {}  # topic -> deepest rank, its works
    topics = [row["topic"] for row in _rows(graph, _TOPICS)]
    for topic in topics:
        view.add_node(topic, **_node(topic, "gap" if topic in gaps else "topic", name(topic), []))
        # how many topics need it, directly or not: the page labels the most needed first
        view.nodes[topic]["dependents"] = dependents.get(topic, 0)

    for row in _rows(graph, _COVERAGE):
        coverage, work, topic = row["coverage"], row["work"], row["topic"]
        if work not in view or topic not in view:
            continue
        values = props.get(coverage, {})
        if verified_only and _curie(_first(values, "nn:status") or "nn:none") != "nn:verified":
            continue
        depth_iri = _first(values, "nn:depth") or None
        depth = _depth_name(depth_iri)
        rank = ranks.get(depth_iri or "", -1)
        exercises = _first(values, "nn:hasExercises") in ("true", "1")
        locator = _first(values, "nn:locator", "not recorded")
        edition = _edition_label(props.get(_first(values, "nn:edition"), {}))
        if edition:  # chapter numbers belong to an edition: say which one beside the locator
            locator = f"{locator} ({edition})"
        sources = values.get("dcterms:source", [])
        text = [
            f"{name(work)} → {name(topic)}",
            f"Depth: {depth} · Exercises: {'yes' if exercises else 'no'}",
            f"Locator: {locator}",
            *(f"Source: {s}" for s in sources),
        ]
        edge = _edge("coverage", work, topic, "\n".join(text))
        edge.update(
            width=DEPTH_WIDTH.get(depth, 1),
            color={"color": DEPTH_COLOR.get(depth, "#c9c9c9")},
            depth=depth,
            exercises=exercises,
            locator=locator,
            sources=sources,
        )
        view.add_edge(work, topic, key=coverage, **edge)
        coverage_lines[topic].append((rank, f"{depth}: {name(work)} ({locator})"))
        best = best_works.setdefault(topic, (rank, set()))
        if rank > best[0]:
            best_works[topic] = (rank, {work})
        elif rank == best[0]:
            best[1].add(work)

    for topic in topics:
        values = props.get(topic, {})
        claims = sorted(coverage_lines.get(topic, []), key=lambda c: (-c[0], c[1]))
        lines = [name(topic)]
        if values.get("skos:altLabel"):
            lines.append("Also: " + ", ".join(values["skos:altLabel"]))
        if topic in gaps:
            lines.append("GAP: no work covers this rigorously")
        lines.append(f"Coverage ({len(claims)}):" if claims else "Coverage: none")
        lines += [text for _, text in claims[:_TOOLTIP_ITEMS]]
        if len(claims) > _TOOLTIP_ITEMS:
            lines.append(f"… and {len(claims) - _TOOLTIP_ITEMS} more")
        view.nodes[topic]["title"] = "\n".join(lines)
        if values.get("skos:altLabel"):
            view.nodes[topic]["terms"] += "\n" + fold("\n".join(values["skos:altLabel"]))

    for row in _rows(graph, _LINKS):
        kind, source, target = row["kind"], row["from"], row["to"]
        if source in view and target in view:
            text = (
                f"{name(source)} is a prerequisite of {name(target)}"
                if kind == "prerequisite"
                else f"{name(source)} is narrower than {name(target)}"
            )
            view.add_edge(
                source, target, key=f"{kind} {source} {target}", **_edge(kind, source, target, text)
            )
    _mark_gap_view(view, gaps, best_works)
    return view


def _mark_gap_view(
    view: nx.MultiDiGraph, gaps: set[str], best_works: dict[str, tuple[int, set[str]]]
) -> None:
    """Flag what the page's "Gap topics only" toggle keeps: the gaps, the works that come
    closest to covering each (its deepest claims), and each gap's prerequisites."""
    keep = set(gaps)
    for gap in gaps:
        keep |= best_works.get(gap, (0, set()))[1]
        keep |= {u for u, _, kind in view.in_edges(gap, data="kind") if kind == "prerequisite"}
    for node in keep:
        if node in view:
            view.nodes[node]["gapview"] = True


def _node(iri: str, kind: str, label: str, lines: list[str]) -> dict[str, Any]:
    style = NODE_STYLES[kind]
    short = _short(label)
    return {
        "id": iri,
        "label": short,
        **({"name": label} if short != label else {}),  # the full name, when the label is cut
        "title": "\n".join(lines),
        "kind": "topic" if kind == "gap" else kind,
        "gap": kind == "gap",
        "terms": fold(label),  # the names the page's search box matches, one a line
        "_name": label,  # the full name; keys starting with _ stay out of the page
        **_copy(style),
    }


def _copy(value: Any) -> Any:
    """A private copy of nested style dicts and lists (callers may edit their node)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _edge(kind: str, source: str, target: str, title: str) -> dict[str, Any]:
    style = _copy(EDGE_STYLES.get(kind, {}))
    return {"from": source, "to": target, "kind": kind, "title": title, **style}
