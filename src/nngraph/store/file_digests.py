"""Content digests of input files, remembered by their stat fingerprint.

The cache key needs a hash of every input file's contents; hashing a 550 MB
N-Triples file takes about a second, longer than answering from the cache.
Like git's index, we remember each file's digest together with its size,
modification and change times (nanoseconds), inode and device, and hash the
file again only when one of those differs. Any write changes the change time
(``st_ctime_ns``), which no user tool can set back, so a rewritten file with its
old size and modification time is still hashed afresh.

A fingerprint taken less than ``RACY_SECONDS`` after the file's last change is
not kept: on file systems with coarse time stamps a second write in the same
tick would leave the fingerprint equal ("racily clean", in git's words).

The index is one JSON file in the cache folder, replaced atomically; two
processes writing it at once may lose an entry, which costs one re-hash later.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from nngraph.errors import NngraphError
from nngraph.output import write_atomic

RACY_SECONDS = 2.0
MAX_ENTRIES = 2000


class DigestIndex:
    """Digests by stat fingerprint, loaded from and saved to one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, list] = self._read()
        self._changed = False

    def digest(self, file: Path, compute: Callable[[Path], str]) -> str:
        """The file's content digest: remembered if its fingerprint matches, else computed.

        ``compute`` reads and checks the file (and raises on bad input); it is
        called only when the fingerprint is new.
        """
        name = str(file.resolve())
        try:
            fingerprint = _fingerprint(file)
        except OSError:
            return compute(file)  # let compute report the missing or unreadable file
        entry = self._entries.get(name)
        if entry is not None and entry[:-1] == fingerprint:
            return entry[-1]
        value = compute(file)
        changed_ns = max(fingerprint[1], fingerprint[2])
        if time.time_ns() - changed_ns > RACY_SECONDS * 1e9:
            self._entries.pop(name, None)  # re-inserted last: the newest entries survive a trim
            self._entries[name] = [*fingerprint, value]
            self._changed = True
        return value

    def save(self) -> None:
        """Write the index if it changed (best effort: a failure only costs re-hashing)."""
        if not self._changed:
            return
        entries = dict(list(self._entries.items())[-MAX_ENTRIES:])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(entries), force=True)
        except (OSError, NngraphError):
            pass
        self._changed = False

    def _read(self) -> dict[str, list]:
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}


def _fingerprint(file: Path) -> list[int]:
    status = file.stat()
    return [
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_ino,
        status.st_dev,
    ]
