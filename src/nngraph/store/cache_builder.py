"""The detached process that writes a cache store after a first run answered from memory.

Started by ``nngraph.store.cache`` as ``python -m nngraph.store.cache_builder FILE...`` with
no terminal and no pipes; it computes the key from the files as they are now
(they may have changed since), builds the store under the key's lock unless
another process has, and exits. Nothing is printed: the exit status is all,
and a failed build only means the next run parses the files again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nngraph.errors import NngraphError
from nngraph.store.cache import cache_key, ensure_store


def main(argv: list[str]) -> int:
    sources = [Path(arg) for arg in argv]
    try:
        ensure_store(sources, cache_key(sources))
    except NngraphError:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
