"""The interactive graph view: works, authors and topics as one self-contained HTML page.

The pipeline is graph → networkx → pyvis → HTML, one module a step:

1. ``nngraph.view.typed_view`` reads the works, authors, topics, coverage claims,
   prerequisites and broader links with a handful of SPARQL queries (so the
   view also builds against a remote store) into the typed view, an
   ``nx.MultiDiGraph`` whose node and edge attributes are already vis-network
   dicts; ``nngraph.view.query_view`` draws a query's answer with the same styles.
2. This module cuts the views (``topic``/``radius``, ``gaps_only``,
   ``authors=False``, ``query``) out of it, lays out large ones, and fills
   pyvis's node and edge lists directly. ``Network.add_node`` checks a Python
   list for duplicates, O(n²): 32 s at 50,000 nodes against a few hundredths
   of a second here (``bench/bench_viz.py``).
3. ``render_html`` renders nngraph's own template (``templates/viz.html``),
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

import html
import math
import zlib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
from pyvis.network import Network

from nngraph.errors import NngraphError
from nngraph.view.aggregate import fold
from nngraph.view.page import _paused_gc, render_html
from nngraph.view.query_view import _query_title, _query_view
from nngraph.view.typed_view import (
    DEPTH_COLOR,
    DEPTH_WIDTH,
    EDGE_STYLES,
    EXERCISE_DASHES,
    NODE_STYLES,
    _typed_view,
)

# The styles live with the typed view; they stay importable from here.
__all__ = [
    "DEPTH_COLOR",
    "DEPTH_WIDTH",
    "EDGE_STYLES",
    "EXERCISE_DASHES",
    "LARGE",
    "LAYOUTS",
    "MAX_NODES",
    "NODE_STYLES",
    "GraphView",
    "build_network",
    "render_html",
]

LAYOUTS = ("force", "hierarchical")

# Nodes and edges are listed kind by kind, each kind sorted by IRI.
_ORDER = {
    kind: i
    for i, kind in enumerate(
        ["work", "author", "topic", "other", "coverage", "prerequisite", "broader"]
    )
}

LARGE = 5000  # from this many nodes the page trades layout quality for speed
MAX_NODES = 2000  # the default node budget: larger views fold their works into groups

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
    it covers, each author beside the most central of their works (the one
    nearest the others; a mean of works far apart would sit beside none), plus a
    small fixed jitter.
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
    # A work is the "from" end of its coverage edges (work -> topic) and placed by
    # their "to" ends; an author is the "from" end of its authorship edges
    # (author -> work) and placed by the works at their "to" ends.
    for kind, link in (("work", "coverage"), ("author", "author")):
        near: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for edge in edges:
            if edge["kind"] == link and edge["to"] in by_id:
                near[edge["from"]].append(by_id[edge["to"]])
        stray = []
        for node in (n for n in nodes if n["kind"] == kind):
            placed = [n for n in near.get(node["id"], []) if "x" in n]
            if not placed:
                stray.append(node)
                continue
            jitter = zlib.crc32(node["id"].encode()) % 1000 / 1000 * 2 * math.pi
            if kind == "work":
                x = sum(n["x"] for n in placed) / len(placed)
                y = sum(n["y"] for n in placed) / len(placed)
            else:
                some = placed[:20]
                centre = min(
                    some,
                    key=lambda a: sum(math.hypot(a["x"] - b["x"], a["y"] - b["y"]) for b in some),
                )
                x, y = centre["x"], centre["y"]
            node["x"] = round(x + 25 * math.cos(jitter), 1)
            node["y"] = round(y + 25 * math.sin(jitter), 1)
        spiral(stray, 60.0, offset=len(topics))
    spiral([n for n in nodes if "x" not in n], 60.0, offset=len(nodes))


def _options(node_count: int, layout: str, *, placed: bool = False) -> dict[str, Any]:
    """vis-network's options. ``node_count`` is what the page draws at first (folded
    works counted once per group); ``placed`` says the nodes come with positions."""
    large = node_count >= LARGE
    options: dict[str, Any] = {
        "nodes": {
            # Work and author labels appear once the reader zooms in (12 px at scale 1
            # is drawn from scale 0.42 on); the page draws topic labels itself.
            "font": {
                "size": 12,
                "face": "sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {
            "hover": not large,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            # vis-network's keyboard navigation focuses the canvas under the mouse,
            # which takes the focus from the search box while the reader types.
            "keyboard": {"enabled": False},
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
    if (large or placed) and layout != "hierarchical":
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
        # Long labels wrap instead of running into their neighbours on a level.
        options["nodes"]["widthConstraint"] = {"maximum": 140}
        options["edges"]["smooth"] = {
            "enabled": True,
            "type": "cubicBezier",
            "forceDirection": "vertical",
            "roundness": 0.4,
        }
    return options


def _network(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    *,
    heading: str,
    layout: str,
    groups: list[dict[str, Any]] | None = None,
) -> GraphView:
    """Fill a GraphView's lists directly (add_node would be quadratic)."""
    network = GraphView(
        height="800px", width="100%", directed=True, heading=heading, cdn_resources="in_line"
    )
    network.nodes = nodes
    network.node_ids = [node["id"] for node in nodes]
    network.node_map = dict(zip(network.node_ids, nodes, strict=True))
    network.edges = edges
    network.groups = groups or []  # folded works: see nngraph.view.aggregate
    drawn = len(nodes) - sum(g["works"] + g["authors"] - 1 for g in network.groups)
    network.options = _options(drawn, layout, placed=bool(network.groups))
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
    max_nodes: int = MAX_NODES,
    verified_only: bool = False,
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
        max_nodes: the node budget: a larger view folds its works (and their
            authors) into one group per topic or kind of work, opened by a click
            in the page (``nngraph.view.aggregate``); 0 folds nothing.
        verified_only: draw only coverage claims a curator checked
            (``nn:status nn:verified``); gaps are counted from those alone.

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
    if max_nodes < 0:
        raise NngraphError(f"max_nodes must be 0 (no limit) or more, not {max_nodes}")
    with _paused_gc():
        return _build(
            graph,
            topic=topic,
            radius=radius,
            gaps_only=gaps_only,
            authors=authors,
            query=query,
            layout=layout,
            max_nodes=max_nodes,
            verified_only=verified_only,
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
    max_nodes: int,
    verified_only: bool,
) -> GraphView:
    view = _typed_view(graph, verified_only=verified_only)
    parts = ["nngraph"]
    if verified_only:
        parts.append("verified claims")
    if query is not None:
        view = _query_view(graph, view, query)
        rows = view.graph["rows"]
        parts.append(f"{_query_title(query)}: {rows} {'row' if rows == 1 else 'rows'}")
    if not authors:
        view.remove_nodes_from([n for n, kind in view.nodes(data="kind") if kind == "author"])
    centres: set[str] = set()
    if topic is not None:
        from nngraph.records.topics import resolve_topic, topic_graph

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
    for centre in centres if topic is not None else ():
        _mark_centre(next(n for n in nodes if n["id"] == centre))
    groups = fold(nodes, edges, max_nodes) if layout == "force" else []
    if (len(nodes) >= LARGE or groups) and layout == "force":
        _place(nodes, edges)
    if layout == "hierarchical":
        # Levels follow edge direction: put a broader topic above its narrower ones,
        # as prerequisites sit above the topics that need them; the arrow still
        # points at the broader topic.
        for edge in edges:
            if edge["kind"] == "broader":
                edge["from"], edge["to"] = edge["to"], edge["from"]
                edge["arrows"] = {"from": edge["arrows"]["to"]}
    return _network(nodes, edges, heading=" — ".join(parts), layout=layout, groups=groups)


def _mark_centre(node: dict[str, Any]) -> None:
    """The ``topic`` of a neighbourhood view: larger, with a thick black ring."""
    node["centre"] = True
    node["size"] = round(node.get("size", 13) * 1.6)
    node["borderWidth"] = 6
    node["color"] = dict(node.get("color", {}), border="#111111")
