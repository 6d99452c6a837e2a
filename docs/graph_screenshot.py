"""Regenerate docs/graph.png: the default view of the bundled graph in headless Chromium.

    .venv/bin/python docs/graph_screenshot.py          # writes docs/graph.png

The page is opened from file:// with every other request refused, as the browser
tests do; the picture is the overview a reader gets before touching anything:
topic labels (the most needed topics and the gap stars by name) at the default zoom.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from nngraph.store.loader import load
from nngraph.view.network import build_network, render_html

OUT = Path(__file__).parent / "graph.png"


def main(out: Path = OUT) -> None:
    page_html = render_html(build_network(load()))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.html"
        path.write_text(page_html, encoding="utf-8")
        url = path.resolve().as_uri()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda route: _only(route, url))
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=180_000)
            page.click("#fit")
            page.wait_for_timeout(500)
            page.screenshot(path=str(out))
            browser.close()
    print(f"wrote {out}")


def _only(route, url: str) -> None:
    """Let the page load itself and nothing else."""
    if route.request.url == url:
        route.continue_()
    else:
        route.abort()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
