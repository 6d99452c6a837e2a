"""The reading guide in real headless Chromium, from file://, with every other request blocked.

Skipped only when no Chromium is installed and ``CI`` is not set (as the graph view's tests).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from nngraph.store.loader import load
from nngraph.view.site import build_site

pytestmark = pytest.mark.browser

DATA = Path(__file__).parents[1] / "data"
TINY = DATA / "tiny.ttl"
EXTRA = DATA / "site" / "extra.ttl"
HOSTILE = DATA / "viz" / "hostile.ttl"
EX = "https://example.org/tiny/"
READY_MS = 120_000  # a liveness bound for slow CI machines, not a speed assertion


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tiny") / "site"
    build_site(load([TINY, EXTRA, HOSTILE], bundled=False), folder)
    return folder


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory, bundled_store) -> Path:
    folder = tmp_path_factory.mktemp("bundled") / "site"
    build_site(bundled_store, folder)
    return folder


class Opened:
    """A page of a site, with every request that leaves the site and every error it logs."""

    def __init__(self, browser, site: Path, page: str, *, width: int = 1280) -> None:
        self.root = site.resolve().as_uri() + "/"
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.go(page)

    def go(self, page: str) -> None:
        """Open another page of the site in the same tab."""
        self.page.goto(self.root + page)
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=READY_MS)

    def _route(self, route) -> None:
        if route.request.url.startswith(self.root):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def visible_rows(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "#matrix tbody tr:not([hidden]) th", "cells => cells.map(c => c.textContent)"
        )

    def close(self) -> None:
        self.page.close()


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def crawl(browser, site: Path) -> tuple[int, dict[str, list[str]]]:
    """Open every page reachable from index.html; return how many and the problems found."""
    problems: dict[str, list[str]] = {}
    seen, queue = {"index.html"}, ["index.html"]
    opened = Opened(browser, site, "index.html")
    while queue:
        name = queue.pop()
        opened.errors.clear()
        opened.outside.clear()
        opened.go(name)
        found = opened.errors + [f"request outside the site: {u}" for u in opened.outside]
        parser = Links()
        parser.feed((site / name).read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # a link to another site, followed only by a reader's click
            if not parts.path:
                continue  # a fragment of this page
            target = (site / name).parent / unquote(parts.path)
            resolved = target.resolve()
            if not resolved.is_file() or site.resolve() not in resolved.parents:
                found.append(f"broken link {link}")
                continue
            relative = resolved.relative_to(site.resolve()).as_posix()
            if relative.endswith(".html") and relative not in seen:
                seen.add(relative)
                queue.append(relative)
        if found:
            problems[name] = found
    opened.close()
    return len(seen), problems


def test_tiny_site_crawl_no_errors_no_outside_requests_no_script_from_data(browser, tiny_site):
    count, problems = crawl(browser, tiny_site)
    assert problems == {}
    pages = {p.relative_to(tiny_site).as_posix() for p in tiny_site.rglob("*.html")}
    assert count == len(pages) == 23  # every page is reachable from the home page
    for page in ("index.html", "work/hostile.html", "topic/script.html", "search.html?q=script"):
        opened = Opened(browser, tiny_site, page)
        assert opened.page.evaluate("typeof window.__xss") == "undefined"
        opened.close()


def test_bundled_site_crawl(browser, bundled_site):
    count, problems = crawl(browser, bundled_site)
    assert problems == {}
    assert count == len(list(bundled_site.rglob("*.html")))


def test_matrix_filters_change_the_visible_rows(browser, tiny_site):
    opened = Opened(browser, tiny_site, "matrix.html")
    everything = opened.visible_rows()
    assert sorted(everything) == [
        '<img src=x onerror="window.__xss=1">', "On BPTT", "Practical Nets", "Rigorous Nets",
    ]  # fmt: skip
    form = opened.page.locator("#matrix-filters")
    form.locator("select[name=kind]").select_option("paper")
    assert opened.visible_rows() == ["On BPTT"]
    assert opened.page.text_content("#matrix-status") == "1 of 4 works shown"
    form.locator("select[name=kind]").select_option("")
    form.locator("input[name=free]").check()
    assert opened.visible_rows() == ["Rigorous Nets"]
    form.locator("input[name=free]").uncheck()
    form.locator("input[name=exercises]").check()
    assert sorted(opened.visible_rows()) == [
        '<img src=x onerror="window.__xss=1">',
        "Rigorous Nets",
    ]
    form.locator("input[name=exercises]").uncheck()
    form.locator("select[name=status]").select_option("verified")
    assert opened.visible_rows() == ["Rigorous Nets"]
    form.locator("select[name=status]").select_option("")
    form.locator("input[name=from]").fill("2000")
    form.locator("input[name=to]").fill("2015")
    assert opened.visible_rows() == ["Rigorous Nets"]
    form.locator("input[name=from]").fill("")
    form.locator("input[name=to]").fill("")
    form.locator("select[name=sort]").select_option("year")
    assert opened.visible_rows() == [
        "On BPTT", "Rigorous Nets", "Practical Nets", '<img src=x onerror="window.__xss=1">',
    ]  # fmt: skip
    assert opened.errors == []
    opened.close()


def test_search_finds_topics_works_and_authors(browser, tiny_site, bundled_site):
    def results(site: Path, query: str) -> list[str]:
        opened = Opened(browser, site, f"search.html?q={query}")
        found = opened.page.eval_on_selector_all(
            "#search-results li", "items => items.map(i => i.textContent)"
        )
        assert opened.errors == [] and opened.outside == []
        opened.close()
        return found

    # "BPTT" is the topic's alternative label and a word of the paper's title
    assert sorted(results(tiny_site, "BPTT")) == [
        "Backpropagation through timetopic",
        "On BPTTwork",
    ]
    assert "Backpropagation through timetopic" in results(bundled_site, "BPTT")[:3]
    goodfellow = results(bundled_site, "Goodfellow")
    assert "Ian Goodfellowauthor" in goodfellow and "Deep Learningwork" in goodfellow


def test_timeline_svg_and_graph_view_centred(browser, tiny_site):
    opened = Opened(browser, tiny_site, "timeline.html")
    assert (
        opened.page.locator("figure.chart svg[role=img] title")
        .text_content()
        .startswith("Timeline of rigour")
    )
    assert opened.page.locator("figure.chart svg path").count() > 10  # marks drawn
    opened.close()
    opened = Opened(browser, tiny_site, "graph.html#" + EX + "bptt")
    opened.page.wait_for_selector(f"body[data-focus='{EX}bptt']", state="attached")
    assert opened.page.evaluate("nngraph.network.getSelectedNodes()") == [EX + "bptt"]
    assert opened.errors == [] and opened.outside == []
    opened.close()


@pytest.mark.parametrize(
    "page", ["index.html", "topic/bptt.html", "work/book2.html", "matrix.html"]
)
def test_no_serious_accessibility_violations(browser, tiny_site, bundled_site, page):
    from axe_playwright_python.sync_playwright import Axe

    for site in (tiny_site, bundled_site):
        if not (site / page).is_file():
            continue
        opened = Opened(browser, site, page)
        violations = Axe().run(opened.page).response["violations"]
        serious = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], site
        opened.close()


def test_phone_width_has_no_horizontal_page_scroll(browser, bundled_site):
    for page in ("index.html", "topic/bptt.html", "work/goodfellow2016.html"):
        opened = Opened(browser, bundled_site, page, width=375)
        overflow = opened.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, page
        opened.close()
