"""Answers to queries on a cached store, kept next to it and reused.

A cached store never changes after it appears (its name is a hash of the
input files' contents), so the answer to a deterministic query on it never
changes either. Keeping the answers makes a repeated ``nngraph gaps`` on a
million-triple graph cost a file read instead of 2 s of index lookups (the
on-disk store answers several times slower than an in-memory one). The memo
is removed together with its store.

Only SELECT and ASK answers that are complete (not cut by a limit) and at
most ``MAX_ROWS`` long are kept; queries calling a function whose value
changes from run to run (NOW, RAND, UUID, STRUUID, BNODE) or reaching other
services are never kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import rdflib
from rdflib.term import Node

from nngraph.errors import NngraphError
from nngraph.output import write_atomic

MAX_ROWS = 20_000  # larger answers are cheaper to recompute than to keep on disk
FORMAT = 1

_UNSTABLE = re.compile(r"(?i)\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(|\bSERVICE\b")


class ResultMemo:
    """The memo folder of one cached store."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, text: str, bindings: dict[str, Node]) -> dict[str, Any] | None:
        """The kept answer as ``QueryResult`` keyword arguments, or None when there is none.

        Plain keywords, not a ``QueryResult``: the store layer sits below the query
        layer and must not import it; ``nngraph.query.run`` builds the result.
        """
        if _UNSTABLE.search(text):
            return None
        try:
            kept = json.loads(self._file(text, bindings).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if kept.get("format") != FORMAT:
            return None
        if kept["kind"] == "ASK":
            return {"kind": "ASK", "boolean": kept["boolean"]}
        names = kept["variables"]
        made: dict[tuple, Node | None] = {}  # rows repeat terms; making a Literal is slow
        rows = []
        for row in kept["rows"]:
            terms = {}
            for name, cell in zip(names, row, strict=True):
                key = tuple(cell) if cell else ()
                if key not in made:
                    made[key] = _term(cell)
                terms[name] = made[key]
            rows.append(terms)
        return {"kind": "SELECT", "variables": names, "rows": rows}

    def put(self, text: str, bindings: dict[str, Node], result: Any) -> None:
        """Keep a complete SELECT or ASK answer (best effort: a full disk only costs speed).

        ``result`` is a ``nngraph.query.run.QueryResult`` (read by its attributes).
        """
        if result.kind not in ("SELECT", "ASK") or result.truncated:
            return
        if len(result.rows) > MAX_ROWS or _UNSTABLE.search(text):
            return
        kept: dict[str, Any] = {"format": FORMAT, "kind": result.kind}
        if result.kind == "ASK":
            kept["boolean"] = result.boolean
        else:
            kept["variables"] = result.variables
            kept["rows"] = [[_cell(row[name]) for name in result.variables] for row in result.rows]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self._file(text, bindings), json.dumps(kept), force=True)
        except (OSError, NngraphError):
            pass

    def _file(self, text: str, bindings: dict[str, Node]) -> Path:
        key = hashlib.sha256(text.encode("utf-8", "surrogateescape"))
        for name in sorted(bindings):
            key.update(f"\0{name}\0{bindings[name].n3()}".encode("utf-8", "surrogateescape"))
        return self.folder / f"{key.hexdigest()[:32]}.json"


def _cell(term: Node | None) -> list[str] | None:
    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        return ["l", str(term), term.datatype and str(term.datatype), term.language]
    if isinstance(term, rdflib.BNode):
        return ["b", str(term)]
    return ["u", str(term)]


def _term(cell: list | None) -> Node | None:
    if cell is None:
        return None
    if cell[0] == "l":
        datatype = rdflib.URIRef(cell[2]) if cell[2] else None
        return rdflib.Literal(cell[1], datatype=datatype, lang=cell[3])
    if cell[0] == "b":
        return rdflib.BNode(cell[1])
    return rdflib.URIRef(cell[1])
