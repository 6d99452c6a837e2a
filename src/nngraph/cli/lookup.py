"""Commands that look one thing up without SPARQL: ``show`` and ``search``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from nngraph.cli.base import Session, emit, format_option, output_option, pass_session, table_width
from nngraph.cli.group import cli


@cli.command()
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice(["topic", "work", "author"]),
    help="Look only among topics, works or authors.",
)
@format_option("text", "json", "markdown", default="text")
@output_option
@pass_session
def show(
    session: Session, name: str, kind: str | None, fmt: str, output: Path | None, force: bool
) -> None:
    """Everything the graph says about one work, topic or author.

    NAME is an id (goodfellow2016), a CURIE, an IRI, a title, a label or a
    name; accents and case do not matter. A work shows its editions, authors
    and coverage in locator order; a topic its definition, neighbours and works
    by depth; an author their works.

    \b
    Examples:
      nngraph show goodfellow2016
      nngraph show "backpropagation through time"
      nngraph show "Yoshua Bengio" --format markdown
    """
    from nngraph.records.lookup import KINDS, find
    from nngraph.records.profiles import profile, render_profile

    graph = session.open()
    found = find(graph, name, kinds=(kind,) if kind else KINDS)
    if not found.exact:
        click.echo(f"nngraph: {found.note(name)}", err=True)
    data = profile(graph, found.kind, found.iri)
    if fmt == "json":
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        text = render_profile(data, fmt)
    emit(text, output, force)


@cli.command()
@click.argument("text")
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most N hits."
)
@format_option("table", "json", "csv", "markdown")
@output_option
@pass_session
def search(
    session: Session, text: str, limit: int, fmt: str, output: Path | None, force: bool
) -> None:
    """Topics, works and authors whose labels, titles or names match TEXT, best first.

    Accents and case are folded; alternative labels and subtitles count too.

    \b
    Examples:
      nngraph search backprop
      nngraph search "universal approx"
      nngraph search godel --format json
    """
    from nngraph.query.render import render_rows
    from nngraph.records.lookup import search as find_hits

    hits = find_hits(session.open(), text, limit=limit)
    columns = ["kind", "id", "label", "detail", "matched"]
    emit(render_rows(hits, columns, fmt, width=table_width(output)), output, force)
    if not hits:
        click.echo(f"nngraph: nothing matches {text!r}", err=True)
