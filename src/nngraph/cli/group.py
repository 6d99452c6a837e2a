"""The ``nngraph`` group, its global options, and the console script."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from nngraph import __version__
from nngraph.cli.base import NngraphGroup, Session


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
    cache = sys.modules.get("nngraph.store.cache")
    if cache is not None:
        cache.start_pending_builds()
    os._exit(code)
