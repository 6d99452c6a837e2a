"""Commands that exchange the graph with other tools: ``import``, ``export``, ``serve``."""

from __future__ import annotations

from pathlib import Path

import click

from nngraph.cli.base import Session, output_options, pass_session
from nngraph.cli.group import cli


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
    from nngraph.errors import OutputExistsError
    from nngraph.interop.bibtex import import_bibtex

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
    from nngraph.interop.export import export_data, write_export

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
    from nngraph.interop.serve import Server

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
