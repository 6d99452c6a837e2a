"""Write files the way users can trust: atomically, and never over their work by accident."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from nngraph.errors import NngraphError, OutputExistsError


def write_atomic(path: Path | str, data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A reader never sees a half-written file, and a crash leaves the old file intact.

    Args:
        path: the destination.
        data: text (written as UTF-8) or bytes.
        force: replace an existing file; without it an existing file is an error.

    Returns:
        The destination path.

    Raises:
        OutputExistsError: the file exists and ``force`` is False.
        NngraphError: the folder does not exist or is not writable.
    """
    target = Path(path)
    if target.exists() and not force:
        raise OutputExistsError(target)
    if target.is_dir():
        raise NngraphError(f"{target}: is a folder; give a file name")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise NngraphError(f"{target}: folder {folder} does not exist; create it first")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
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
    return target


def _mode_for(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
