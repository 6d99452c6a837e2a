"""The graph view command: ``viz``."""

from __future__ import annotations

from pathlib import Path

import click

from nngraph.cli.base import Session, output_options, pass_session
from nngraph.cli.group import cli


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
@click.option(
    "--max-nodes",
    type=click.IntRange(min=0),
    default=2000,
    show_default=True,
    help="Node budget: a larger view folds its works into groups per topic "
    "(a click opens one); 0 shows everything.",
)
@click.option(
    "--verified-only",
    is_flag=True,
    help="Draw only coverage claims a curator checked (nn:status nn:verified).",
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
    max_nodes: int,
    verified_only: bool,
) -> None:
    """Write the interactive graph view: one HTML file that works offline.

    \b
    Examples:
      nngraph viz -o graph.html
      nngraph viz -o bptt.html --topic BPTT --radius 2 --no-authors
      nngraph viz -o gaps.html --gaps --layout hierarchical
      nngraph viz -o answer.html --query rigorous-with-exercises
      nngraph viz -o all.html --max-nodes 0 --verified-only
    """
    from nngraph.output import write_atomic
    from nngraph.view.network import build_network, render_html

    network = build_network(
        session.open(),
        topic=topic,
        radius=radius,
        gaps_only=gaps_only,
        authors=not no_authors,
        query=query,
        layout=layout,
        max_nodes=max_nodes,
        verified_only=verified_only,
    )
    write_atomic(output, render_html(network), force=force)
    folded = sum(group["works"] + group["authors"] for group in network.groups)
    note = f", {folded} folded into {len(network.groups)} groups" if network.groups else ""
    click.echo(
        f"wrote {output}: {len(network.nodes)} nodes, {len(network.edges)} edges{note}", err=True
    )
