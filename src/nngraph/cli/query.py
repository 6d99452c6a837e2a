"""Commands that ask the graph directly: ``query`` (SPARQL, named queries) and ``stats``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from nngraph.cli.base import (
    EXIT_NO,
    Session,
    complete_query_names,
    emit,
    format_option,
    output_option,
    parse_params,
    pass_session,
)
from nngraph.cli.group import cli


@cli.command()
@format_option("table", "json")
@pass_session
def stats(session: Session, fmt: str) -> None:
    """Count works (by type), authors, topics, coverage claims (by depth), recommendations.

    \b
    Examples:
      nngraph stats
      nngraph stats --format json
    """
    from nngraph.analysis.stats import stats as count
    from nngraph.query.render import text_table

    numbers = count(session.open())
    if fmt == "json":
        click.echo(json.dumps(numbers, indent=2))
        return
    rows = [[k, str(v)] for k, v in numbers.items() if isinstance(v, int)]
    rows += [[f"works: {k}", str(v)] for k, v in numbers["works_by_type"].items()]
    rows += [[f"coverage: {k}", str(v)] for k, v in numbers["coverage_by_depth"].items()]
    click.echo(text_table(rows, ["what", "count"]), nl=False)


@cli.command()
@click.argument("text", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file ('-' for stdin).",
)
@click.option(
    "--name", shell_complete=complete_query_names, help="Run a bundled query by name (see --list)."
)
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries.")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help='Bind ?NAME to VALUE: <iri>, prefix:name, a number, "text", or a topic or work '
    "name (resolved as recommend does); repeatable.",
)
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld"]),
    help="Result format: W3C SPARQL results (csv, tsv, json, xml) for SELECT; RDF (ttl, nt, "
    "jsonld, or json/xml) or subject/predicate/object rows (table, csv, tsv) for graphs.",
)
@click.option(
    "--limit", type=click.IntRange(min=0), help="Keep at most N rows; says so when it cut."
)
@click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), help="Stop the query after SECONDS."
)
@output_option
@pass_session
def query(
    session: Session,
    text: str | None,
    query_file: Any,
    name: str | None,
    list_queries: bool,
    params: tuple[str, ...],
    fmt: str,
    limit: int | None,
    timeout: float | None,
    output: Path | None,
    force: bool,
) -> None:
    """Run a read-only SPARQL 1.1 query: inline, from a file, or a bundled one by name.

    The prefixes nn, schema, skos, dcterms, prov, rdf, rdfs, owl and xsd need
    no declaration. ASK exits 0 when true and 1 when false.

    \b
    Examples:
      nngraph query --list
      nngraph query --name rigorous-with-exercises
      nngraph query --name coverage-by-topic --param topic=topic:bptt
      nngraph query 'SELECT ?w WHERE { ?w a schema:Book } ORDER BY ?w' --format csv
    """
    from nngraph.query import results
    from nngraph.query import run as queries

    if list_queries:
        emit(_query_list(fmt), output, force)
        return
    sources = [s for s in (text, query_file, name) if s is not None]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of: a query text, -f FILE, --name NAME")
    sparql = queries.query_text(name) if name else (text if text is not None else query_file.read())
    graph = session.open()
    answer = queries.run_query(
        graph, sparql, bindings=parse_params(params, graph), timeout=timeout, limit=limit
    )
    labels = (
        queries.labels(graph, {v for r in answer.rows for v in r.values()})
        if fmt == "table"
        else {}
    )
    emit(results.serialize_result(answer, fmt, labels), output, force)
    if answer.truncated:
        click.echo(f"(stopped at --limit {limit} rows; more exist)", err=True)
    if answer.kind == "ASK" and not answer.boolean:
        sys.exit(EXIT_NO)


def _query_list(fmt: str) -> str:
    """The bundled queries and their summaries in a table format (tsv: name TAB summary)."""
    from nngraph.query import run as queries
    from nngraph.query.render import render_rows

    rows = [{"name": n, "summary": queries.query_summary(n)} for n in queries.query_names()]
    if fmt == "tsv":
        return "".join(f"{r['name']}\t{r['summary']}\n" for r in rows)
    if fmt not in ("table", "csv", "json"):
        raise click.UsageError("--list prints a table: use --format table, csv, tsv or json")
    return render_rows(rows, ["name", "summary"], fmt)
