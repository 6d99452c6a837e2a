"""Serialise query results in the W3C SPARQL 1.1 result formats, or as a readable table.

JSON, XML and CSV come from rdflib's own result serialisers, so other SPARQL
tools read them back; TSV (which rdflib only parses) is written here to the
W3C spec: a ``?var`` header and terms in Turtle syntax.
"""

from __future__ import annotations

import io

import rdflib
from rdflib.query import Result
from rdflib.term import Variable

from nngraph.errors import QueryError
from nngraph.query.render import text_table
from nngraph.query.run import QueryResult
from nngraph.vocab import bind_prefixes, compact

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = {"ttl": "turtle", "turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}


def serialize_result(result: QueryResult, fmt: str, labels: dict | None = None) -> str:
    """Text for a query result in the requested format.

    Args:
        result: from ``run_query``.
        fmt: for SELECT one of SELECT_FORMATS; for CONSTRUCT/DESCRIBE one of
            GRAPH_FORMATS, ``json`` (JSON-LD), ``xml`` (RDF/XML), or a table format
            (subject, predicate, object rows); ASK prints ``true``/``false``.
        labels: IRI -> label; ``table`` shows an IRI as its compact id, followed by
            its label when no column next to it already holds that label.

    Raises:
        QueryError: an RDF format asked of a SELECT or ASK answer (it is no graph).
    """
    if result.kind not in ("CONSTRUCT", "DESCRIBE") and fmt in GRAPH_FORMATS:
        raise QueryError(
            f"--format {fmt} is for graphs (CONSTRUCT, DESCRIBE); a {result.kind} answer "
            f"is a table: use --format {', '.join(SELECT_FORMATS)}"
        )
    if result.kind == "ASK":
        if fmt in ("json", "xml"):
            return _rdflib_result(result).serialize(format=fmt).decode("utf-8") + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        graph = bind_prefixes(result.graph if result.graph is not None else rdflib.Graph())
        if fmt in GRAPH_FORMATS:
            return graph.serialize(format=GRAPH_FORMATS[fmt])
        if fmt == "json":
            return graph.serialize(format="json-ld")
        if fmt == "xml":
            return graph.serialize(format="xml")
        return serialize_result(triples_as_rows(graph), fmt, labels)
    if fmt == "table":
        return _table(result, labels or {})
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "xml":
        return _xml(result)
    data = _rdflib_result(result).serialize(format=fmt)
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return text if text.endswith("\n") else text + "\n"


def triples_as_rows(graph: rdflib.Graph) -> QueryResult:
    """A graph as a SELECT-like answer with columns subject, predicate, object (sorted)."""
    variables = ["subject", "predicate", "object"]
    rows = [dict(zip(variables, triple, strict=True)) for triple in sorted(graph)]
    return QueryResult(kind="SELECT", variables=variables, rows=rows)


def _rdflib_result(result: QueryResult) -> Result:
    out = Result(result.kind)
    if result.kind == "ASK":
        out.askAnswer = bool(result.boolean)
        return out
    out.vars = [Variable(v) for v in result.variables]
    out.bindings = [
        {Variable(k): v for k, v in row.items() if v is not None} for row in result.rows
    ]
    return out


def _xml(result: QueryResult) -> str:
    """W3C SPARQL XML results, written here because rdflib's writer drops falsy
    literals such as ``0`` and ``false`` (it passes the Literal to a SAX
    ``characters`` call that skips empty-looking content)."""
    from xml.etree import ElementTree as ET

    ns = "http://www.w3.org/2005/sparql-results#"
    root = ET.Element("sparql", xmlns=ns)
    head = ET.SubElement(root, "head")
    for name in result.variables:
        ET.SubElement(head, "variable", name=name)
    results = ET.SubElement(root, "results")
    for row in result.rows:
        solution = ET.SubElement(results, "result")
        for name in result.variables:
            term = row.get(name)
            if term is None:
                continue
            binding = ET.SubElement(solution, "binding", name=name)
            if isinstance(term, rdflib.URIRef):
                ET.SubElement(binding, "uri").text = str(term)
            elif isinstance(term, rdflib.BNode):
                ET.SubElement(binding, "bnode").text = str(term)
            else:
                literal = ET.SubElement(binding, "literal")
                if term.language:
                    literal.set("{http://www.w3.org/XML/1998/namespace}lang", term.language)
                elif term.datatype:
                    literal.set("datatype", str(term.datatype))
                literal.text = str(term)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def _tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join(_turtle_term(row.get(v)) for v in result.variables))
    return "\n".join(lines) + "\n"


def _turtle_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, rdflib.Literal) and term.datatype in (
        rdflib.XSD.integer,
        rdflib.XSD.decimal,
        rdflib.XSD.double,
        rdflib.XSD.boolean,
    ):
        return str(term)
    return term.n3().replace("\t", "\\t").replace("\n", "\\n")  # type: ignore[attr-defined]


def _table(result: QueryResult, labels: dict) -> str:
    """Compact ids (``work:goodfellow2016``), which ``--param`` accepts back; an IRI
    column without its labels in a neighbouring column gets the label added."""
    names = result.variables
    labelled = {name for i, name in enumerate(names) if _has_label_column(result, labels, i)}
    cells = [
        [_table_cell(row.get(v), {} if v in labelled else labels) for v in names]
        for row in result.rows
    ]
    return text_table(cells, names)


def _has_label_column(result: QueryResult, labels: dict, index: int) -> bool:
    """Whether the column before or after column ``index`` holds its IRIs' labels."""
    name = result.variables[index]
    pairs = [(row.get(name), row) for row in result.rows if row.get(name) in labels]
    if not pairs:
        return False
    for other in (index - 1, index + 1):
        if 0 <= other < len(result.variables):
            column = result.variables[other]
            same = sum(str(row.get(column)) == labels[term] for term, row in pairs)
            if same * 2 >= len(pairs):
                return True
    return False


def _table_cell(term: object, labels: dict) -> str:
    if term is None:
        return ""
    if term in labels and labels[term] != compact(term):
        return f"{compact(term)} ({labels[term]})"
    return compact(term)


def parse_result(text: str, fmt: str) -> Result:
    """Read a serialised result back with rdflib's parsers (used to check round trips)."""
    return Result.parse(io.StringIO(text), format=fmt)
