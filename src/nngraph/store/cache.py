"""The on-disk cache: parsed graphs kept as Oxigraph stores, reused while the files are unchanged.

Layout of the cache folder (``NNGRAPH_CACHE_DIR``, else the platform's user
cache folder, e.g. ``~/.cache/nngraph``)::

    stores/<key>/    a complete pyoxigraph store, never written after it appears
    results/<key>/   answers to queries on that store (see ``nngraph.store.result_memo``)
    manifests/<key>.json  the files it was built from and its size in triples
    locks/<key>.lock the lock held while that store is built
    building/        stores being built (renamed into stores/ when complete)
    digests.json     content hashes by file fingerprint (see ``nngraph.store.file_digests``)

The key is a SHA-256 over nngraph's and Oxigraph's versions, the layout
version, and for each input file its absolute path (relative IRIs resolve
against it), format and a hash of its *contents*: a changed file gives a new
key, a touched but unchanged file does not. Computing the key reads a file
(about 0.2 s per 100 MB) only when its size, times or inode changed since it
was last hashed.

A first run on large inputs (``background=True``, what the CLI asks for)
answers from memory and leaves the writing of the store to a detached process
(``nngraph.store.cache_builder``) started as it exits; small inputs are stored at once.

Concurrency: a store is built in ``building/`` under the key's file lock and
appears in ``stores/`` by an atomic rename, so a reader sees a complete store
or none. Readers open it read-only and take no lock, so any number of
processes can read at once; a second process that needs the same store while
it is being built waits for the first, then reads its result (with
``background``, it answers from memory instead of waiting).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph
import rdflib
from filelock import FileLock, Timeout

from nngraph import __version__
from nngraph.errors import NngraphError
from nngraph.output import write_atomic
from nngraph.store.file_digests import DigestIndex
from nngraph.store.files import (
    Progress,
    content_digest,
    load_into_oxigraph,
    parse_files,
    rdf_format,
)
from nngraph.store.oxigraph_bridge import oxigraph_graph
from nngraph.store.result_memo import ResultMemo

LAYOUT = 1
KEEP = 4  # stores kept besides the one in use; older ones are removed when a new one is built
LOCK_TIMEOUT = 900.0  # seconds to wait for another process building the same store
BACKGROUND_MIN_BYTES = 8 << 20  # inputs this large are cached by a background process

# (cache folder, files) of stores to build in the background when this process ends.
_PENDING: list[tuple[Path, list[Path]]] = []


def cache_dir() -> Path:
    """The cache folder: ``$NNGRAPH_CACHE_DIR`` if set, else the user cache folder."""
    override = os.environ.get("NNGRAPH_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("nngraph"))


def cache_key(sources: Sequence[Path]) -> str:
    """The key of the store built from these files: changes whenever a file's content does.

    A file whose size, times, inode and device are those of its last hashing
    is not read again (see ``nngraph.store.file_digests``). UTF-8 is checked by
    the parser that reads the file (see ``nngraph.store.check_readable``).

    Raises:
        DataLoadError: a file is missing, empty or binary.
    """
    key = hashlib.sha256()
    versions = f"nngraph {__version__} oxigraph {pyoxigraph.__version__} layout {LAYOUT}\n"
    key.update(versions.encode())
    digests = DigestIndex(cache_dir() / "digests.json")
    for path in sources:
        line = f"{path.resolve()}\t{rdf_format(path)}\t{digests.digest(path, content_digest)}\n"
        key.update(line.encode("utf-8", "surrogateescape"))
    digests.save()
    return key.hexdigest()[:32]


def cached_graph(
    sources: Sequence[Path], *, progress: Progress | None = None, background: bool = False
) -> rdflib.Graph:
    """The graph of these files, from the cache when it holds them, else parsed once into it.

    Args:
        sources: the RDF files, in load order.
        progress: called with (bytes parsed, bytes in all files) while parsing.
        background: when the files are large (``BACKGROUND_MIN_BYTES`` in all)
            and not cached yet, parse them into memory and answer from there,
            and let a detached process build the on-disk store after this one
            exits: a first run then costs what ``--no-cache`` costs, instead of
            the slower writing of an on-disk store.

    Returns:
        A read-only rdflib Graph over the cached Oxigraph store, or, while a
        background build is pending, a graph in memory.

    Raises:
        DataLoadError: a file cannot be read or parsed (nothing is cached).
        NngraphError: the cache folder cannot be written.
    """
    key = cache_key(sources)
    root = cache_dir()
    graph = _open(root, key)
    if graph is not None:
        return graph
    large = sum(path.stat().st_size for path in sources) >= BACKGROUND_MIN_BYTES
    if background and large and hasattr(os, "posix_spawn"):  # else (Windows) build now
        # cache_key checked the files (now, or when they were hashed with these
        # fingerprints); bad RDF fails here, before any build is asked for.
        graph = parse_files(sources, progress=progress, checked=True)
        # Same contents, same answers: what this run computes in memory is kept
        # for the store being built, so the next run need not ask it.
        graph.store.results = ResultMemo(root / "results" / key)
        if not _being_built(root, key):
            if not _PENDING:
                atexit.register(start_pending_builds)
            _PENDING.append((root, list(sources)))
        return graph
    ensure_store(sources, key, progress=progress)
    graph = _open(root, key)
    if graph is None:
        raise NngraphError(f"the cache store for {key} cannot be opened; run `nngraph cache clear`")
    return graph


def ensure_store(sources: Sequence[Path], key: str, *, progress: Progress | None = None) -> Path:
    """Build the store for ``key`` unless it exists; wait if another process is building it.

    Returns:
        The store's folder.

    Raises:
        DataLoadError: a file cannot be read or parsed (nothing is cached).
        NngraphError: the cache folder cannot be written, or the build waited too long.
    """
    root = cache_dir()
    final = root / "stores" / key
    try:
        for sub in ("stores", "locks", "building"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        with FileLock(root / "locks" / f"{key}.lock", timeout=LOCK_TIMEOUT):
            if final.is_dir():  # built by another process while we waited
                if _open(root, key) is not None:
                    return final
                _remove(final, root)  # unreadable: rebuild it
            _build(sources, final, root, progress)
    except Timeout as error:
        raise NngraphError(
            f"another nngraph process has been building the cache in {root} for "
            f"{LOCK_TIMEOUT:g} s; wait for it, or pass --no-cache"
        ) from error
    except OSError as error:  # parse errors are DataLoadError already; this is the folder
        raise NngraphError(
            f"cannot write the cache folder {root}: {error.strerror or error}; "
            "set NNGRAPH_CACHE_DIR to a writable folder or pass --no-cache"
        ) from error
    _evict(root, keep=final)
    return final


def _being_built(root: Path, key: str) -> bool:
    """Whether another process holds the build lock of ``key`` right now."""
    lock_file = root / "locks" / f"{key}.lock"
    if not lock_file.exists():
        return False
    try:
        with FileLock(lock_file, timeout=0):
            return False
    except Timeout:
        return True


def start_pending_builds() -> None:
    """Start a detached ``nngraph.store.cache_builder`` for each store a background load asked for.

    Runs at exit (the CLI calls it itself before its fast exit), so the build
    never competes with the answer. The builder gets no terminal and no pipes:
    holding this process's stdout open would make a caller reading our output
    to its end wait for the build too.
    """
    while _PENDING:
        root, sources = _PENDING.pop()
        argv = [sys.executable, "-m", "nngraph.store.cache_builder", *(str(p) for p in sources)]
        quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
        try:  # posix_spawn leaves no Popen object behind to complain that it still runs
            os.posix_spawn(
                sys.executable,
                argv,
                {**os.environ, "NNGRAPH_CACHE_DIR": str(root)},
                file_actions=quiet,
                setsid=True,
            )
        except OSError:
            pass  # no build this time: the next run answers from memory again


def _open(root: Path, key: str) -> rdflib.Graph | None:
    """Open the complete store of ``key`` read-only; None if missing, damaged or being removed."""
    path = root / "stores" / key
    if not path.is_dir():
        return None
    try:
        store = pyoxigraph.Store.read_only(str(path))
    except OSError:
        return None
    try:
        os.utime(path)  # last use, for eviction
    except OSError:
        pass
    graph = oxigraph_graph(store)
    graph.store.results = ResultMemo(root / "results" / key)
    return graph


def _build(sources: Sequence[Path], final: Path, root: Path, progress: Progress | None) -> None:
    """Parse the files into a new store in building/, then rename it to ``final``."""
    temp = Path(tempfile.mkdtemp(prefix=f"{final.name}.", dir=root / "building"))
    try:
        store = pyoxigraph.Store(str(temp))
        sizes = [path.stat().st_size for path in sources]
        total, done = sum(sizes), 0
        for path, size in zip(sources, sizes, strict=True):
            report = None
            if progress is not None:
                report = _shifted(progress, done, total)
            load_into_oxigraph(store, path, bulk=True, progress=report)
            done += size
        store.flush()
        triples = len(store)
        del store  # closes the database before it moves
        manifest = {"files": [str(path.resolve()) for path in sources], "triples": triples}
        (root / "manifests").mkdir(exist_ok=True)
        write_atomic(root / "manifests" / f"{final.name}.json", json.dumps(manifest), force=True)
        os.rename(temp, final)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _shifted(progress: Progress, offset: int, total: int) -> Progress:
    return lambda done, _size: progress(offset + done, total)


def _remove(path: Path, root: Path) -> None:
    """Take a store and its kept answers out of the cache atomically, then delete them."""
    trash = Path(tempfile.mkdtemp(prefix="trash.", dir=root / "building"))
    parts = (
        (path, "store"),
        (root / "results" / path.name, "results"),
        (root / "manifests" / f"{path.name}.json", "manifest"),
    )
    for part, where in parts:
        try:
            os.rename(part, trash / where)
        except OSError:
            pass
    shutil.rmtree(trash, ignore_errors=True)


def _evict(root: Path, *, keep: Path) -> None:
    """Remove all but the KEEP most recently used stores (never ``keep``, never one being built)."""
    stores = root / "stores"
    others = sorted(
        (p for p in stores.iterdir() if p.is_dir() and p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in others[KEEP:]:
        lock = FileLock(root / "locks" / f"{old.name}.lock", timeout=0)
        try:
            with lock:
                _remove(old, root)
        except Timeout:  # being rebuilt right now: leave it
            continue


def listing() -> list[dict[str, Any]]:
    """Every cached graph, most recently used first.

    Returns:
        Dicts with key, triples, files (the inputs it was built from),
        megabytes (on disk), answers (how many query answers are kept) and
        last_used (ISO 8601, UTC).
    """
    root = cache_dir()
    stores = root / "stores"
    if not stores.is_dir():
        return []
    found = []
    for path in stores.iterdir():
        try:
            used = path.stat().st_mtime
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        except OSError:  # removed while we looked
            continue
        try:
            manifest = json.loads((root / "manifests" / f"{path.name}.json").read_text())
        except (OSError, ValueError):
            manifest = {"files": [], "triples": None}
        answers = root / "results" / path.name
        row = {
            "key": path.name,
            "triples": manifest.get("triples"),
            "files": manifest.get("files", []),
            "megabytes": round(size / 1e6, 1),
            "answers": len(list(answers.glob("*.json"))) if answers.is_dir() else 0,
            "last_used": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(used)),
        }
        found.append((used, row))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [row for _, row in found]


def clear() -> int:
    """Remove every cached store.

    Returns:
        How many stores were removed.

    Raises:
        NngraphError: the cache folder cannot be changed.
    """
    root = cache_dir()
    stores = root / "stores"
    if not stores.is_dir():
        return 0
    removed = 0
    try:
        (root / "building").mkdir(parents=True, exist_ok=True)
        for path in sorted(stores.iterdir()):
            if path.is_dir():
                _remove(path, root)
                removed += 1
        shutil.rmtree(root / "results", ignore_errors=True)
        shutil.rmtree(root / "manifests", ignore_errors=True)
        # Leftovers of builds that crashed long ago (an hour is far longer than any build).
        for path in (root / "building").iterdir():
            if time.time() - path.stat().st_mtime > 3600:
                shutil.rmtree(path, ignore_errors=True)
    except PermissionError as error:
        raise NngraphError(f"cannot change the cache folder {root}: {error.strerror}") from error
    return removed
