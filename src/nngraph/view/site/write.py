"""Write the site into a folder atomically: build beside it, then swap it in.

The pages are streamed into a temporary folder next to the destination (same
file system, so the final rename is atomic); only when every file is written
does that folder take the destination's name. A failure leaves the old site,
or nothing, in place. A non-empty destination is replaced only with ``force``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from nngraph.errors import NngraphError


def check_target(target: Path, *, force: bool) -> None:
    """Fail before any work if the destination can't or mustn't be replaced.

    Raises:
        NngraphError: the destination is a file, a non-empty folder without
            ``force``, or its parent folder does not exist.
    """
    if target.exists() and not target.is_dir():
        raise NngraphError(f"{target}: is a file, not a folder; give a folder for the site")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise NngraphError(f"{target}: folder is not empty; use --force to replace it")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise NngraphError(f"{target}: folder {parent} does not exist; create it first")


def write_site(files: Iterable[tuple[str, str | bytes]], target: Path, *, force: bool) -> int:
    """Write ``(relative path, content)`` pairs as a folder that replaces ``target``.

    Returns:
        How many files were written.

    Raises:
        NngraphError: see ``check_target``; or a file could not be written.
    """
    check_target(target, force=force)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as error:
        raise NngraphError(f"{target}: cannot write: {error.strerror or error}") from error
    count = 0
    made: set[Path] = {temp}
    try:
        for name, content in files:
            path = temp / name
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            data = content.encode("utf-8") if isinstance(content, str) else content
            path.write_bytes(data)
            count += 1
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o777 & ~umask)  # mkdtemp makes it private
        _swap(temp, target)
    except OSError as error:
        shutil.rmtree(temp, ignore_errors=True)
        raise NngraphError(f"{target}: cannot write: {error.strerror or error}") from error
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return count


def _swap(temp: Path, target: Path) -> None:
    """Put ``temp`` at ``target``; an existing folder moves aside first, then goes."""
    if not target.exists():
        os.rename(temp, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.rename(target, old / "site")
    try:
        os.rename(temp, target)
    except OSError:
        os.rename(old / "site", target)  # put the old site back
        raise
    shutil.rmtree(old, ignore_errors=True)
