"""The reading guide command: ``site``."""

from __future__ import annotations

from pathlib import Path

import click

from nngraph.cli.base import Session, pass_session
from nngraph.cli.group import cli


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The folder to write the site into (built beside it, then renamed into place).",
)
@click.option("--force", is_flag=True, help="Replace the folder if it is not empty.")
@click.option("--verified-only", is_flag=True, help="Count only verified coverage claims.")
@pass_session
def site(session: Session, output: Path, force: bool, verified_only: bool) -> None:
    """Write the reading guide: a static website of the graph that works offline.

    A page per topic, work and author, the gap report, the coverage matrix, the
    timeline of rigour, search and the graph view; open index.html in a browser
    or put the folder on any static host.

    \b
    Examples:
      nngraph site -o site/
      nngraph site -o site/ --force --verified-only
      nngraph --no-bundled --data my-books/ site -o my-site/
    """
    from nngraph.view.site import build_site

    verified_only = verified_only or bool(getattr(session, "verified_only", False))
    summary = build_site(session.open(), output, force=force, verified_only=verified_only)
    click.echo(
        f"wrote {summary.folder}: {summary.files} files ({summary.topics} topics, "
        f"{summary.works} works, {summary.authors} authors); open "
        f"{summary.folder / 'index.html'}",
        err=True,
    )
