"""Commands that manage where the graph lives: ``cache``, ``load`` (to an endpoint), ``synth``."""

from __future__ import annotations

from pathlib import Path

import click

from nngraph.cli.base import Session, format_option, output_options, pass_session
from nngraph.cli.group import cli


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
    from nngraph.store.cache import cache_dir

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
    from nngraph.query.render import render_rows
    from nngraph.store.cache import listing

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
    from nngraph.store.cache import cache_dir, clear

    removed = clear()
    click.echo(f"removed {removed} cached graph(s) from {cache_dir()}", err=True)


@cli.command(name="load")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--clear",
    "clear_first",
    is_flag=True,
    help="First empty the target graph: the --graph, else the default graph.",
)
@pass_session
def load_command(session: Session, paths: tuple[Path, ...], clear_first: bool) -> None:
    """Push the bundled data plus PATHS to the --update-endpoint (SPARQL Update, in chunks).

    Blank nodes become stable skolem IRIs, so loading the same files twice
    leaves the same triples.

    \b
    Examples:
      nngraph --update-endpoint http://localhost:7878/update load my-books/
      nngraph --endpoint http://localhost:7878/query gaps
      nngraph --update-endpoint http://localhost:8890/sparql --graph urn:nngraph load --clear
      nngraph --endpoint http://localhost:8890/sparql --graph urn:nngraph gaps
    """
    from nngraph.store.files import bundled_files, expand_paths
    from nngraph.store.push import push

    if not session.update_endpoint:
        raise click.UsageError("nngraph load needs --update-endpoint URL (before `load`)")
    sources = bundled_files(data=session.bundled) + expand_paths([*session.data, *paths])
    summary = push(sources, session.update_endpoint, graph=session.graph_iri, clear=clear_first)
    target = f" graph <{session.graph_iri}> at" if session.graph_iri else ""
    click.echo(
        f"pushed {summary.triples} triple(s) from {summary.files} file(s) to{target} "
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
    from nngraph.store.synth import synth as write_synth

    summary = write_synth(output, works=works, seed=seed, force=force)
    click.echo(
        f"wrote {summary.path}: {summary.triples} triples ({summary.works} works, "
        f"{summary.topics} topics, {summary.coverage} coverage claims)",
        err=True,
    )
