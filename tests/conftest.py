"""Shared fixtures: a CLI runner, the tiny hand-written graph, golden-file support."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from nngraph.store.loader import load

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
TINY = DATA / "tiny.ttl"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/* for review"
    )


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def tiny_store():
    """The tiny graph (plus the ontology), read-only, shared by the session."""
    return load([TINY], bundled=False)


@pytest.fixture(scope="session")
def bundled_store():
    """The bundled ontology and data, read-only, shared by the session."""
    return load()


@pytest.fixture(scope="session")
def bundled_validation():
    """`nngraph validate --format json` on the whole bundled graph, run once per test run.

    Validating the bundled graph takes seconds; the library's answer (tests/test_data.py) and
    the command's exit code and summary (tests/cli/test_cli_validate.py) are read from this
    one run instead of validating again for each.
    """
    from nngraph.cli import cli

    return CliRunner().invoke(cli, ["validate", "--format", "json"])


@pytest.fixture
def fresh_tiny_store():
    """A private copy of the tiny graph for tests that change it."""
    return load([TINY], bundled=False)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty nngraph cache folder (NNGRAPH_CACHE_DIR) for one test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NNGRAPH_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, object], None]:
    """Compare a JSON-able value with tests/golden/<name>.json (or rewrite it)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, value: object) -> None:
        path = GOLDEN / f"{name}.json"
        text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"no golden file {path}; run pytest --update-golden"
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text)

    return check
