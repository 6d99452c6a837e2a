"""The graph view in real headless Chromium, with the network blocked.

Skipped only when no Chromium is installed and ``CI`` is not set; in CI a
missing Chromium is a failure (``.ci/run`` installs Debian's ``chromium``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from nngraph.store.loader import load
from nngraph.view.network import build_network, render_html

pytestmark = pytest.mark.browser

DATA = Path(__file__).parents[1] / "data"
TINY = DATA / "tiny.ttl"
HOSTILE = DATA / "viz" / "hostile.ttl"
EX = "https://example.org/tiny/"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY_MS = 120_000  # a liveness bound for slow CI machines, not a speed assertion


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium, but CI must run the browser tests: apt-get install chromium")
        pytest.skip("no Chromium found (install Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=ARGS)
        yield launched
        launched.close()


class Opened:
    """A page showing one file, with every request it makes and every error it logs."""

    def __init__(self, browser, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
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
    assert tooltip.locator("strong").first.text_content() == hostile_title
    assert 'Authors: <b onmouseover="window.__xss=2">Mallory</b>' in tooltip.text_content()
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
    assert page.evaluate(hidden) == sorted(
        [EX + "alice", EX + "bob", EX + "backprop", EX + "calculus"]
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
