"""Reading a query's text just enough to page through its answer.

An endpoint that caps its answers (Virtuoso's ``ResultSetMaxRows``, many
public endpoints) returns the first rows and, at best, a header saying so.
To fetch the whole answer nngraph wraps the query as a subquery and asks for
it page by page over a stable order: the query's own ``ORDER BY`` first (so
the pages come back in the order the query asked for), then every projected
variable (so ties cannot move a row from one page to the next).

This is text surgery, kept small: it needs only the query form, the
prologue (PREFIX/BASE lines, which may not appear inside a subquery) and the
top-level ``ORDER BY``. Strings, IRIs and comments are skipped while looking.
"""

from __future__ import annotations

import re

_PROLOGUE = re.compile(
    r"\A(?:\s+|#[^\n]*(?:\n|\Z)|(?i:PREFIX)\s+[\w.\-]*:\s*<[^>\s]*>|(?i:BASE)\s*<[^>\s]*>)*"
)
_FORM = re.compile(r"(?i)\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b")
# A token scanner: strings, IRIs and comments are opaque; braces and keywords count.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*|[{}]"
    r"|(?i:\bORDER\s+BY\b|\bLIMIT\b|\bOFFSET\b|\bVALUES\b)"
)


_KEYS = re.compile(r"(?i)\b(?:ASC|DESC)\s*\(\s*[?$](\w+)\s*\)|(?<![\w(])[?$](\w+)")


_PLAIN_KEY = re.compile(r"(?i)(ASC|DESC)?\s*\(?\s*[?$](\w+)\s*\)?")


def split_prologue(text: str) -> tuple[str, str]:
    """(PREFIX/BASE declarations and leading comments, the rest of the query)."""
    end = _PROLOGUE.match(text).end()  # type: ignore[union-attr]
    return text[:end], text[end:]


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first form keyword after the prologue."""
    _, body = split_prologue(text)
    match = _FORM.search(_strip_opaque(body))
    return match.group(1).upper() if match else "SELECT"


def order_conditions(body: str) -> str:
    """The conditions of the query's top-level ORDER BY, or '' when it has none."""
    depth = 0
    start = None
    for token in _TOKENS.finditer(body):
        word = token.group(0)
        if word == "{":
            depth += 1
        elif word == "}":
            depth -= 1
        elif depth == 0 and word[:1] not in "\"'<#":
            keyword = " ".join(word.upper().split())
            if keyword == "ORDER BY":
                start = token.end()
            elif start is not None:
                return body[start : token.start()].strip()
    return body[start:].strip() if start is not None else ""


def sort_variables(text: str, variables: list[str]) -> list[str]:
    """Variables the query sorts on but does not project, when they can be projected.

    Only then can the pages keep the query's order; that is possible for a
    plain ``SELECT ?a ?b`` (not ``*``, not DISTINCT, which more columns would change).
    """
    _, body = split_prologue(text)
    head = re.match(r"(?i)\s*SELECT\s+(DISTINCT|REDUCED|\*)?", body)
    if head is None or head.group(1):
        return []
    keyed = [a or b for a, b in _KEYS.findall(order_conditions(body))]
    return [v for v in dict.fromkeys(keyed) if v not in variables]


def page_query(text: str, variables: list[str], *, size: int, offset: int) -> str:
    """The query wrapped as a subquery: one page of its answer, in a stable order.

    ``variables`` are the columns to return: the projected ones, then any from
    ``sort_variables`` (added to the subquery's projection here).
    """
    prologue, body = split_prologue(text)
    extra = sort_variables(text, variables)
    if extra:
        body = re.sub(
            r"(?i)^(\s*SELECT)\b",
            lambda m: m.group(1) + " " + " ".join(f"?{v}" for v in extra),
            body,
            count=1,
        )
        variables = [*variables, *extra]
    projected = " ".join(f"?{v}" for v in variables)
    conditions = order_conditions(body)
    # A variable already sorted on is not repeated: Virtuoso 7.2 returns wrong
    # pages when a sort key appears twice.
    keyed = {a or b for a, b in _KEYS.findall(conditions)}
    ties = " ".join(f"?{v}" for v in variables if v not in keyed)
    order = " ".join(filter(None, [conditions, ties]))
    return (
        f"{prologue}\nSELECT {projected or '*'} WHERE {{\n{{ {body}\n}}\n}}\n"
        f"ORDER BY {order}\nLIMIT {size} OFFSET {offset}"
    )


def _strip_opaque(text: str) -> str:
    """The text with strings, IRIs and comments blanked out."""
    return _TOKENS.sub(lambda m: m.group(0) if m.group(0)[:1] not in "\"'<#" else " ", text)


def sort_like_sparql(rows: list[dict], body: str) -> list[dict]:
    """Rows put back in the query's ORDER BY, when it sorts on variables only.

    Servers disagree on where an unbound value sorts in a wrapped query
    (SPARQL puts it first; Virtuoso's outer ORDER BY puts it last), so the
    pages are joined and sorted here by SPARQL's rules: unbound, blank nodes,
    IRIs, then literals (numbers by value). Other conditions are left as the
    server ordered them.
    """
    conditions = order_conditions(body)
    keys = _PLAIN_KEY.findall(conditions)
    rest = _PLAIN_KEY.sub("", conditions).strip()
    if not keys or rest:
        return rows
    for direction, name in reversed(keys):
        rows = sorted(
            rows, key=lambda row: _rank(row.get(name)), reverse=direction.upper() == "DESC"
        )
    return rows


def _rank(term: object) -> tuple:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return (0, 0, "")
    if isinstance(term, BNode):
        return (1, 0, str(term))
    if isinstance(term, URIRef):
        return (2, 0, str(term))
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (3, 0, float(value))
        return (3, 1, str(term))
    return (4, 0, str(term))
