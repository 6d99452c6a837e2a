"""Benchmark: building the graph view at 1k-50k nodes, and pyvis's add_node for comparison.

Not a test (no timed assertions anywhere): run it by hand and read the table.

    .venv/bin/python bench/bench_viz.py            # 1k, 5k, 50k nodes
    .venv/bin/python bench/bench_viz.py 2000 20000
    .venv/bin/python bench/bench_viz.py --open 5000   # the page in headless Chromium

``--open N`` measures the page itself on ``nngraph synth --works N --seed 1``: its
size, and the time from opening it (file://, network blocked) until it is drawn
and interactive, i.e. until a hover over a node shows that node's tooltip. The
default view (works folded past the node budget) is measured against the same
graph with everything drawn (``--max-nodes 0``) and against the bundled graph,
in interleaved rounds of the same run; medians of 3.

For each size it prints the seconds for
  load      parsing the synthetic Turtle into the default (Oxigraph) store,
  build     nngraph.viz.build_network (SPARQL + networkx + filling pyvis's lists),
  fill      filling pyvis's node and edge lists directly (the part build uses),
  add_node  the same nodes through Network.add_node (its duplicate check is O(n)),
  add_edge  the edges through Network.add_edge (skipped above 5,000 nodes: O(n·m)),
  html      nngraph.viz.render_html (the whole self-contained page),
and the ratio add_node / fill.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from pyvis.network import Network

from nngraph.store.loader import load
from nngraph.view.network import _network, _paused_gc, build_network, render_html

PREFIXES = """@prefix nn: <https://w3id.org/nngraph/ns#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/bench/> .
"""
DEPTHS = ("mention", "intuition", "derivation", "rigorous")


def synthetic_turtle(nodes: int) -> str:
    """A graph of about ``nodes`` view nodes: 40% works, 40% authors, 20% topics.

    Each work has two authors and covers three topics; each topic requires the
    one before it and every tenth is narrower than the first.
    """
    topics, works = max(1, nodes // 5), max(1, 2 * nodes // 5)
    authors = nodes - topics - works
    lines = [PREFIXES]
    for t in range(topics):
        extra = f" ; nn:requires ex:t{t - 1}" if t else ""
        extra += " ; skos:broader ex:t0" if t and t % 10 == 0 else ""
        lines.append(f'ex:t{t} a skos:Concept ; skos:prefLabel "Topic {t}"@en{extra} .')
    for a in range(authors):
        lines.append(f'ex:a{a} a schema:Person ; schema:name "Author {a}" .')
    for w in range(works):
        a1, a2 = w % authors, (w * 7 + 1) % authors
        lines.append(
            f'ex:w{w} a schema:Book ; schema:name "Work {w}" ; '
            f'schema:author ex:a{a1}, ex:a{a2} ; schema:datePublished "2000" .'
        )
        for k in range(3):
            t = (w * 3 + k) % topics
            depth = DEPTHS[(w + k) % 4]
            lines.append(
                f"ex:c{w}_{k} a nn:Coverage ; nn:work ex:w{w} ; nn:topic ex:t{t} ; "
                f"nn:depth nn:{depth} ; nn:hasExercises {'true' if k == 0 else 'false'} ; "
                f'nn:locator "ch. {k}" .'
            )
    return "\n".join(lines) + "\n"


def timed(action):
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def fill(nodes: list[dict], edges: list[dict]) -> Network:
    """What build_network does last: fill pyvis's lists directly (copies, as it gets them)."""
    with _paused_gc():
        return _network(
            [dict(n) for n in nodes], [dict(e) for e in edges], heading="", layout="force"
        )


def add_nodes_one_by_one(nodes: list[dict]) -> Network:
    network = Network(directed=True)
    for node in nodes:
        options = {k: v for k, v in node.items() if k not in ("id", "label", "shape", "color")}
        network.add_node(
            node["id"], label=node["label"], shape=node["shape"], color=node["color"], **options
        )
    return network


def add_edges_one_by_one(network: Network, edges: list[dict]) -> None:
    for edge in edges:
        options = {k: v for k, v in edge.items() if k not in ("from", "to")}
        network.add_edge(edge["from"], edge["to"], **options)


def main(sizes: list[int]) -> None:
    header = (
        f"{'nodes':>7} {'edges':>7} {'load s':>7} {'build s':>8} {'fill s':>7} "
        f"{'add_node s':>10} {'ratio':>6} {'add_edge s':>10} {'html s':>7} {'html MB':>8}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"bench-{size}.ttl"
            path.write_text(synthetic_turtle(size), encoding="utf-8")
            graph, load_s = timed(lambda: load([path], bundled=False))  # noqa: B023
            network, build_s = timed(lambda: build_network(graph))  # noqa: B023
            # Rendered before the add_node comparison, whose 50,000 extra objects
            # would otherwise slow every allocation of the page (2.4 s against 1.2 s).
            page, html_s = timed(lambda: render_html(network))  # noqa: B023
            nodes, edges = network.nodes, network.edges
            _, fill_s = timed(lambda: fill(nodes, edges))  # noqa: B023
            with _paused_gc():  # the same footing as fill
                slow, add_s = timed(lambda: add_nodes_one_by_one(nodes))  # noqa: B023
            # add_edge scans the node list for both ends: O(nodes x edges), hours at 50k
            edge_s = (
                f"{timed(lambda: add_edges_one_by_one(slow, edges))[1]:>10.2f}"  # noqa: B023
                if size <= ADD_EDGE_MAX
                else f"{'-':>10}"
            )
            print(
                f"{len(nodes):>7} {len(edges):>7} {load_s:>7.2f} {build_s:>8.2f} "
                f"{fill_s:>7.3f} {add_s:>10.2f} {add_s / fill_s:>6.0f} {edge_s} "
                f"{html_s:>7.2f} {len(page) / 1e6:>8.1f}"
            )
    print("ratio = add_node (nodes only) / fill (nodes and edges)")


ADD_EDGE_MAX = 5000

HOVER_TARGET = """() => {
    const net = nngraph.network, ids = net.body.nodeIndices;
    const id = ids.find(i => String(i).startsWith("cluster:")) || ids.find(
        i => nngraph.nodes.get(i).kind === "topic") || ids[0];
    net.moveTo({position: net.getPositions([id])[id], scale: 1.5, animation: false});
    const at = net.canvasToDOM(net.getPositions([id])[id]);
    const box = document.getElementById("mynetwork").getBoundingClientRect();
    return {x: box.left + at.x, y: box.top + at.y};
}"""


def open_to_interactive(browser, path: Path) -> float:
    """Seconds from navigation to a hover's tooltip on screen."""
    url = path.resolve().as_uri()
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route(
        "**/*", lambda route: route.continue_() if route.request.url == url else route.abort()
    )
    start = time.perf_counter()
    page.goto(url, timeout=300_000)
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=300_000)
    point = page.evaluate(HOVER_TARGET)
    page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.mouse.move(point["x"], point["y"], steps=3)
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=300_000)
    seconds = time.perf_counter() - start
    page.close()
    return seconds


def open_pages(works: int, rounds: int = 3) -> None:
    from statistics import median

    from playwright.sync_api import sync_playwright

    from nngraph.store.synth import synth

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / f"synth-{works}.nt"
        synth(data, works=works, seed=1)
        graph = load([data], bundled=False)
        pages = {}
        for name, network in (
            (f"{works} works, default (folded)", build_network(graph)),
            (f"{works} works, --max-nodes 0", build_network(graph, max_nodes=0)),
            ("bundled graph, default", build_network(load())),
        ):
            path = Path(folder) / f"{len(pages)}.html"
            path.write_text(render_html(network), encoding="utf-8")
            pages[name] = (path, network, path.stat().st_size)
        times: dict[str, list[float]] = {name: [] for name in pages}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            for _ in range(rounds):
                for name, (path, _network, _size) in pages.items():
                    times[name].append(open_to_interactive(browser, path))
            browser.close()
    names = list(pages)
    print("| page | nodes | drawn at first | HTML | open to interactive | vs everything drawn |")
    print("|---|---:|---:|---:|---:|---:|")
    everything = median(times[names[1]])
    for name in names:
        _path, network, size = pages[name]
        folded = sum(g["works"] + g["authors"] - 1 for g in network.groups)
        seconds = median(times[name])
        print(
            f"| {name} | {len(network.nodes):,} | {len(network.nodes) - folded:,} | "
            f"{size / 1e6:.1f} MB | {seconds:.2f} s | {seconds / everything:.2f}× |"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--open"]:
        open_pages(int(sys.argv[2]) if len(sys.argv) > 2 else 5000)
    else:
        main([int(arg) for arg in sys.argv[1:]] or [1000, 5000, 50000])
