"""The interactive graph view: works, authors and topics as one self-contained HTML page.

The pipeline is graph → networkx → pyvis → HTML:

1. A handful of SPARQL queries read the works, authors, topics, coverage claims,
   prerequisites (``nn:requires``) and broader links (``skos:broader``), so the
   view also builds against a remote store.
2. The typed view is an ``nx.MultiDiGraph`` whose node and edge attributes are
   already vis-network dicts; views (``topic``/``radius``, ``gaps_only``,
   ``authors=False``, ``query``) are subgraphs of it.
3. pyvis's node and edge lists are filled directly. ``Network.add_node``
   checks a Python list for duplicates, O(n²): 32 s at 50,000 nodes against a
   few hundredths of a second here (``bench/bench_viz.py``).
4. ``render_html`` renders nngraph's own template (``templates/viz.html``),
   which inlines the vis-network JavaScript and CSS that pyvis ships. pyvis's
   template loads Bootstrap and vis-network from CDNs in every mode; the page
   written here makes no request at all, so it works offline from ``file://``.

Escaping: labels are drawn on a canvas (text by nature); tooltips are plain
text that the page turns into DOM nodes with ``textContent``; the data is
embedded with Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&`` and
quotes) and every other value with autoescaping. Nothing a curator writes can
become markup.
"""

from __future__ import annotations

import gc
import html
import math
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from oxrdflib import OxigraphStore
from pyvis.network import Network
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from nngraph.errors import NngraphError, QueryError
from nngraph.queries import QueryResult, labels, run_named, run_query
from nngraph.vocab import NN, PREFIXES, SCHEMA, SKOS, compact

LAYOUTS = ("force", "hierarchical")

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

# Coverage depth -> edge width and colour: deeper is wider and darker.
DEPTH_WIDTH = {"mention": 1, "intuition": 2, "derivation": 4, "rigorous": 7}
DEPTH_COLOR = {
    "mention": "#c7c7c7",
    "intuition": "#9db4cf",
    "derivation": "#5b84b1",
    "rigorous": "#1f3f66",
}
EXERCISE_DASHES = [8, 5]  # a coverage claim with exercises is drawn dashed

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

# Nodes and edges are listed kind by kind, each kind sorted by IRI.
_ORDER = {
    kind: i
    for i, kind in enumerate(
        ["work", "author", "topic", "other", "coverage", "prerequisite", "broader"]
    )
}

LARGE = 5000  # from this many nodes the page trades layout quality for speed
_TOOLTIP_ITEMS = 8  # coverage lines listed in a topic's tooltip
_LABEL_CHARS = 40

# ------------------------------------------------------------------ SPARQL

# The big queries have no ORDER BY: the view sorts its nodes and edges itself, and
# sorting 130,000 rows in the engine costs seconds at 50,000 nodes.
_WORKS = """
SELECT DISTINCT ?work ?type ?typeLabel WHERE {
  ?work a ?type . ?type rdfs:subClassOf* schema:CreativeWork .
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
              nn:depth nn:locator }
  ?s ?p ?o .
}
"""


def _rows(graph: rdflib.Graph, text: str) -> list[dict[str, str | None]]:
    """The rows of one of this module's SELECT queries, every value as a string.

    IRIs and blank nodes give their identifier, literals their lexical form.
    On nngraph's default Oxigraph store the solutions are read from pyoxigraph
    directly: oxrdflib turns each value into an rdflib term first, about 20 s of
    the 50,000-node view against under 2 s this way. Any other store goes
    through ``run_query``.
    """
    store = graph.store
    if (
        isinstance(store, OxigraphStore)
        and type(graph) is rdflib.Graph
        and graph.identifier == DATASET_DEFAULT_GRAPH_ID
    ):
        solutions = store._inner.query(text, prefixes=PREFIXES)
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
_RIGOROUS = """
SELECT DISTINCT ?topic WHERE {
  ?coverage nn:topic ?topic ; nn:depth ?depth . ?depth nn:rank ?rank FILTER(?rank >= 3)
} ORDER BY ?topic
"""


def _gap_topics(graph: rdflib.Graph) -> set[str]:
    """IRIs of the topics that no work covers rigorously (rank 3)."""
    topics = {row["topic"] for row in _rows(graph, _TOPICS)}
    return topics - {row["topic"] for row in _rows(graph, _RIGOROUS)}


# ------------------------------------------------------------------ the typed view


def _first(values: dict[str, list[str]], key: str, default: str = "") -> str:
    found = values.get(key)
    return found[0] if found else default


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


def _typed_view(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """Every work, author and topic with coverage, authorship, prerequisite and broader edges."""
    view = nx.MultiDiGraph()
    props = _properties(graph)
    gaps = _gap_topics(graph)

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
        view.add_node(work, **_node(work, "work", title, lines))

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
    topics = [row["topic"] for row in _rows(graph, _TOPICS)]
    for topic in topics:
        view.add_node(topic, **_node(topic, "gap" if topic in gaps else "topic", name(topic), []))

    for row in _rows(graph, _COVERAGE):
        coverage, work, topic = row["coverage"], row["work"], row["topic"]
        if work not in view or topic not in view:
            continue
        values = props.get(coverage, {})
        depth_iri = _first(values, "nn:depth") or None
        depth = _depth_name(depth_iri)
        rank = ranks.get(depth_iri or "", -1)
        exercises = _first(values, "nn:hasExercises") in ("true", "1")
        locator = _first(values, "nn:locator", "not recorded")
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
            color={"color": DEPTH_COLOR.get(depth, "#c7c7c7")},
            dashes=EXERCISE_DASHES if exercises else False,
            depth=depth,
            exercises=exercises,
        )
        view.add_edge(work, topic, key=coverage, **edge)
        coverage_lines[topic].append((rank, f"{depth}: {name(work)} ({locator})"))

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
            view.nodes[topic]["terms"] += "\n" + "\n".join(values["skos:altLabel"]).casefold()

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
    return view


def _node(iri: str, kind: str, label: str, lines: list[str]) -> dict[str, Any]:
    style = NODE_STYLES[kind]
    return {
        "id": iri,
        "label": _short(label),
        "title": "\n".join(lines),
        "kind": "topic" if kind == "gap" else kind,
        "gap": kind == "gap",
        "terms": label.casefold(),  # the names the page's search box matches, one a line
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


# ------------------------------------------------------------------ views


def _neighbourhood(view: nx.MultiDiGraph, centres: Iterable[str], radius: int) -> set[str]:
    """Nodes within ``radius`` hops of any centre, edges taken in either direction."""
    seen = set(centres)
    frontier = set(seen)
    for _ in range(radius):
        reached = set()
        for node in frontier:
            reached.update(view.successors(node))
            reached.update(view.predecessors(node))
        frontier = reached - seen
        seen |= frontier
        if not frontier:
            break
    return seen


def _run(graph: rdflib.Graph, query: str | Path) -> QueryResult:
    """Run SPARQL text, a ``.rq`` file or a bundled query by name."""
    if isinstance(query, str) and "{" in query:
        return run_query(graph, query)
    path = Path(query)
    if path.is_file():
        try:
            return run_query(graph, path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise NngraphError(f"{path}: cannot read the query file: {error}") from error
    if isinstance(query, Path) or path.suffix == ".rq":
        raise NngraphError(f"{path}: no such query file")
    return run_named(graph, str(query))


def _query_title(query: str | Path) -> str:
    return "query" if isinstance(query, str) and "{" in query else f"query {query}"


def _query_view(graph: rdflib.Graph, view: nx.MultiDiGraph, query: str | Path) -> nx.MultiDiGraph:
    """The picture of a query's answer, drawn with the typed view's styles.

    A SELECT draws the IRIs it returns with the links among them; a CONSTRUCT or
    DESCRIBE draws exactly the triples it returns. A coverage claim is drawn as
    its coverage edge, between its work and its topic.
    """
    result = _run(graph, query)
    coverage_at = {
        key: (u, v) for u, v, key, kind in view.edges(keys=True, data="kind") if kind == "coverage"
    }
    if result.kind == "ASK":
        raise QueryError(
            "an ASK query answers yes or no and has no graph to draw; "
            "use a SELECT or CONSTRUCT query"
        )
    if result.kind == "SELECT":
        terms = {v for row in result.rows for v in row.values() if isinstance(v, rdflib.URIRef)}
        triples = None
    else:
        assert result.graph is not None
        triples = [
            t for t in result.graph if t[1] != RDF.type and not isinstance(t[2], rdflib.Literal)
        ]
        terms = {x for s, _, o in triples for x in (s, o) if isinstance(x, rdflib.URIRef)}
        terms |= {s for s in result.graph.subjects() if isinstance(s, rdflib.URIRef)}
    nodes: set[str] = set()
    claims: set[str] = set()
    for term in map(str, terms):
        if term in coverage_at:
            claims.add(term)
            nodes.update(coverage_at[term])
        else:
            nodes.add(term)

    picture = nx.MultiDiGraph()
    others = sorted(n for n in nodes if n not in view)
    names = labels(graph, {rdflib.URIRef(n) for n in others})
    for node in sorted(nodes):
        if node in view:
            picture.add_node(node, **view.nodes[node])
        else:
            label = names.get(rdflib.URIRef(node), compact(rdflib.URIRef(node)))
            picture.add_node(node, **_node(node, "other", label, [label, node]))
    if triples is None:
        # SELECT: the typed links among the drawn nodes, then any direct triple
        # that touches an "other" node.
        for u, v, key, data in view.subgraph(nodes).edges(keys=True, data=True):
            picture.add_edge(u, v, key=key, **data)
        triples = _triples_among(graph, others, sorted(nodes)) if others else []
        drawn = set()
    else:
        drawn = claims
        for claim in sorted(claims):
            u, v = coverage_at[claim]
            picture.add_edge(u, v, key=claim, **view.edges[u, v, claim])
    typed = {
        str(SCHEMA.author): "author",
        str(NN.requires): "prerequisite",
        str(SKOS.broader): "broader",
    }
    for s, p, o in sorted(triples):
        s, p, o = str(s), str(p), str(o)
        if s in drawn or s not in picture or o not in picture:
            continue
        kind = typed.get(p, "other")
        source, target = (o, s) if kind == "prerequisite" else (s, o)
        if kind == "author":
            source, target = o, s
        key = f"{kind} {source} {target}"
        if kind != "other" and view.has_edge(source, target, key):
            picture.add_edge(source, target, key=key, **view.edges[source, target, key])
        elif not picture.has_edge(source, target, key):
            edge = _edge("other", source, target, f"{compact(rdflib.URIRef(p))}")
            edge["label"] = compact(rdflib.URIRef(p))
            picture.add_edge(source, target, key=f"other {p} {s} {o}", **edge)
    return picture


def _triples_among(graph: rdflib.Graph, some: list[str], nodes: list[str]) -> list[tuple]:
    """Triples linking any node of ``some`` with any node of ``nodes``, either way."""
    found: list[tuple] = []
    values = " ".join(f"<{n}>" for n in nodes)
    for start in range(0, len(some), 200):
        chunk = " ".join(f"<{n}>" for n in some[start : start + 200])
        text = (
            "SELECT ?s ?p ?o WHERE { { VALUES ?s { "
            + chunk
            + " } VALUES ?o { "
            + values
            + " } ?s ?p ?o } UNION { VALUES ?o { "
            + chunk
            + " } VALUES ?s { "
            + values
            + " } ?s ?p ?o } } ORDER BY ?s ?p ?o"
        )
        found += [(r["s"], r["p"], r["o"]) for r in run_query(graph, text).rows]
    return found


# ------------------------------------------------------------------ pyvis


class GraphView(Network):
    """A pyvis Network that renders with nngraph's self-contained template.

    In Jupyter it displays itself inline (an ``iframe`` holding the page), so
    ``build_network(graph)`` as the last line of a cell shows the graph.
    """

    def _repr_html_(self) -> str:
        page = html.escape(render_html(self), quote=True)
        return (
            f'<iframe srcdoc="{page}" style="width:100%;height:{html.escape(self.height)};'
            'border:0" sandbox="allow-scripts"></iframe>'
        )


def _place(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Lay out a large view beforehand, in linear time, so the page needs no physics.

    vis-network's physics takes tens of seconds to settle 5,000 nodes. Here topics
    sit on a sunflower spiral (even density), each work at the mean of the topics
    it covers, each author at the mean of their works, plus a small fixed jitter.
    """
    golden_angle = math.pi * (3 - math.sqrt(5))

    def spiral(items: list[dict[str, Any]], spacing: float, offset: int = 0) -> None:
        for i, item in enumerate(items, start=offset):
            radius = spacing * math.sqrt(i + 0.5)
            item["x"] = round(radius * math.cos(i * golden_angle), 1)
            item["y"] = round(radius * math.sin(i * golden_angle), 1)

    by_id = {node["id"]: node for node in nodes}
    topics = [n for n in nodes if n["kind"] == "topic"]
    spiral(topics, 60.0)
    for kind, link, end in (("work", "coverage", "to"), ("author", "author", "from")):
        near: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for edge in edges:
            if edge["kind"] == link:
                other = "from" if end == "to" else "to"
                near[edge[other]].append(by_id[edge[end]])
        stray = []
        for node in (n for n in nodes if n["kind"] == kind):
            placed = [n for n in near.get(node["id"], []) if "x" in n]
            if not placed:
                stray.append(node)
                continue
            jitter = zlib.crc32(node["id"].encode()) % 1000 / 1000 * 2 * math.pi
            node["x"] = round(sum(n["x"] for n in placed) / len(placed) + 25 * math.cos(jitter), 1)
            node["y"] = round(sum(n["y"] for n in placed) / len(placed) + 25 * math.sin(jitter), 1)
        spiral(stray, 60.0, offset=len(topics))
    spiral([n for n in nodes if "x" not in n], 60.0, offset=len(nodes))


def _options(node_count: int, layout: str) -> dict[str, Any]:
    large = node_count >= LARGE
    options: dict[str, Any] = {
        "nodes": {
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"}
        },
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {
            "hover": not large,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "navigationButtons": False,
            "multiselect": True,
        },
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -110,
                "centralGravity": 0.008,
                "springLength": 130,
                "springConstant": 0.05,
                "avoidOverlap": 0.4,
            },
            # The page turns physics off once this many iterations are done.
            "stabilization": {
                "enabled": True,
                "iterations": 400,
                "updateInterval": 20,
                "fit": True,
            },
            "timestep": 0.5,
            "adaptiveTimestep": True,
        },
    }
    if large and layout != "hierarchical":
        options["physics"] = {"enabled": False}  # laid out beforehand by _place
    if layout == "hierarchical":
        options["layout"] = {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "sortMethod": "directed",
                "shakeTowards": "roots",
                "levelSeparation": 140,
                "nodeSpacing": 160,
                "treeSpacing": 180,
            },
        }
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = {
            "enabled": True,
            "type": "cubicBezier",
            "forceDirection": "vertical",
            "roundness": 0.4,
        }
    return options


def _network(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], *, heading: str, layout: str
) -> GraphView:
    """Fill a GraphView's lists directly (add_node would be quadratic)."""
    network = GraphView(
        height="800px", width="100%", directed=True, heading=heading, cdn_resources="in_line"
    )
    network.nodes = nodes
    network.node_ids = [node["id"] for node in nodes]
    network.node_map = dict(zip(network.node_ids, nodes, strict=True))
    network.edges = edges
    network.options = _options(len(nodes), layout)
    return network


def build_network(
    graph: rdflib.Graph,
    *,
    topic: str | None = None,
    radius: int = 1,
    gaps_only: bool = False,
    authors: bool = True,
    query: str | Path | None = None,
    layout: str | None = None,
) -> Network:
    """The interactive view of a graph as a pyvis Network (it renders itself in Jupyter).

    Args:
        graph: the graph from ``nngraph.load``.
        topic: show only this topic's neighbourhood (label, alternative label, CURIE or IRI).
        radius: hops around ``topic`` or the gap topics, edges taken in either direction.
        gaps_only: show only the gap topics (no rigorous coverage) and their neighbourhood.
        authors: include authors and authorship edges.
        query: draw a query's answer instead of the whole graph: SPARQL text, a
            path to a ``.rq`` file, or the name of a bundled query.
        layout: ``force`` (default; physics that stops once the layout settles)
            or ``hierarchical`` (top-down along prerequisites).

    Returns:
        A ``pyvis.network.Network`` whose ``nodes`` and ``edges`` are vis-network
        dicts; pass it to ``render_html`` for the page.

    Raises:
        UnknownTopicError: ``topic`` matches no topic in the view.
        QueryError: the query is malformed or is an ASK.
        UnknownNameError: ``query`` is neither a file nor a bundled query name.
        NngraphError: ``radius`` is negative or ``layout`` unknown.
    """
    layout = layout or "force"
    if layout not in LAYOUTS:
        raise NngraphError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    if radius < 0:
        raise NngraphError(f"radius must be 0 or more, not {radius}")
    with _paused_gc():
        return _build(
            graph,
            topic=topic,
            radius=radius,
            gaps_only=gaps_only,
            authors=authors,
            query=query,
            layout=layout,
        )


def _build(
    graph: rdflib.Graph,
    *,
    topic: str | None,
    radius: int,
    gaps_only: bool,
    authors: bool,
    query: str | Path | None,
    layout: str,
) -> GraphView:
    view = _typed_view(graph)
    parts = ["nngraph"]
    if query is not None:
        view = _query_view(graph, view, query)
        parts.append(_query_title(query))
    if not authors:
        view.remove_nodes_from([n for n, kind in view.nodes(data="kind") if kind == "author"])
    centres: set[str] = set()
    if topic is not None:
        from nngraph.topics import resolve_topic, topic_graph

        centre = resolve_topic(topic_graph(graph), topic)
        if centre not in view:
            raise NngraphError(
                f"topic {topic!r} is not in this view; drop --query or pick "
                "a topic the query returns"
            )
        centres.add(centre)
        parts.append(f"{view.nodes[centre]['_name']}, radius {radius}")
    if gaps_only:
        centres |= {n for n, gap in view.nodes(data="gap") if gap}
        parts.append(f"gap topics, radius {radius}")
    if topic is not None or gaps_only:
        view = view.subgraph(_neighbourhood(view, sorted(centres), radius))
    nodes = [
        {k: v for k, v in data.items() if not k.startswith("_")}
        for _, data in sorted(view.nodes(data=True), key=lambda n: (_ORDER[n[1]["kind"]], n[0]))
    ]
    ordered = sorted(view.edges(keys=True, data=True), key=lambda e: (_ORDER[e[3]["kind"]], e[:3]))
    edges = [dict(data, id=f"e{i}") for i, (*_, data) in enumerate(ordered)]
    if len(nodes) >= LARGE and layout == "force":
        _place(nodes, edges)
    if layout == "hierarchical":
        # Levels follow edge direction: put a broader topic above its narrower ones,
        # as prerequisites sit above the topics that need them; the arrow still
        # points at the broader topic.
        for edge in edges:
            if edge["kind"] == "broader":
                edge["from"], edge["to"] = edge["to"], edge["from"]
                edge["arrows"] = {"from": edge["arrows"]["to"]}
    return _network(nodes, edges, heading=" — ".join(parts), layout=layout)


# ------------------------------------------------------------------ HTML

_VIS = ("lib", "vis-9.1.2")


@cache
def _environment() -> Any:
    """Jinja environment for the template, with the vis-network assets pyvis ships."""
    import pyvis
    from jinja2 import Environment, PackageLoader, select_autoescape

    folder = Path(pyvis.__file__).parent.joinpath(*_VIS)
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    environment = Environment(
        loader=PackageLoader("nngraph", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    # Inline <script>/<style> bodies end at the first "</script" or "</style".
    # The data is built in a deterministic order already; sorting 50,000 dicts' keys is waste.
    environment.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}
    environment.globals["vis_script"] = script.replace("</script", "<\\/script")
    environment.globals["vis_style"] = style.replace("</style", "<\\/style")
    return environment


def render_html(network: Network) -> str:
    """The whole page for a network: one self-contained HTML document, no external requests.

    Uses nngraph's template on any pyvis Network (it sets the network's template
    and calls ``generate_html``); the caller writes the string where it wants.
    """
    network.templateEnv = _environment()
    network.path = "viz.html"
    network.cdn_resources = "in_line"
    with _paused_gc():
        return network.generate_html(notebook=False)


@contextmanager
def _paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic structures.

    Building 50,000 node dicts triggers repeated full collections that scan
    every object alive (the whole loaded graph): 3 s of a 3.2 s build.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
