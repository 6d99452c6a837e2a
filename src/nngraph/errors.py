"""Every error nngraph raises on purpose derives from one base class.

    NngraphError
    ├── DataLoadError      a file cannot be read or parsed (carries path and line)
    ├── QueryError         a SPARQL query is malformed, refused or too slow
    ├── UnknownTopicError  a topic name matches nothing (carries close matches)
    ├── UnknownNameError   a named query, prefix or work matches nothing
    ├── EndpointError      a remote SPARQL endpoint is unreachable or fails
    ├── OutputExistsError  refusing to overwrite a file the user wrote
    └── MissingExtraError  an optional dependency is not installed

The CLI turns any of them into one line on stderr and exit code 2; anything
else escaping is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class NngraphError(Exception):
    """Base of every deliberate nngraph error; its str() is the one-line message."""


class DataLoadError(NngraphError):
    """A data file is missing, empty, binary, not UTF-8 or not valid RDF.

    Attributes:
        path: the file that failed.
        line: the 1-based line of the problem, when the parser knows it.
    """

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else f"{self.path}"
        super().__init__(f"{where}: {message}")


class QueryError(NngraphError):
    """A SPARQL query cannot be run: syntax error, update refused, timeout."""


class UnknownNameError(NngraphError):
    """A name (query, prefix, work) matches nothing; carries the closest matches."""

    def __init__(self, kind: str, name: str, matches: Sequence[str] = ()) -> None:
        self.kind = kind
        self.name = name
        self.matches = list(matches)
        hint = f"; did you mean {', '.join(repr(m) for m in self.matches)}?" if self.matches else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")


class UnknownTopicError(UnknownNameError):
    """A topic label, alternative label or IRI matches no topic in the graph."""

    def __init__(self, name: str, matches: Sequence[str] = ()) -> None:
        super().__init__("topic", name, matches)


class EndpointError(NngraphError):
    """A remote SPARQL endpoint could not be reached or answered with an error."""


class OutputExistsError(NngraphError):
    """An output file exists and --force was not given; nothing was written."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: already exists; pass --force to overwrite it")


class MissingExtraError(NngraphError):
    """An optional dependency is needed for this feature but not installed."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(
            f"this needs the {package!r} package; install it with: pip install 'nngraph[{extra}]'"
        )
