"""Write files the way users can trust: atomically, and never over their work by accident."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from nngraph.errors import NngraphError, OutputExistsError


@contextmanager
def atomic_output(path: Path | str, *, force: bool = False) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace ``path`` only when the block succeeds.

    The data goes to a temporary file in the same folder, which is synced and
    renamed over the destination: a reader never sees a half-written file, and
    a failure (or an exception in the block) leaves the old file intact.

    Raises:
        OutputExistsError: the file exists and ``force`` is False.
        NngraphError: the destination is a folder, or its folder is missing or not writable.
    """
    target = Path(path)
    if target.exists() and not force:
        raise OutputExistsError(target)
    if target.is_dir():
        raise NngraphError(f"{target}: is a folder; give a file name")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise NngraphError(f"{target}: folder {folder} does not exist; create it first")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise NngraphError(f"{target}: cannot write: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain open()
        # would have: the replaced file's, else 0666 less the umask.
        os.chmod(temp_name, _mode_for(target))
        os.replace(temp_name, target)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise NngraphError(f"{target}: cannot write: {error.strerror or error}") from error
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_atomic(path: Path | str, data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` (text as UTF-8, or bytes) to ``path`` atomically; see ``atomic_output``.

    Returns:
        The destination path.

    Raises:
        OutputExistsError: the file exists and ``force`` is False.
        NngraphError: the folder does not exist or is not writable.
    """
    with atomic_output(path, force=force) as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def _mode_for(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
