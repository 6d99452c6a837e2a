"""The ``nngraph`` group, its global options, and the console script."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from nngraph import __version__
from nngraph.cli.base import Interrupted, NngraphGroup, Session


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
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="Named graph on the endpoint: `load` writes into it, queries read it.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    metavar="N",
    help="The endpoint's row cap, if it does not announce it: answers this long are paged.",
)
@click.option(
    "--query-method",
    type=click.Choice(["auto", "form", "direct"]),
    default="auto",
    show_default=True,
    help="How queries reach the endpoint: GET when short else form POST, always form "
    "POST, or direct POST (application/sparql-query; some servers never answer it).",
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
    graph_iri: str | None,
    max_rows: int | None,
    query_method: str,
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
        graph_iri=graph_iri,
        max_rows=max_rows,
        query_method=query_method,
        cache=not no_cache,
    )


def main() -> None:
    """The ``nngraph`` console script: run the command, then end the process at once.

    Freeing a large in-memory graph at exit takes seconds (4 s for 5M
    triples) that the answer does not need. Once the command has finished,
    its output is flushed and any background cache build is started, the
    process ends without tearing its objects down.
    """
    _watch_interrupts()
    try:
        cli.main(prog_name="nngraph")
        code = 0
    except KeyboardInterrupt:  # outside any command (while parsing, completing)
        Interrupted().show()
        code = Interrupted.exit_code
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


def _watch_interrupts() -> None:
    """Make Ctrl-C end the process within a second, whatever the main thread is doing.

    Python runs its SIGINT handler (KeyboardInterrupt) only between bytecodes of
    the main thread, so a long call into a native library (parsing, a query run
    without the worker thread) would delay it. The signal also wakes a watcher
    thread through ``signal.set_wakeup_fd``; if the main thread has not finished
    by then, the watcher prints the same line and exits 130 itself.
    """
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started ignoring it
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    try:
        signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    except ValueError:  # not the main thread (embedded use): nothing to watch
        return

    def watch() -> None:
        while os.read(read_end, 1) != bytes([signal.SIGINT]):
            pass
        time.sleep(GRACE)
        os.write(2, b"nngraph: interrupted\n")
        os._exit(Interrupted.exit_code)

    threading.Thread(target=watch, daemon=True, name="nngraph-interrupt").start()


GRACE = 0.6  # seconds the main thread gets to stop by itself after Ctrl-C
