"""Run SPARQL on the graph, read-only, and the library of named queries.

Named queries are ``sparql/<name>.rq`` files shipped inside the package; the
file stem is the name, the first ``# `` line is the summary. Each file carries
its own PREFIX lines so it also runs unchanged in any SPARQL tool; inline
queries get nngraph's standard prefixes for free.

Parameters are passed as rdflib ``initBindings``: Oxigraph substitutes them,
a remote endpoint receives them as a trailing ``VALUES`` block. Both bind only
variables that the query projects (or groups by), so every parameter of a
bundled query is a projected variable.
"""

from __future__ import annotations

import difflib
import re
import threading
import time
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

import pyoxigraph
import rdflib
from rdflib.term import Node

from nngraph.errors import EndpointError, QueryError, UnknownNameError
from nngraph.store.oxigraph_bridge import from_ox, oxigraph_of, to_ox
from nngraph.vocab import PREFIXES

READ_ONLY_MESSAGE = (
    "SPARQL Update is refused: nngraph query is read-only (use SELECT, ASK, CONSTRUCT or DESCRIBE)"
)


@dataclass
class QueryResult:
    """The answer to one query, fully read.

    Attributes:
        kind: SELECT, ASK, CONSTRUCT or DESCRIBE.
        variables: the projected variable names, in order (SELECT).
        rows: one dict per solution, variable name -> RDF term or None (SELECT).
        boolean: the answer of an ASK.
        graph: the triples of a CONSTRUCT or DESCRIBE.
        truncated: True when ``limit`` cut the rows.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: rdflib.Graph | None = None
    truncated: bool = False

    def limited(self, limit: int | None) -> QueryResult:
        """This result with at most ``limit`` rows (``truncated`` set when rows were cut)."""
        if limit is None or len(self.rows) <= limit:
            return self
        return QueryResult(self.kind, self.variables, self.rows[:limit], truncated=True)

    def values(self) -> list[dict[str, Any]]:
        """Rows with Python values: IRIs as strings, literals as their Python value."""
        return [{k: to_python(v) for k, v in row.items()} for row in self.rows]

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (needs the optional ``pandas`` package).

        Raises:
            MissingExtraError: pandas is not installed.
        """
        try:
            import pandas
        except ImportError:
            from nngraph.errors import MissingExtraError

            raise MissingExtraError("pandas", "pandas") from None
        return pandas.DataFrame(self.values(), columns=self.variables)


def to_python(term: Node | None) -> Any:
    """An RDF term as plain Python: None, str for IRIs and blank nodes, else toPython()."""
    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        value = term.toPython()
        return value if isinstance(value, int | float | bool | str) else str(term)
    return str(term)


def run_query(
    graph: rdflib.Graph,
    text: str,
    *,
    bindings: dict[str, Node] | None = None,
    timeout: float | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run a read-only SPARQL 1.1 query.

    Args:
        graph: the graph from ``nngraph.load`` (any rdflib store, local or remote).
        text: the query; nngraph's standard prefixes need not be declared.
        bindings: variable name -> RDF term, bound before evaluation.
        timeout: seconds after which the query is abandoned.
        limit: keep at most this many rows and set ``truncated`` when more exist.

    Returns:
        The fully read result.

    Raises:
        QueryError: syntax error (with line and column), an update, or a timeout.
        EndpointError: a remote endpoint failed.
    """
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = _evaluate(graph, text, bindings or {}, limit)
        except Exception as error:  # handed to the caller's thread below
            outcome["error"] = error

    # The engine runs in a daemon thread and the caller's thread waits in short
    # steps: pyoxigraph releases the GIL while it evaluates, so Ctrl-C (a
    # KeyboardInterrupt, raised only in the main thread) stops a runaway query at
    # once instead of after it ends, and an abandoned query never keeps the
    # process alive.
    worker = threading.Thread(target=work, daemon=True, name="nngraph-query")
    worker.start()
    deadline = None if timeout is None else time.monotonic() + timeout
    while worker.is_alive():
        step = 0.1 if deadline is None else min(0.1, max(deadline - time.monotonic(), 0))
        worker.join(step)
        if deadline is not None and worker.is_alive() and time.monotonic() >= deadline:
            raise QueryError(
                f"query stopped after the --timeout of {timeout:g} s; "
                "narrow it (LIMIT, more specific patterns) or allow more time"
            )
    if "error" in outcome:
        raise _translate_error(outcome["error"], text) from outcome["error"]
    return outcome["result"]


def _evaluate(
    graph: rdflib.Graph, text: str, bindings: dict[str, Node], limit: int | None
) -> QueryResult:
    inner = oxigraph_of(graph)
    if inner is not None:
        memo = getattr(graph.store, "results", None)  # set on cached stores only
        kept = memo.get(text, bindings) if memo is not None else None
        if kept is not None:
            return QueryResult(**kept).limited(limit)
        result = _evaluate_on_oxigraph(inner, text, bindings, limit)
        if memo is not None:
            memo.put(text, bindings, result)
        return result
    result = graph.query(text, initNs=PREFIXES, initBindings=bindings)
    if result.type == "ASK":
        return QueryResult(kind="ASK", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        out = rdflib.Graph()
        out += result.graph
        return QueryResult(kind=result.type, graph=out)
    return _select([str(v) for v in result.vars or []], result, lambda term: term, limit)


def _evaluate_on_oxigraph(
    inner: pyoxigraph.Store, text: str, bindings: dict[str, Node], limit: int | None
) -> QueryResult:
    """Ask pyoxigraph directly: what oxrdflib would do, minus rdflib's query plumbing."""
    result = inner.query(
        text,
        prefixes=PREFIXES,
        substitutions={pyoxigraph.Variable(k): to_ox(v) for k, v in bindings.items()},
    )
    if isinstance(result, pyoxigraph.QueryBoolean):
        return QueryResult(kind="ASK", boolean=bool(result))
    if isinstance(result, pyoxigraph.QueryTriples):
        out = rdflib.Graph()
        out.addN((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), out) for t in result)
        return QueryResult(kind="CONSTRUCT", graph=out)  # oxrdflib's name for DESCRIBE's too
    return _select([v.value for v in result.variables], result, from_ox, limit)


def _select(variables: list[str], solutions: Any, convert: Any, limit: int | None) -> QueryResult:
    """Read SELECT solutions (indexable by position) into rows, stopping after ``limit``."""
    rows: list[dict[str, Node | None]] = []
    truncated = False
    for solution in solutions:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append({name: convert(solution[i]) for i, name in enumerate(variables)})
    return QueryResult(kind="SELECT", variables=variables, rows=rows, truncated=truncated)


_POSITION = re.compile(r"error at (\d+):(\d+)")


def _translate_error(error: BaseException, text: str) -> BaseException:
    """Turn each engine's own exception into one clear QueryError line."""
    if isinstance(error, QueryError | EndpointError | UnknownNameError):
        return error
    if _is_update(text):
        return QueryError(READ_ONLY_MESSAGE)
    message = " ".join(str(error).split())
    line_col = _position(error, message)
    if "Prefix not found" in message or "Unknown namespace prefix" in message:
        return _unknown_prefix(text, line_col)
    if line_col:
        expected = _expected(message)
        return QueryError(
            f"SPARQL syntax error at line {line_col[0]}, column {line_col[1]}: "
            f"{expected or message}"
        )
    if _looks_like_connection_error(error):
        return EndpointError(f"the SPARQL endpoint failed: {message}")
    return QueryError(f"the query failed: {message}")


def _position(error: BaseException, message: str) -> tuple[int, int] | None:
    match = _POSITION.search(message)
    if match:
        return int(match.group(1)), int(match.group(2))
    if hasattr(error, "lineno") and hasattr(error, "col") and error.lineno:  # pyparsing
        return int(error.lineno), int(error.col)
    return None


def _expected(message: str) -> str:
    """Shorten Oxigraph's expectation list to the readable tokens."""
    match = re.search(r"expected (one of )?(.*)", message)
    if not match:
        return ""
    tokens = [t.strip() for t in re.split(r",\s*(?![^\[]*\])", match.group(2))]
    words = [t for t in tokens if t and not t.startswith("[")]
    shown = ", ".join(words[:6]) if words else "a different token"
    return f"expected {shown}"


def _unknown_prefix(text: str, line_col: tuple[int, int] | None) -> QueryError:
    declared = set(re.findall(r"(?i)PREFIX\s+([\w-]*):", text)) | set(PREFIXES)
    used = re.findall(r"(?<![\w<\"'#?$])([A-Za-z][\w-]*):(?!//)", _strip_iris_and_strings(text))
    unknown = next((p for p in used if p not in declared), None)
    where = f" at line {line_col[0]}, column {line_col[1]}" if line_col else ""
    if unknown is None:
        return QueryError(f"SPARQL syntax error{where}: unknown prefix")
    close = difflib.get_close_matches(unknown, sorted(declared), n=3, cutoff=0.5)
    hint = (
        f"; did you mean {', '.join(c + ':' for c in close)}?"
        if close
        else ("; declare it with PREFIX")
    )
    return QueryError(f"unknown prefix {unknown!r}{where}{hint}")


def _strip_iris_and_strings(text: str) -> str:
    text = re.sub(r"<[^>\s]*>", "<>", text)
    text = re.sub(r"\"[^\"]*\"|'[^']*'", '""', text)
    return re.sub(r"#[^\n]*", "", text)


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # any parse failure means "not an update"
        return False
    return bool(re.search(r"(?i)\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", text))


def _looks_like_connection_error(error: BaseException) -> bool:
    names = {cls.__name__ for cls in type(error).__mro__}
    return bool(names & {"URLError", "HTTPError", "ConnectionError", "SPARQLWrapperException"})


# ---------------------------------------------------------------- the named library


def query_names() -> list[str]:
    """The names of the bundled queries, sorted."""
    folder = files("nngraph.query") / "sparql"
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))


def query_text(name: str) -> str:
    """The text of a bundled query.

    Raises:
        UnknownNameError: no bundled query has that name (with close matches).
    """
    names = query_names()
    if name not in names:
        raise UnknownNameError("query", name, difflib.get_close_matches(name, names, n=3))
    return (files("nngraph.query") / "sparql" / f"{name}.rq").read_text(encoding="utf-8")


def query_summary(name: str) -> str:
    """The one-line summary: the first ``# `` comment line of the query file."""
    for line in query_text(name).splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return ""


def run_named(
    graph: rdflib.Graph,
    name: str,
    *,
    bindings: dict[str, Node] | None = None,
    timeout: float | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run a bundled query by name; see ``run_query`` for the arguments."""
    return run_query(graph, query_text(name), bindings=bindings, timeout=timeout, limit=limit)


def labels(graph: rdflib.Graph, terms: set[Node]) -> dict[Node, str]:
    """Human labels for IRIs (skos:prefLabel, schema:name or rdfs:label), when they have one."""
    iris = sorted({t for t in terms if isinstance(t, rdflib.URIRef)}, key=str)
    found: dict[Node, str] = {}
    for start in range(0, len(iris), 500):
        chunk = iris[start : start + 500]
        values = " ".join(f"<{iri}>" for iri in chunk)
        text = (
            "SELECT ?s ?label WHERE { VALUES ?s { " + values + " } "
            "?s skos:prefLabel|schema:name|rdfs:label ?label } ORDER BY ?s ?label"
        )
        for row in graph.query(text, initNs=PREFIXES):
            found.setdefault(row[0], str(row[1]))
    return found
