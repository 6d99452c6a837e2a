"""Regenerate the README's pictures of the reading guide: a topic page and the coverage matrix.

    .venv/bin/python docs/site_screenshots.py

Builds the site of the bundled graph in a temporary folder and takes the two screenshots in
headless Chromium (Debian's /usr/bin/chromium), from file://, writing docs/site-topic.png and
docs/site-matrix.png.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from nngraph.store.loader import load
from nngraph.view.site import build_site

HERE = Path(__file__).parent
SHOTS = {"topic/bptt.html": "site-topic.png", "matrix.html": "site-matrix.png"}


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        build_site(load(), site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1200, "height": 820})
            for name, picture in SHOTS.items():
                page.goto((site / name).as_uri())
                page.wait_for_selector("body[data-ready='1']", state="attached")
                page.screenshot(path=str(HERE / picture))
                print(f"wrote {HERE / picture}")
            browser.close()


if __name__ == "__main__":
    main()
