"""Headless Chromium (Debian's package) for the browser tests of the graph view and the site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Flags that keep a headless Chromium from reaching out on a machine with no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module; CI must have it (``.ci/run`` installs it), else fail."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium, but CI must run the browser tests: apt-get install chromium")
        pytest.skip("no Chromium found (install Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
