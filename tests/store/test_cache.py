"""The on-disk cache: a second load of unchanged files parses nothing; changes invalidate it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
import rdflib.compare

import nngraph.store.cache as cache_module
from nngraph.analysis.stats import stats
from nngraph.errors import DataLoadError, NngraphError
from nngraph.query.run import run_named
from nngraph.store.cache import cache_key, cached_graph, clear
from nngraph.store.files import bundled_files
from nngraph.store.loader import load
from nngraph.store.synth import synth

TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"


pytestmark = pytest.mark.usefixtures("cache_dir")  # every test gets its own cache folder


@pytest.fixture
def parses(monkeypatch):
    """Count the files the cache parses."""
    seen: list[Path] = []
    real = cache_module.load_into_oxigraph

    def counting(store, path, **kwargs):
        seen.append(path)
        return real(store, path, **kwargs)

    monkeypatch.setattr(cache_module, "load_into_oxigraph", counting)
    return seen


def _copy(graph: rdflib.Graph) -> rdflib.Graph:
    copy = rdflib.Graph()
    copy += graph
    return copy


def _stores(folder: Path) -> list[str]:
    stores = folder / "stores"
    return sorted(p.name for p in stores.iterdir()) if stores.is_dir() else []


def test_second_load_parses_nothing_and_answers_the_same(tmp_path, parses, cache_dir):
    data = tmp_path / "tiny.ttl"
    data.write_bytes(TINY.read_bytes())
    first = load([data], bundled=False, cache=True)
    assert parses == [*bundled_files(data=False), data]
    second = load([data], bundled=False, cache=True)
    assert len(parses) == 2  # nothing parsed the second time
    plain = load([data], bundled=False)
    assert stats(first) == stats(second) == stats(plain)
    assert rdflib.compare.isomorphic(_copy(second), _copy(plain))
    assert len(_stores(cache_dir)) == 1
    assert list((cache_dir / "building").iterdir()) == []


def test_cached_graph_is_read_only(tmp_path):
    graph = load([TINY], bundled=False, cache=True)
    graph = load([TINY], bundled=False, cache=True)  # opened from disk, read-only
    with pytest.raises(RuntimeError, match="read-write"):
        graph.add((rdflib.URIRef("urn:a"), rdflib.URIRef("urn:b"), rdflib.URIRef("urn:c")))


def test_changed_content_invalidates_even_with_same_size_and_mtime(tmp_path, parses, cache_dir):
    data = tmp_path / "tiny.ttl"
    data.write_bytes(TINY.read_bytes())
    before = os.stat(data)
    load([data], bundled=False, cache=True)
    data.write_bytes(TINY.read_bytes().replace(b'"Rigorous Nets"', b'"Rigorous Nuts"'))
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(data).st_size == before.st_size
    graph = load([data], bundled=False, cache=True)
    assert parses.count(data) == 2  # parsed again
    titles = {str(o) for o in graph.objects(None, rdflib.URIRef("https://schema.org/name"))}
    assert "Rigorous Nuts" in titles and "Rigorous Nets" not in titles
    assert len(_stores(cache_dir)) == 2


def test_touched_but_unchanged_file_keeps_its_key(tmp_path):
    data = tmp_path / "tiny.ttl"
    data.write_bytes(TINY.read_bytes())
    key = cache_key([data])
    os.utime(data, (1_000_000, 1_000_000))
    assert cache_key([data]) == key
    other = tmp_path / "other.ttl"
    other.write_bytes(TINY.read_bytes() + b"\n# a comment changes the bytes\n")
    assert cache_key([other]) != cache_key([data])


def test_clear_removes_every_store_and_the_next_load_parses_again(parses, cache_dir):
    load([TINY], bundled=False, cache=True)
    load([TINY], bundled=True, cache=True)
    assert len(_stores(cache_dir)) == 2
    assert clear() == 2
    assert _stores(cache_dir) == []
    assert clear() == 0
    before = len(parses)
    load([TINY], bundled=False, cache=True)
    assert len(parses) == before + 2


def test_bad_file_caches_nothing(tmp_path, cache_dir):
    bad = Path(__file__).parents[1] / "data" / "bad" / "syntax.ttl"
    with pytest.raises(DataLoadError) as caught:
        load([bad], bundled=False, cache=True)
    assert caught.value.line == 4
    assert _stores(cache_dir) == []
    assert list((cache_dir / "building").iterdir()) == []


def test_memory_backend_ignores_the_cache(cache_dir):
    graph = load([TINY], bundled=False, backend="memory", cache=True)
    assert stats(graph)["works"] == 3
    assert not cache_dir.exists()


def test_old_stores_are_evicted(tmp_path, cache_dir):
    for i in range(cache_module.KEEP + 3):
        data = tmp_path / f"v{i}.ttl"
        data.write_bytes(TINY.read_bytes() + f"\n# version {i}\n".encode())
        cached_graph([data])
    assert len(_stores(cache_dir)) == cache_module.KEEP + 1


def test_unwritable_cache_folder_is_one_clear_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NNGRAPH_CACHE_DIR", str(blocker / "cache"))
    with pytest.raises(NngraphError, match="NNGRAPH_CACHE_DIR .* or pass --no-cache"):
        load([TINY], bundled=False, cache=True)


_CHILD = """
import sys
from pathlib import Path
from nngraph.store.loader import load
from nngraph.analysis.stats import stats
graph = load([Path(sys.argv[1])], bundled=False, cache=True)
print(stats(graph)["coverage"])
"""


def test_two_processes_at_once_build_one_store(tmp_path, cache_dir):
    data = synth(tmp_path / "g.nt", works=400, seed=1)
    env = {**os.environ, "NNGRAPH_CACHE_DIR": str(cache_dir)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(data.path)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [child.communicate(timeout=300) for child in children]
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
        assert out.strip() == str(data.coverage)
    assert len(_stores(cache_dir)) == 1
    assert list((cache_dir / "building").iterdir()) == []


def _wait_for_store(cache_dir: Path, seconds: float = 180.0) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _stores(cache_dir):
            return _stores(cache_dir)
        time.sleep(0.1)
    raise AssertionError(f"no store appeared in {cache_dir} within {seconds:g} s")


def test_large_first_load_answers_from_memory_and_builds_later(monkeypatch, cache_dir):
    monkeypatch.setattr(cache_module, "BACKGROUND_MIN_BYTES", 0)  # tiny counts as large
    monkeypatch.setattr(cache_module, "_PENDING", [])
    graph = load([TINY], bundled=False, cache=True, background=True)
    answer = run_named(graph, "works")
    assert _stores(cache_dir) == []  # nothing written yet: the answer came from memory
    key = cache_key([*bundled_files(data=False), TINY])
    assert list((cache_dir / "results" / key).glob("*.json"))  # kept for the store to come
    assert cache_module._PENDING == [(cache_dir, [*bundled_files(data=False), TINY])]
    cache_module.start_pending_builds()
    assert _wait_for_store(cache_dir) == [key]
    cached = load([TINY], bundled=False, cache=True, background=True)
    assert cache_module._PENDING == []
    with pytest.raises(RuntimeError, match="read-write"):  # the on-disk store, read-only
        cached.add((rdflib.URIRef("urn:a"), rdflib.URIRef("urn:b"), rdflib.URIRef("urn:c")))
    assert run_named(cached, "works").rows == answer.rows


def test_cli_first_run_on_large_files_leaves_the_build_to_a_detached_process(tmp_path, cache_dir):
    data = synth(tmp_path / "big.nt", works=2000, seed=3)
    assert data.path.stat().st_size >= cache_module.BACKGROUND_MIN_BYTES
    env = {**os.environ, "NNGRAPH_CACHE_DIR": str(cache_dir)}
    command = [sys.executable, "-m", "nngraph", "--no-bundled", "--data", str(data.path)]
    command += ["gaps", "--format", "json"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    # Our pipes closed when the command ended, not when the build did.
    assert _stores(cache_dir) == []
    _wait_for_store(cache_dir)
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout and first.stdout.startswith("[")
    assert list((cache_dir / "building").iterdir()) == []
