"""A progress bar for long loads: on stderr when it is a terminal, after about a second.

The library reports progress through a plain callback, ``progress(done, total)``
(see ``nngraph.store.loader``); this module is the command line's way of showing
it. A load that finishes within ``DELAY`` seconds shows nothing, and nothing is
ever drawn when stderr is piped or redirected, so scripts and logs stay clean.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

DELAY = 1.0  # seconds before a bar appears

Progress = Callable[[int, int], None]


class _DelayedBar:
    """A rich progress bar that starts only when a load is still running after DELAY."""

    def __init__(self, label: str, stream: TextIO, delay: float) -> None:
        self.label = label
        self.stream = stream
        self.started = time.monotonic()
        self.delay = delay
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            self._start(total)
        self.bar.update(self.task, completed=done, total=total)

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        console = Console(file=self.stream)
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def progress_bar(
    label: str, *, stream: TextIO | None = None, delay: float = DELAY
) -> Iterator[Progress | None]:
    """Yield a progress callback for a terminal, or None when there is nothing to draw on.

    Args:
        label: the text in front of the bar.
        stream: where to draw (default: stderr).
        delay: seconds to wait before drawing anything.

    Yields:
        ``progress(done, total)`` when ``stream`` is a terminal, else None (so the
        caller skips the small cost of counting).
    """
    target = stream if stream is not None else sys.stderr
    if not _is_terminal(target):
        yield None
        return
    bar = _DelayedBar(label, target, delay)
    try:
        yield bar
    finally:
        bar.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real file
        return False
