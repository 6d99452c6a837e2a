"""The graph view in real headless Chromium, with the network blocked.

Skipped only when no Chromium is installed and ``CI`` is not set; in CI a
missing Chromium is a failure (``.ci/run`` installs Debian's ``chromium``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nngraph.store.loader import load
from nngraph.store.synth import synth
from nngraph.view.network import build_network, render_html
from nngraph.view.typed_view import fold

pytestmark = pytest.mark.browser

DATA = Path(__file__).parents[1] / "data"
TINY = DATA / "tiny.ttl"
HOSTILE = DATA / "viz" / "hostile.ttl"
EX = "https://example.org/tiny/"
READY_MS = 120_000  # a liveness bound for slow CI machines, not a speed assertion


class Opened:
    """A page showing one file, with every request it makes and every error it logs."""

    def __init__(self, browser, path: Path, width: int = 1400, height: int = 900) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.goto(self.url)
        # a selector, not wait_for_function: the page's CSP forbids the eval() it polls with
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=READY_MS)

    def _route(self, route) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:  # anything else, file or network, leaves the one file
            self.requests.append(route.request.url)
            route.abort()

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def counts(self) -> dict[str, int]:
        return self.page.evaluate(
            """() => ({nodes: nngraph.nodes.length, edges: nngraph.edges.length,
                       drawnNodes: nngraph.network.body.nodeIndices.length,
                       drawnEdges: nngraph.network.body.edgeIndices.length})"""
        )

    def hover(self, node_id: str) -> None:
        """Centre the view on a node, then move the mouse onto it."""
        point = self.page.evaluate(
            """(id) => {
                const network = nngraph.network;
                network.moveTo({position: network.getPositions([id])[id], scale: 1.5});
                const at = network.canvasToDOM(network.getPositions([id])[id]);
                const box = document.getElementById('mynetwork').getBoundingClientRect();
                return {x: box.left + at.x, y: box.top + at.y};
            }""",
            node_id,
        )
        self.page.mouse.move(point["x"] - 40, point["y"] - 40)
        self.page.mouse.move(point["x"], point["y"], steps=8)


def write_page(tmp_path: Path, network, name: str = "graph.html") -> Path:
    path = tmp_path / name
    path.write_text(render_html(network), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_network():
    return build_network(load([TINY, HOSTILE], bundled=False))


def test_tiny_view_offline_counts_hover_and_screenshot(browser, tmp_path, hostile_network):
    opened = Opened(browser, write_page(tmp_path, hostile_network))
    counts = opened.counts()
    assert counts == {
        "nodes": len(hostile_network.nodes),
        "edges": len(hostile_network.edges),
        "drawnNodes": len(hostile_network.nodes),
        "drawnEdges": len(hostile_network.edges),
    }
    assert counts["nodes"] == 14 and counts["edges"] == 16

    hostile_title = '<img src=x onerror="window.__xss=1">'
    opened.hover(EX + "hostile")
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert tooltip.inner_text().split("\n")[0] == hostile_title
    assert 'Authors: <b onmouseover="window.__xss=2">Mallory</b>' in tooltip.inner_text()
    assert tooltip.locator("img, b, svg, script").count() == 0
    assert opened.page.evaluate("typeof window.__xss") == "undefined"
    assert opened.page.locator("img").count() == 0
    # the hostile labels appear as text in the search suggestions, too
    values = opened.page.eval_on_selector_all("#names option", "os => os.map(o => o.value)")
    assert hostile_title in values

    shot = tmp_path / "tiny.png"
    opened.page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert opened.requests == []
    assert opened.errors == []


def test_search_and_kind_toggles(browser, tmp_path, tiny_store):
    network = build_network(tiny_store)
    opened = Opened(browser, write_page(tmp_path, network))
    page = opened.page
    page.fill("#search", "bptt")
    page.press("#search", "Enter")
    assert page.evaluate("nngraph.network.getSelectedNodes()") == [EX + "bptt"]
    assert page.text_content("#status") == "1 match"
    page.fill("#search", "BACKPROPAGATION")  # exact names win over partial ones
    page.press("#search", "Enter")
    assert page.evaluate("nngraph.network.getSelectedNodes()") == [EX + "backprop"]
    page.fill("#search", "nets")  # no exact name: every name containing it
    page.press("#search", "Enter")
    assert sorted(page.evaluate("nngraph.network.getSelectedNodes()")) == [
        EX + "book1",
        EX + "book2",
    ]
    assert page.text_content("#status") == "2 matches"

    page.uncheck("input.kind[value=author]")
    hidden = "nngraph.nodes.get({filter: n => n.hidden}).map(n => n.id).sort()"
    assert page.evaluate(hidden) == [EX + "alice", EX + "bob"]
    page.check("#gaps-only")
    # the gaps, the works closest to covering them (book2 for rnn and nets, paper1 for
    # bptt) and the gaps' prerequisites (backprop, rnn); nothing else
    assert page.evaluate(hidden) == sorted(
        [EX + "alice", EX + "bob", EX + "book1", EX + "calculus"]
    )
    page.check("input.kind[value=author]")
    page.uncheck("#gaps-only")
    assert page.evaluate(hidden) == []
    assert opened.requests == [] and opened.errors == []


def test_bundled_view(browser, tmp_path, bundled_store):
    network = build_network(bundled_store)
    opened = Opened(browser, write_page(tmp_path, network))
    counts = opened.counts()
    assert counts["nodes"] == counts["drawnNodes"] == len(network.nodes)
    assert counts["edges"] == counts["drawnEdges"] == len(network.edges)
    # physics settled and was switched off
    assert opened.page.evaluate("nngraph.network.physics.physicsEnabled") is False
    shot = tmp_path / "bundled.png"
    opened.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert opened.requests == []
    assert opened.errors == []


def test_hierarchical_view(browser, tmp_path, tiny_store):
    network = build_network(tiny_store, layout="hierarchical", authors=False)
    opened = Opened(browser, write_page(tmp_path, network))
    levels = opened.page.evaluate(
        """() => { const p = nngraph.network.getPositions();
                   return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.y])); }"""
    )
    # prerequisites sit above the topics that need them
    assert levels[EX + "calculus"] < levels[EX + "backprop"] < levels[EX + "bptt"]
    assert opened.requests == [] and opened.errors == []


# ---------------------------------------------------------------- synthetic graphs


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory):
    """``nngraph synth --works N --seed 1``, loaded on its own, per N."""
    made: dict[int, object] = {}

    def store(works: int):
        if works not in made:
            path = tmp_path_factory.mktemp("synth") / f"synth-{works}.nt"
            synth(path, works=works, seed=1)
            made[works] = load([path], bundled=False)
        return made[works]

    return store


def scale(opened: Opened) -> float:
    return opened.page.evaluate("nngraph.network.getScale()")


def click_fit(opened: Opened) -> None:
    opened.page.click("#fit")
    opened.page.wait_for_timeout(700)  # longer than any animation the page runs


def test_search_enter_then_fit_shows_the_whole_graph_again(browser, tmp_path, synth_store):
    opened = Opened(browser, write_page(tmp_path, build_network(synth_store(60))))
    page = opened.page
    click_fit(opened)
    whole = scale(opened)
    page.fill("#search", "Topic 3")
    page.press("#search", "Enter")  # Chrome fires keydown and change: one search only
    assert page.text_content("#status") == "1 match"
    page.wait_for_timeout(100)
    click_fit(opened)
    assert abs(scale(opened) - whole) <= 0.1 * whole
    # the reader's own zoom stays: nothing left behind pulls the view back
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(6):
        page.mouse.wheel(0, -100)
        page.wait_for_timeout(50)
    page.wait_for_timeout(700)
    zoomed = scale(opened)
    assert zoomed > 1.3 * whole
    page.wait_for_timeout(500)
    assert scale(opened) == zoomed
    assert opened.requests == [] and opened.errors == []


def test_hovering_the_graph_leaves_the_focus_in_the_search_box(browser, tmp_path, tiny_store):
    opened = Opened(browser, write_page(tmp_path, build_network(tiny_store)))
    page = opened.page
    summary = page.text_content("#status")
    page.click("#search")
    page.keyboard.type("Back")
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.move(box["x"] + 50, box["y"] + 50)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=10)
    page.keyboard.type("propagation")
    assert page.evaluate("document.activeElement.id") == "search"
    assert page.input_value("#search") == "Backpropagation"
    assert page.text_content("#status") == summary  # no half-typed search ran
    page.keyboard.press("Enter")
    assert page.evaluate("nngraph.network.getSelectedNodes()") == [EX + "backprop"]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


LAYOUT_DISTANCES = """() => {
    const at = nngraph.network.getPositions();
    const xs = Object.values(at).map(p => p.x), ys = Object.values(at).map(p => p.y);
    const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    const near = {};  // author -> distance to the nearest of their works
    nngraph.edges.get({filter: e => e.kind === "author"}).forEach(e => {
        const d = Math.hypot(at[e.from].x - at[e.to].x, at[e.from].y - at[e.to].y);
        near[e.from] = Math.min(near[e.from] === undefined ? Infinity : near[e.from], d);
    });
    return {extent: extent, near: Object.values(near)};
}"""


@pytest.fixture(scope="module")
def page_5000(browser, synth_store, tmp_path_factory):
    """The 5,000-work synthetic graph, everything drawn (--max-nodes 0): a large page."""
    network = build_network(synth_store(5000), max_nodes=0)
    opened = Opened(browser, write_page(tmp_path_factory.mktemp("p5000"), network))
    yield network, opened
    opened.page.close()


def test_large_page_puts_authors_beside_their_works(page_5000):
    network, opened = page_5000
    assert len(network.nodes) >= 5000 and network.options["physics"] == {"enabled": False}
    found = opened.page.evaluate(LAYOUT_DISTANCES)
    assert len(found["near"]) > 3000  # every author
    assert median(found["near"]) < 0.05 * found["extent"]


def test_large_page_suggests_topics_and_authors(page_5000):
    network, opened = page_5000
    values = set(opened.page.eval_on_selector_all("#names option", "os => os.map(o => o.value)"))
    for kind in ("topic", "author", "work"):
        names = {n.get("name", n["label"]) for n in network.nodes if n["kind"] == kind}
        assert names <= values, kind


def test_fit_after_a_toggle_in_the_hierarchical_view(browser, tmp_path, synth_store):
    network = build_network(synth_store(60), layout="hierarchical")
    opened = Opened(browser, write_page(tmp_path, network))
    page = opened.page
    before = page.evaluate("nngraph.network.getPositions()")
    page.uncheck("input.kind[value=author]")
    page.wait_for_timeout(300)
    after = page.evaluate("nngraph.network.getPositions()")
    kept = [i for i in before if i in after and not i.startswith(SYNTH_PERSON)]
    assert kept and all(before[i] == after[i] for i in kept)  # nothing jumps
    click_fit(opened)
    # the visible nodes fill the canvas across or down (the fit's margins aside)
    span = page.evaluate(
        """() => { const net = nngraph.network, at = net.getPositions(net.body.nodeIndices);
            const dom = Object.values(at).map(p => net.canvasToDOM(p));
            const xs = dom.map(p => p.x), ys = dom.map(p => p.y);
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return Math.max((Math.max(...xs) - Math.min(...xs)) / box.width,
                            (Math.max(...ys) - Math.min(...ys)) / box.height); }"""
    )
    assert span > 0.75
    assert opened.requests == [] and opened.errors == []


SYNTH_PERSON = "https://example.org/synth/p"


FOLD = DATA / "viz" / "fold.ttl"
FOLDED = ["Maß", "MASS", "Straße", "ﬁnite ﬁelds", "ΣΊΣΥΦΟΣ", "İstanbul", "ǅ", "Ω"]


def test_search_folds_case_as_python_does(browser, tmp_path):
    network = build_network(load([TINY, FOLD], bundled=False))
    opened = Opened(browser, write_page(tmp_path, network))
    page = opened.page
    for typed in ("Maßtheorie", "MASSTHEORIE", "masstheorie", "ΣΊΣΥΦΟΣ", "σίσυφοσ"):
        page.fill("#search", typed)
        page.press("#search", "Enter")
        assert page.evaluate("nngraph.network.getSelectedNodes()") == [EX + "measure"], typed
    page.fill("#search", "FINITE FIELDS")
    page.press("#search", "Enter")
    assert page.evaluate("nngraph.network.getSelectedNodes()") == [EX + "fields"]
    assert page.evaluate("words => words.map(nngraph.fold)", FOLDED) == [fold(w) for w in FOLDED]
    assert opened.requests == [] and opened.errors == []


@pytest.fixture(scope="module")
def folded_5000(browser, synth_store, tmp_path_factory):
    """The 5,000-work synthetic graph with the default node budget: works folded."""
    network = build_network(synth_store(5000))
    opened = Opened(browser, write_page(tmp_path_factory.mktemp("f5000"), network))
    yield network, opened
    opened.page.close()


def test_large_graph_folds_works_into_groups_that_open(folded_5000):
    network, opened = folded_5000
    page = opened.page
    groups = network.groups
    in_groups = [n for n in network.nodes if "cluster" in n]
    assert sum(g["works"] for g in groups) == sum(n["kind"] == "work" for n in in_groups)
    assert sum(g["works"] for g in groups) > 4900  # a work alone on its topic stays
    folded = sum(g["works"] + g["authors"] for g in groups)
    drawn = page.evaluate("nngraph.network.body.nodeIndices.length")
    assert drawn == len(network.nodes) - folded + len(groups)
    assert drawn < 2000
    assert f"{folded} folded into {len(groups)} groups" in page.text_content("#status")
    # a hover shows the group's tooltip, with its counts
    opened.hover(groups[-1]["id"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    lines = tooltip.inner_text().split("\n")
    first = next(g for g in groups if g["label"] == lines[0])  # the group under the mouse
    assert lines[1] == f"{first['works']} works and {first['authors']} authors folded here"
    # a click opens it
    at = page.evaluate(
        """(id) => { const net = nngraph.network, p = net.canvasToDOM(net.getPositions([id])[id]);
                     const box = document.getElementById('mynetwork').getBoundingClientRect();
                     return {x: box.left + p.x, y: box.top + p.y}; }""",
        groups[-1]["id"],
    )
    page.mouse.click(at["x"], at["y"])
    assert page.evaluate("(id) => nngraph.nodes.get(id)", first["id"]) is None
    opened_now = first["works"] + first["authors"]
    assert page.evaluate("nngraph.network.body.nodeIndices.length") == drawn - 1 + opened_now
    assert f"{folded - opened_now} folded into {len(groups) - 1} groups" in (
        page.text_content("#status")
    )
    assert opened.requests == [] and opened.errors == []


def test_overview_labels_topics_at_the_default_zoom(browser, tmp_path, synth_store):
    network = build_network(synth_store(60))
    opened = Opened(browser, write_page(tmp_path, network))
    labelled = opened.page.evaluate("nngraph.labelled()")
    topics = [n for n in network.nodes if n["kind"] == "topic"]
    most_needed = max(topics, key=lambda n: (n["dependents"], n["id"]))
    worst_gap = max((n for n in topics if n["gap"]), key=lambda n: (n["dependents"], n["id"]))
    assert most_needed["id"] in labelled and worst_gap["id"] in labelled
    assert len(labelled) >= 8
    # the whole graph fits at a zoom where work labels (12 px) are below vis's threshold
    assert 12 * scale(opened) < 5
    assert opened.requests == [] and opened.errors == []


MARKER_PIXEL = """() => {
    const net = nngraph.network, edge = net.body.edges[nngraph.edges.get({filter: e =>
        e.kind === "coverage" && e.depth === "rigorous" && e.exercises})[0].id];
    const a = edge.from, b = edge.to, s = net.getScale();
    const dx = b.x - a.x, dy = b.y - a.y, length = Math.hypot(dx, dy);
    const away = Math.min(length / 2, a.options.size + 9 / s);
    const at = net.canvasToDOM({x: a.x + dx / length * away, y: a.y + dy / length * away});
    const canvas = document.querySelector('#mynetwork canvas');
    const ratio = canvas.width / canvas.clientWidth;
    return Array.from(canvas.getContext('2d').getImageData(
        Math.round(at.x * ratio), Math.round(at.y * ratio), 1, 1).data);
}"""


def test_exercises_show_on_a_rigorous_edge(browser, tmp_path, tiny_store):
    opened = Opened(browser, write_page(tmp_path, build_network(tiny_store)))
    red, green, blue, _ = opened.page.evaluate(MARKER_PIXEL)
    assert (abs(red - 0xF2), abs(green - 0xC1), abs(blue - 0x2E)) < (24, 24, 24)  # gold


def legend_rows(opened: Opened) -> list[str]:
    return opened.page.eval_on_selector_all(
        "#legend tr:not([hidden])",
        "rows => rows.map(r => r.getAttribute('data-kind') || r.getAttribute('data-depth'))",
    )


def test_legend_lists_what_is_drawn_and_folds_on_a_phone(browser, tmp_path, tiny_store):
    opened = Opened(browser, write_page(tmp_path, build_network(tiny_store)))
    assert legend_rows(opened) == [
        "work", "author", "topic", "gap", "mention", "intuition", "derivation", "rigorous",
        "exercises", "prerequisite", "broader", "author-edge",
    ]  # fmt: skip
    assert opened.page.evaluate("document.getElementById('legend').open") is True
    centred = write_page(tmp_path, build_network(tiny_store, topic="BPTT"), "centre.html")
    phone = Opened(browser, centred, width=390, height=800)
    assert "centre" in legend_rows(phone)
    # BPTT's neighbourhood: paper1's intuition claim, no author, no rigorous claim
    assert "intuition" in legend_rows(phone)
    assert not {"author", "author-edge", "rigorous"} & set(legend_rows(phone))
    assert phone.page.evaluate("document.getElementById('legend').open") is False
    assert phone.requests == [] and phone.errors == []
