"""The page: any pyvis Network as one self-contained HTML document.

``render_html`` renders nngraph's own template (``templates/viz.html``), which
inlines the vis-network JavaScript and CSS that pyvis ships; pyvis's template
loads Bootstrap and vis-network from CDNs in every mode, and the page written
here makes no request at all, so it works offline from ``file://``.

The data goes in compact, because a 5,000-work view was a 14 MB page: styles
shared by many nodes or edges (shape, colour, width, kind, depth…) are listed
once and referred to by number; an edge names its ends by node number; the
tooltip of a coverage, authorship, prerequisite or broader edge is left out
when the page rebuilds the same text from the edge's fields and its ends'
names (``edgeTitle`` in the template; ``_edge_title`` here is its twin, and
a title that differs is kept); source IRIs are listed once. The page expands
it all back into vis-network's dicts.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from nngraph.view.typed_view import fold, fold_table

_VIS = ("lib", "vis-9.1.2")

# Keys that differ from item to item; every other key is style, shared through a table.
_NODE_KEYS = ("id", "label", "name", "title", "x", "y", "terms", "dependents", "cluster")
_EDGE_KEYS = ("id", "from", "to", "title", "label", "locator", "sources")


@cache
def _environment() -> Any:
    """Jinja environment for the template, with the vis-network assets pyvis ships."""
    import pyvis
    from jinja2 import Environment, PackageLoader, select_autoescape

    folder = Path(pyvis.__file__).parent.joinpath(*_VIS)
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    environment = Environment(
        loader=PackageLoader("nngraph.view", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    # Inline <script>/<style> bodies end at the first "</script" or "</style".
    # The data is built in a deterministic order already; sorting 50,000 dicts' keys is waste.
    environment.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}
    environment.globals["vis_script"] = script.replace("</script", "<\\/script")
    environment.globals["vis_style"] = style.replace("</style", "<\\/style")
    return environment


def render_html(network: Any) -> str:
    """The whole page for a network: one self-contained HTML document, no external requests.

    Works on any pyvis Network (nngraph's or one built with ``add_node``); the
    caller writes the string where it wants.

    Args:
        network: a ``pyvis.network.Network``.

    Returns:
        The HTML document.
    """
    with _paused_gc():
        nodes, edges, heading, _height, _width, options = network.get_network_data()
        data = _compact(nodes, edges, getattr(network, "groups", []))
        return (
            _environment()
            .get_template("viz.html")
            .render(data=data, heading=heading, options=options, folds=fold_table())
        )


def _compact(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], groups: list[dict[str, Any]]
) -> dict[str, Any]:
    styles: dict[str, int] = {}
    strings: dict[str, int] = {}

    def style(item: dict[str, Any], keys: tuple[str, ...]) -> int:
        shared = json.dumps({k: v for k, v in item.items() if k not in keys}, sort_keys=True)
        return styles.setdefault(shared, len(styles))

    index: dict[Any, int] = {}
    names: list[str] = []
    out_nodes = []
    for i, node in enumerate(nodes):
        index[node["id"]] = i
        name = str(node.get("name", node.get("label", node["id"])))
        names.append(name)
        item = {k: node[k] for k in _NODE_KEYS if k in node}
        if item.get("terms") == fold(name):
            del item["terms"]  # the page folds the name itself
        item["s"] = style(node, _NODE_KEYS)
        out_nodes.append(item)
    out_edges = []
    for i, edge in enumerate(edges):
        item = {k: edge[k] for k in _EDGE_KEYS if k in edge}
        for end, short in (("from", "f"), ("to", "t")):
            if item.get(end) in index:
                item[short] = index[item.pop(end)]
        if item.get("id") == f"e{i}":
            del item["id"]  # the page numbers edges the same way
        if "sources" in item:
            item["sources"] = [strings.setdefault(s, len(strings)) for s in item["sources"]]
        if "f" in item and "t" in item and "title" in item:
            if item["title"] == _edge_title(edge, names[item["f"]], names[item["t"]]):
                del item["title"]
        item["s"] = style(edge, _EDGE_KEYS)
        out_edges.append(item)
    return {
        "styles": [json.loads(s) for s in styles],
        "strings": list(strings),
        "nodes": out_nodes,
        "edges": out_edges,
        "groups": groups,
    }


def _edge_title(edge: dict[str, Any], source: str, target: str) -> str | None:
    """The tooltip the page builds for an edge of a known kind (``edgeTitle`` in the
    template), or None for other kinds. The typed view writes the same text."""
    kind = edge.get("kind")
    if kind == "author":
        return f"{source} wrote {target}"
    if kind == "prerequisite":
        return f"{source} is a prerequisite of {target}"
    if kind == "broader":
        return f"{source} is narrower than {target}"
    if kind == "coverage" and "locator" in edge and "sources" in edge:
        lines = [
            f"{source} → {target}",
            f"Depth: {edge.get('depth')} · Exercises: {'yes' if edge.get('exercises') else 'no'}",
            f"Locator: {edge['locator']}",
            *(f"Source: {s}" for s in edge["sources"]),
        ]
        return "\n".join(lines)
    return None


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
