"""The ``nngraph`` command line: parse options, call the API, print the answer.

Every deliberate error (``NngraphError``) becomes one line on stderr and exit
code 2, in one place: ``NngraphGroup.invoke``. Heavy modules are imported
inside the commands so that ``nngraph --help`` stays fast.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from nngraph import __version__
from nngraph.errors import NngraphError

EXIT_NO = 1  # the answer is "no": validate found violations, ASK was false
EXIT_USAGE = 2  # bad usage or unusable input


class CliError(click.ClickException):
    """A deliberate error shown as one line; exit 2 means "fix the input and retry"."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"nngraph: error: {self.format_message()}", err=True)


class NngraphGroup(click.Group):
    """Turns every NngraphError raised under any command into a CliError."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NngraphError as error:
            raise CliError(str(error)) from error


@dataclass
class Session:
    """What the group options say about where the graph comes from."""

    data: tuple[Path, ...] = ()
    bundled: bool = True
    backend: str = "oxigraph"
    endpoint: str | None = None
    update_endpoint: str | None = None
    cache: bool = True
    graph: Any = field(default=None, repr=False)

    def open(self) -> Any:
        """Load the graph once, on first use, so `--help` loads nothing."""
        if self.graph is None:
            from nngraph.progress import progress_bar
            from nngraph.store import load

            with progress_bar("loading") as progress:
                self.graph = load(
                    self.data,
                    bundled=self.bundled,
                    backend=self.backend,
                    cache=self.cache,
                    endpoint=self.endpoint,
                    update_endpoint=self.update_endpoint,
                    progress=progress,
                    background=True,
                )
        return self.graph


pass_session = click.make_pass_decorator(Session)


def format_option(*choices: str, default: str = "table") -> Callable[[Callable], Callable]:
    """The shared ``--format`` option."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def output_options(
    *,
    required: bool = False,
    help: str = "Write to this file (atomically) instead of stdout.",
    folder_ok: bool = False,
) -> Callable[[Callable], Callable]:
    """The shared ``-o/--output`` and ``--force`` options: atomic writes, no silent clobbering."""

    def decorate(func: Callable) -> Callable:
        func = click.option(
            "--force", is_flag=True, help="Overwrite the output file if it exists."
        )(func)
        return click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=folder_ok, path_type=Path),
            required=required,
            help=help,
        )(func)

    return decorate


output_option = output_options()


def emit(text: str, output: Path | None, force: bool) -> None:
    """Print data to stdout, or write it atomically to the file the user named."""
    if output is None:
        click.echo(text, nl=False)
        return
    from nngraph.output import write_atomic

    write_atomic(output, text, force=force)
    click.echo(f"wrote {output}", err=True)


@click.group(cls=NngraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="nngraph")
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra RDF file or folder to load (repeatable): .ttl .nt .jsonld .rdf",
)
@click.option(
    "--no-bundled", is_flag=True, help="Leave out the bundled data (the ontology is always loaded)."
)
@click.option(
    "--store",
    "backend",
    type=click.Choice(["oxigraph", "memory"]),
    default="oxigraph",
    show_default=True,
    help="Embedded store: Oxigraph (fast) or rdflib's memory store.",
)
@click.option(
    "--endpoint", metavar="URL", help="Query this SPARQL 1.1 endpoint instead of loading files."
)
@click.option(
    "--update-endpoint",
    metavar="URL",
    help="SPARQL Update endpoint that `nngraph load` pushes data to.",
)
@click.option(
    "--no-cache", is_flag=True, help="Parse the files afresh instead of reusing the on-disk cache."
)
@click.pass_context
def cli(
    ctx: click.Context,
    data: tuple[Path, ...],
    no_bundled: bool,
    backend: str,
    endpoint: str | None,
    update_endpoint: str | None,
    no_cache: bool,
) -> None:
    """Which works treat the mathematics of neural networks rigorously, and what none covers.

    \b
    Examples:
      nngraph gaps
      nngraph recommend "backpropagation through time"
      nngraph validate my-books/
      nngraph --data my-books/ query --name rigorous-with-exercises
    """
    ctx.obj = Session(
        data=data,
        bundled=not no_bundled,
        backend=backend,
        endpoint=endpoint,
        update_endpoint=update_endpoint,
        cache=not no_cache,
    )


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--no-bundled",
    "alone",
    is_flag=True,
    help="Check only PATHS (with the ontology), not the bundled data.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@pass_session
def validate(session: Session, paths: tuple[Path, ...], alone: bool, fmt: str) -> None:
    """Check data against the SHACL shapes and the graph rules (no prerequisite cycles).

    Exit 0 when valid, 1 when there are violations (one line each: file,
    focus node, rule, value, message), 2 when a file cannot be read.

    \b
    Examples:
      nngraph validate
      nngraph validate data/works/new-book.ttl
    """
    from dataclasses import asdict

    from nngraph.validate import validate as run_validate

    problems = run_validate([*session.data, *paths], bundled=session.bundled and not alone)
    if fmt == "json":
        click.echo(json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            click.echo(problem.line())
    violations = [p for p in problems if p.severity == "violation"]
    click.echo(
        f"{len(violations)} violation(s), {len(problems) - len(violations)} warning(s)",
        err=True,
    )
    if violations:
        sys.exit(EXIT_NO)


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
    from nngraph.render import text_table
    from nngraph.stats import stats as count

    numbers = count(session.open())
    if fmt == "json":
        click.echo(json.dumps(numbers, indent=2))
        return
    rows = [[k, str(v)] for k, v in numbers.items() if isinstance(v, int)]
    rows += [[f"works: {k}", str(v)] for k, v in numbers["works_by_type"].items()]
    rows += [[f"coverage: {k}", str(v)] for k, v in numbers["coverage_by_depth"].items()]
    click.echo(text_table(rows, ["what", "count"]), nl=False)


def analysis_filters(func: Callable) -> Callable:
    """The filters shared by gaps, recommend, path and reading-list."""
    options = [
        click.option(
            "--with-exercises", is_flag=True, help="Count only treatments with exercises."
        ),
        click.option(
            "--kind",
            type=click.Choice(["book", "paper", "notes", "thesis"]),
            help="Count only works of this kind.",
        ),
        click.option("--free", is_flag=True, help="Count only works free to read."),
        click.option(
            "--as-of",
            type=int,
            metavar="YEAR",
            help="Count only works first published in or before YEAR.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def min_depth_option(default: str) -> Callable[[Callable], Callable]:
    """``--min-depth`` on the depth scale."""
    return click.option(
        "--min-depth",
        type=click.Choice(["mention", "intuition", "derivation", "rigorous"]),
        default=default,
        show_default=True,
        help="The least depth that counts.",
    )


def filter_kwargs(opts: dict[str, Any]) -> dict[str, Any]:
    """The filter options as keyword arguments of the analysis API."""
    keys = ("min_depth", "with_exercises", "kind", "free", "as_of")
    return {k: opts[k] for k in keys if k in opts}


def parse_params(params: tuple[str, ...]) -> dict[str, Any]:
    """``name=value`` pairs as RDF terms: ``<iri>``, a CURIE, a number, else a string."""
    from nngraph.terms import parse_term

    bindings: dict[str, Any] = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{param!r}: expected name=value", param_hint="--param")
        bindings[name.strip().lstrip("?$")] = parse_term(value)
    return bindings


@cli.command()
@click.argument("text", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file ('-' for stdin).",
)
@click.option("--name", help="Run a bundled query by name (see --list).")
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries.")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to VALUE (<iri>, prefix:name, number or text); repeatable.",
)
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld"]),
    help="Result format (W3C SPARQL results for csv/tsv/json/xml; RDF for graphs).",
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
    from nngraph import queries, results

    if list_queries:
        for known in queries.query_names():
            click.echo(f"{known}\t{queries.query_summary(known)}")
        return
    sources = [s for s in (text, query_file, name) if s is not None]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of: a query text, -f FILE, --name NAME")
    sparql = queries.query_text(name) if name else (text if text is not None else query_file.read())
    graph = session.open()
    answer = queries.run_query(
        graph, sparql, bindings=parse_params(params), timeout=timeout, limit=limit
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


@cli.command()
@min_depth_option("rigorous")
@analysis_filters
@click.option("--rollup", is_flag=True, help="Show the broader-topic roll-up instead of the gaps.")
@format_option("table", "json", "csv", "markdown")
@output_option
@pass_session
def gaps(
    session: Session, fmt: str, rollup: bool, output: Path | None, force: bool, **opts: Any
) -> None:
    """Topics no work covers at the depth (default rigorous), most blocking first.

    Each gap shows its best existing coverage and how many topics depend on it
    through prerequisites.

    \b
    Examples:
      nngraph gaps
      nngraph gaps --as-of 2019 --kind book
      nngraph gaps --with-exercises --format json
    """
    from nngraph.analysis import Filters
    from nngraph.analysis import gaps as find_gaps
    from nngraph.analysis import rollup as find_rollup
    from nngraph.render import render_rows

    graph, filters = session.open(), Filters(**filter_kwargs(opts))
    if rollup:
        rows = find_rollup(graph, filters)
        columns = ["label", "narrower_covered", "narrower_total", "share"]
    else:
        rows = find_gaps(graph, filters)
        columns = ["label", "dependents", "best_depth", "best_title", "best_locator"]
    emit(render_rows(rows, columns, fmt), output, force)


@cli.command()
@click.argument("topic")
@min_depth_option("mention")
@analysis_filters
@format_option("table", "json", "csv", "markdown")
@output_option
@pass_session
def recommend(
    session: Session, topic: str, fmt: str, output: Path | None, force: bool, **opts: Any
) -> None:
    """What to read for TOPIC: works ranked by depth, exercises, free access, votes.

    TOPIC is a label, an alternative label, a CURIE or an IRI.

    \b
    Examples:
      nngraph recommend "backpropagation through time"
      nngraph recommend BPTT --min-depth derivation --with-exercises
    """
    from nngraph.analysis import recommend as find_works
    from nngraph.render import render_rows

    rows = find_works(session.open(), topic, **filter_kwargs(opts))
    columns = ["depth", "exercises", "free", "score", "title", "year", "locator"]
    emit(render_rows(rows, columns, fmt), output, force)


@cli.command()
@click.argument("topics", nargs=-1, required=True)
@click.option(
    "--known", multiple=True, metavar="TOPIC", help="A topic you know already (repeatable)."
)
@click.option(
    "--alternatives",
    type=click.IntRange(0, 10),
    default=0,
    show_default=True,
    help="Also offer up to K paths that read other works.",
)
@min_depth_option("mention")
@analysis_filters
@format_option("table", "json", "csv", "markdown")
@output_option
@pass_session
def path(
    session: Session,
    topics: tuple[str, ...],
    known: tuple[str, ...],
    alternatives: int,
    fmt: str,
    output: Path | None,
    force: bool,
    **opts: Any,
) -> None:
    """A learning path to TOPICS: every prerequisite in order, each with what to read.

    \b
    Examples:
      nngraph path "backpropagation through time"
      nngraph path bptt --known "linear algebra" --alternatives 2
    """
    from nngraph.learning_path import path as find_path
    from nngraph.render import render_rows

    paths = find_path(
        session.open(),
        list(topics),
        known=list(known),
        alternatives=alternatives,
        **filter_kwargs(opts),
    )
    rows = [{**step, "path": n} for n, steps in enumerate(paths, start=1) for step in steps]
    columns = ["path", "step", "label", "depth", "title", "locator"]
    if len(paths) == 1:
        columns = columns[1:]
    emit(render_rows(rows, columns, fmt), output, force)


@cli.command(name="reading-list")
@click.argument("topics", nargs=-1)
@min_depth_option("rigorous")
@analysis_filters
@format_option("table", "json", "csv", "markdown")
@output_option
@pass_session
def reading_list(
    session: Session,
    topics: tuple[str, ...],
    fmt: str,
    output: Path | None,
    force: bool,
    **opts: Any,
) -> None:
    """The fewest works that together cover TOPICS (default: all coverable) at the depth.

    Exact (an integer program solved by HiGHS); topics nothing covers are listed.

    \b
    Examples:
      nngraph reading-list --with-exercises
      nngraph reading-list bptt "backpropagation in convolutional networks" --min-depth derivation
    """
    from nngraph.reading_list import reading_list as find_list
    from nngraph.render import render_rows

    answer = find_list(session.open(), list(topics) or None, **filter_kwargs(opts))
    if fmt == "json":
        emit(json.dumps(answer, indent=2, ensure_ascii=False) + "\n", output, force)
        return
    rows = [{**w, "count": len(w["topics"])} for w in answer["works"]]
    text = render_rows(rows, ["title", "year", "count", "topics"], fmt)
    emit(text, output, force)
    click.echo(
        f"{len(rows)} work(s) cover {answer['covered']} topic(s); uncovered: "
        f"{'; '.join(answer['uncovered']) or 'none'}",
        err=True,
    )


@cli.group()
def cache() -> None:
    """The on-disk cache of parsed graphs (reused while the input files are unchanged).

    It keeps each graph as a read-only Oxigraph store, the answers to the
    queries already asked of it, and each input file's content hash. A
    first run on large inputs (8 MB or more) answers from memory and a
    background process writes the store after it.

    \b
    Examples:
      nngraph cache list
      nngraph cache path
      nngraph cache clear
    """


@cache.command(name="path")
def cache_path() -> None:
    """Print the cache folder (set NNGRAPH_CACHE_DIR to move it).

    \b
    Example:
      du -sh "$(nngraph cache path)"
    """
    from nngraph.cache import cache_dir

    click.echo(str(cache_dir()))


@cache.command(name="list")
@format_option("table", "json", "csv", "markdown")
def cache_list(fmt: str) -> None:
    """List the cached graphs, most recently used first: size, inputs, answers kept.

    \b
    Examples:
      nngraph cache list
      nngraph cache list --format json
    """
    from nngraph.cache import listing
    from nngraph.render import render_rows

    rows = listing()
    if fmt != "json":
        rows = [{**row, "files": len(row["files"])} for row in rows]
    columns = ["key", "triples", "files", "megabytes", "answers", "last_used"]
    click.echo(render_rows(rows, columns, fmt), nl=False)


@cache.command(name="clear")
def cache_clear() -> None:
    """Remove every cached graph; the next command parses the files again.

    \b
    Example:
      nngraph cache clear
    """
    from nngraph.cache import cache_dir, clear

    removed = clear()
    click.echo(f"removed {removed} cached graph(s) from {cache_dir()}", err=True)


@cli.command(name="load")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--clear",
    "clear_first",
    is_flag=True,
    help="First empty the endpoint's default graph (CLEAR DEFAULT).",
)
@pass_session
def load_command(session: Session, paths: tuple[Path, ...], clear_first: bool) -> None:
    """Push the bundled data plus PATHS to the --update-endpoint (SPARQL Update, in chunks).

    \b
    Examples:
      nngraph --update-endpoint http://localhost:7878/update load my-books/
      nngraph --endpoint http://localhost:7878/query gaps
    """
    from nngraph.endpoint import push
    from nngraph.store import bundled_files, expand_paths

    if not session.update_endpoint:
        raise click.UsageError("nngraph load needs --update-endpoint URL (before `load`)")
    sources = bundled_files(data=session.bundled) + expand_paths([*session.data, *paths])
    summary = push(sources, session.update_endpoint, clear=clear_first)
    click.echo(
        f"pushed {summary.triples} triple(s) from {summary.files} file(s) to "
        f"{session.update_endpoint} in {summary.requests} request(s)",
        err=True,
    )


@cli.command()
@click.option("--works", type=click.IntRange(min=1), required=True, help="How many works.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@output_options(
    required=True, help="The file to write: .nt (N-Triples) or .ttl (Turtle), atomically."
)
def synth(works: int, seed: int, output: Path, force: bool) -> None:
    """Write a deterministic synthetic graph of nngraph's shape (about 45 triples per work).

    \b
    Examples:
      nngraph synth --works 20000 --seed 1 -o big.nt
      nngraph --no-bundled --data big.nt gaps
    """
    from nngraph.synth import synth as write_synth

    summary = write_synth(output, works=works, seed=seed, force=force)
    click.echo(
        f"wrote {summary.path}: {summary.triples} triples ({summary.works} works, "
        f"{summary.topics} topics, {summary.coverage} coverage claims)",
        err=True,
    )


@cli.group(name="import")
def import_group() -> None:
    """Turn other formats into nngraph works (Turtle), ready for a curator to check.

    \b
    Examples:
      nngraph import bibtex refs.bib -o data/works/imported.ttl
    """


@import_group.command(name="bibtex")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@output_options(required=True, help="The Turtle file to write (atomically).")
@pass_session
def import_bibtex_command(session: Session, source: Path, output: Path, force: bool) -> None:
    """Import a BibTeX file as works and authors; skip (and report) what the graph already has.

    Duplicates (same DOI, ISBN, arXiv id, or title and year) and malformed
    entries are reported on stderr with their line; the rest is written.

    \b
    Examples:
      nngraph import bibtex refs.bib -o data/works/imported.ttl
      nngraph validate data/works/imported.ttl
    """
    from nngraph.bibtex import import_bibtex
    from nngraph.errors import OutputExistsError

    if output.exists() and not force:
        raise OutputExistsError(output)  # before loading the graph: fail fast
    result = import_bibtex(source, graph=session.open(), output=output, force=force)
    for line in result.report():
        click.echo(line, err=True)
    click.echo(
        f"imported {len(result.works)} work(s), skipped {len(result.skipped)}; wrote {output}",
        err=True,
    )


@cli.command(name="export")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["ttl", "nt", "jsonld", "graphml", "gexf", "csv", "bibtex"]),
    help="ttl/nt/jsonld: all triples; graphml/gexf: Gephi, Cytoscape; "
    "csv: one table per kind; bibtex: the works.",
)
@output_options(
    folder_ok=True, help="File to write (atomically); for csv, the folder. Default: stdout."
)
@pass_session
def export_command(session: Session, fmt: str, output: Path | None, force: bool) -> None:
    """Export the graph as RDF, GraphML/GEXF, CSV tables or BibTeX.

    \b
    Examples:
      nngraph export --format graphml -o nngraph.graphml
      nngraph export --format csv -o tables/
      nngraph --no-bundled --data mine.ttl export --format bibtex > mine.bib
    """
    from nngraph.export import export_data, write_export

    if fmt == "csv" and output is None:
        raise click.UsageError("--format csv writes four tables: name a folder with -o DIR")
    if output is None:
        click.echo(export_data(session.open(), fmt).decode("utf-8"), nl=False)
        return
    for path in write_export(session.open(), fmt, output, force=force):
        click.echo(f"wrote {path}", err=True)


@cli.command(name="serve")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=7878,
    show_default=True,
    help="TCP port to listen on.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 exposes the graph to the network.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds after which the server abandons a query.",
)
@pass_session
def serve_command(session: Session, port: int, host: str, timeout: float) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol (the Oxigraph server).

    Prints the query endpoint URL; Ctrl-C stops the server.

    \b
    Examples:
      nngraph serve --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * {?s ?p ?o} LIMIT 3' \\
           http://127.0.0.1:7878/query
    """
    import signal

    from nngraph.errors import EndpointError
    from nngraph.serve import Server

    # Stop cleanly on Ctrl-C and on SIGTERM, even when started from a shell
    # that ignores SIGINT for background jobs (CI runners, `cmd &`).
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, signal.default_int_handler)
    server = Server(session.open(), host=host, port=port, timeout=timeout)
    try:
        click.echo(server.start())
        click.echo("serving read-only; Ctrl-C stops", err=True)
        code = server.wait()
    except KeyboardInterrupt:
        code = 0
    finally:
        server.stop()
    if code:
        raise EndpointError(f"the Oxigraph server stopped with exit code {code}")


@cli.command()
@output_options(
    required=True, help="The HTML file to write (one self-contained file, written atomically)."
)
@click.option("--topic", help="Show only this topic's neighbourhood (label, alt label or IRI).")
@click.option(
    "--radius",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Hops around --topic or the gap topics.",
)
@click.option(
    "--gaps",
    "gaps_only",
    is_flag=True,
    help="Show the gap topics (no rigorous coverage) and their neighbourhood.",
)
@click.option("--no-authors", is_flag=True, help="Leave out authors.")
@click.option(
    "--query",
    metavar="FILE|NAME",
    help="Draw a query's answer: a .rq file or a bundled query name.",
)
@click.option(
    "--layout",
    type=click.Choice(["force", "hierarchical"]),
    default="force",
    show_default=True,
    help="Force-directed, or top-down along prerequisites.",
)
@pass_session
def viz(
    session: Session,
    output: Path,
    force: bool,
    topic: str | None,
    radius: int,
    gaps_only: bool,
    no_authors: bool,
    query: str | None,
    layout: str,
) -> None:
    """Write the interactive graph view: one HTML file that works offline.

    \b
    Examples:
      nngraph viz -o graph.html
      nngraph viz -o bptt.html --topic BPTT --radius 2 --no-authors
      nngraph viz -o gaps.html --gaps --layout hierarchical
      nngraph viz -o answer.html --query rigorous-with-exercises
    """
    from nngraph.output import write_atomic
    from nngraph.viz import build_network, render_html

    network = build_network(
        session.open(),
        topic=topic,
        radius=radius,
        gaps_only=gaps_only,
        authors=not no_authors,
        query=query,
        layout=layout,
    )
    write_atomic(output, render_html(network), force=force)
    click.echo(f"wrote {output}: {len(network.nodes)} nodes, {len(network.edges)} edges", err=True)


def main() -> None:
    """The ``nngraph`` console script: run the command, then end the process at once.

    Freeing a large in-memory graph at exit takes seconds (4 s for 5M
    triples) that the answer does not need. Once the command has finished,
    its output is flushed and any background cache build is started, the
    process ends without tearing its objects down.
    """
    try:
        cli.main(prog_name="nngraph")
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            click.echo(done.code, err=True)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`nngraph gaps | head`)
            code = code or 1
    cache = sys.modules.get("nngraph.cache")
    if cache is not None:
        cache.start_pending_builds()
    os._exit(code)
