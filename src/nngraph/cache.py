"""The on-disk cache: parsed graphs kept as Oxigraph stores, reused while the files are unchanged.

Layout of the cache folder (``NNGRAPH_CACHE_DIR``, else the platform's user
cache folder, e.g. ``~/.cache/nngraph``)::

    stores/<key>/    a complete pyoxigraph store, never written after it appears
    locks/<key>.lock the lock held while that store is built
    building/        stores being built (renamed into stores/ when complete)

The key is a SHA-256 over nngraph's and Oxigraph's versions, the layout
version, and for each input file its absolute path (relative IRIs resolve
against it), format and a hash of its *contents*: a changed file gives a new
key, a touched but unchanged file does not. Computing the key reads every file
once, about 0.1 s per 100 MB.

Concurrency: a store is built in ``building/`` under the key's file lock and
appears in ``stores/`` by an atomic rename, so a reader sees a complete store
or none. Readers open it read-only and take no lock, so any number of
processes can read at once; a second process that needs the same store while
it is being built waits for the first, then reads its result.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph
import rdflib
from filelock import FileLock, Timeout

from nngraph import __version__
from nngraph.errors import NngraphError
from nngraph.oxigraph_bridge import oxigraph_graph
from nngraph.store import Progress, check_readable, load_into_oxigraph, rdf_format

LAYOUT = 1
KEEP = 4  # stores kept besides the one in use; older ones are removed when a new one is built
LOCK_TIMEOUT = 900.0  # seconds to wait for another process building the same store


def cache_dir() -> Path:
    """The cache folder: ``$NNGRAPH_CACHE_DIR`` if set, else the user cache folder."""
    override = os.environ.get("NNGRAPH_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("nngraph"))


def cache_key(sources: Sequence[Path]) -> str:
    """The key of the store built from these files: changes whenever a file's content does.

    Raises:
        DataLoadError: a file is missing, empty, binary or not UTF-8.
    """
    key = hashlib.sha256()
    versions = f"nngraph {__version__} oxigraph {pyoxigraph.__version__} layout {LAYOUT}\n"
    key.update(versions.encode())
    for path in sources:
        content = hashlib.sha256()
        check_readable(path, digest=content)
        line = f"{path.resolve()}\t{rdf_format(path)}\t{content.hexdigest()}\n"
        key.update(line.encode("utf-8", "surrogateescape"))
    return key.hexdigest()[:32]


def cached_graph(sources: Sequence[Path], *, progress: Progress | None = None) -> rdflib.Graph:
    """The graph of these files, from the cache when it holds them, else parsed once into it.

    Args:
        sources: the RDF files, in load order.
        progress: called with (bytes parsed, bytes in all files) while building.

    Returns:
        A read-only rdflib Graph over the cached Oxigraph store.

    Raises:
        DataLoadError: a file cannot be read or parsed (nothing is cached).
        NngraphError: the cache folder cannot be written.
    """
    key = cache_key(sources)
    root = cache_dir()
    final = root / "stores" / key
    if final.is_dir():
        graph = _open(final)
        if graph is not None:
            return graph
    try:
        for sub in ("stores", "locks", "building"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        lock = FileLock(root / "locks" / f"{key}.lock", timeout=LOCK_TIMEOUT)
        with lock:
            if final.is_dir():  # built by another process while we waited
                graph = _open(final)
                if graph is not None:
                    return graph
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
    graph = _open(final)
    if graph is None:
        raise NngraphError(f"the cache store {final} cannot be opened; run `nngraph cache clear`")
    return graph


def _open(path: Path) -> rdflib.Graph | None:
    """Open a complete store read-only; None if it is damaged or being removed."""
    try:
        store = pyoxigraph.Store.read_only(str(path))
    except OSError:
        return None
    try:
        os.utime(path)  # last use, for eviction
    except OSError:
        pass
    return oxigraph_graph(store)


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
        del store  # closes the database before it moves
        os.rename(temp, final)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _shifted(progress: Progress, offset: int, total: int) -> Progress:
    return lambda done, _size: progress(offset + done, total)


def _remove(path: Path, root: Path) -> None:
    """Take a store out of stores/ atomically, then delete it."""
    trash = Path(tempfile.mkdtemp(prefix="trash.", dir=root / "building"))
    try:
        os.rename(path, trash / path.name)
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
        # Leftovers of builds that crashed long ago (an hour is far longer than any build).
        for path in (root / "building").iterdir():
            if time.time() - path.stat().st_mtime > 3600:
                shutil.rmtree(path, ignore_errors=True)
    except PermissionError as error:
        raise NngraphError(f"cannot change the cache folder {root}: {error.strerror}") from error
    return removed
