"""Analysis commands: ``gaps``, ``recommend``, ``path``, ``reading-list``, ``validate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from nngraph.cli.base import (
    EXIT_NO,
    Session,
    analysis_filters,
    complete_topics,
    emit,
    filter_kwargs,
    format_option,
    min_depth_option,
    output_option,
    pass_session,
    table_width,
)
from nngraph.cli.group import cli


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@pass_session
def validate(session: Session, paths: tuple[Path, ...], fmt: str) -> None:
    """Check files against the SHACL shapes and the graph rules (no prerequisite cycles).

    PATHS (and --data files) are checked in the context of the bundled
    ontology, topics and data, so references to them resolve, and only their
    own problems are reported; with no PATHS the whole bundled graph is
    checked. --no-bundled leaves the bundled works and claims out of the
    context (the ontology and topics stay). Exit 0 when valid, 1 when there
    are violations (one line each: file, focus node, rule, value, message), 2
    when a file cannot be read.

    \b
    Examples:
      nngraph validate
      nngraph validate data/works/new-book.ttl
      nngraph validate --no-bundled my-books/
    """
    from dataclasses import asdict

    from nngraph.analysis.validate import validate as run_validate

    if session.endpoint:
        raise click.UsageError(
            "validate checks files, not an endpoint: drop --endpoint, or export the "
            "endpoint's data to a file and validate that"
        )
    problems = run_validate([*session.data, *paths], bundled=session.bundled)
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
    from nngraph.analysis.coverage import Filters
    from nngraph.analysis.coverage import gaps as find_gaps
    from nngraph.analysis.coverage import rollup as find_rollup
    from nngraph.query.render import render_rows

    graph, filters = session.open(), Filters(**filter_kwargs(opts))
    if rollup:
        rows = find_rollup(graph, filters)
        columns = ["label", "narrower_covered", "narrower_total", "share"]
    else:
        rows = find_gaps(graph, filters)
        columns = ["label", "dependents", "best_depth", "best_title", "best_locator"]
    emit(render_rows(rows, columns, fmt, width=table_width(output)), output, force)


@cli.command()
@click.argument("topic", shell_complete=complete_topics)
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
    from nngraph.analysis.coverage import Filters, why_empty
    from nngraph.analysis.coverage import recommend as find_works
    from nngraph.query.render import render_rows

    graph = session.open()
    (iri,) = resolve_topics(graph, [topic])
    rows = find_works(graph, iri, **filter_kwargs(opts))
    columns = [
        "id", "depth", "status", "exercises", "free", "score",
        "first_author", "title", "year", "edition", "locator",
    ]  # fmt: skip
    emit(render_rows(rows, columns, fmt, width=table_width(output)), output, force)
    if not rows:
        click.echo(f"nngraph: {why_empty(graph, iri, Filters(**filter_kwargs(opts)))}", err=True)


def resolve_topics(graph: Any, names: list[str]) -> list[str]:
    """The topics' IRIs; says on stderr how a name matched when it was not an exact label."""
    from nngraph.records.topics import find_topic, topic_graph

    topics = topic_graph(graph)
    found = []
    for name in names:
        match = find_topic(topics, name)
        if not match.exact:
            click.echo(f"nngraph: {match.note(name)}", err=True)
        found.append(match.iri)
    return found


@cli.command()
@click.argument("topics", nargs=-1, required=True, shell_complete=complete_topics)
@click.option(
    "--known",
    multiple=True,
    metavar="TOPIC",
    shell_complete=complete_topics,
    help="A topic you know already (repeatable).",
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
    from nngraph.analysis.learning_path import path as find_path
    from nngraph.query.render import render_rows

    graph = session.open()
    paths = find_path(
        graph,
        resolve_topics(graph, list(topics)),
        known=resolve_topics(graph, list(known)),
        alternatives=alternatives,
        **filter_kwargs(opts),
    )
    rows = [{**step, "path": n} for n, steps in enumerate(paths, start=1) for step in steps]
    columns = [
        "path", "step", "label", "depth", "status", "id", "first_author", "title",
        "edition", "locator",
    ]  # fmt: skip
    if len(paths) == 1:
        columns = columns[1:]
    emit(render_rows(rows, columns, fmt, width=table_width(output)), output, force)
    uncovered = [r["label"] for r in rows if r["work"] is None]
    if uncovered:
        click.echo(
            f"nngraph: nothing to read under these filters for: {'; '.join(uncovered)}", err=True
        )


@cli.command(name="reading-list")
@click.argument("topics", nargs=-1, shell_complete=complete_topics)
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
    from nngraph.analysis.reading_list import reading_list as find_list
    from nngraph.query.render import render_rows

    graph = session.open()
    wanted = resolve_topics(graph, list(topics)) if topics else None
    answer = find_list(graph, wanted, **filter_kwargs(opts))
    if fmt == "json":
        emit(json.dumps(answer, indent=2, ensure_ascii=False) + "\n", output, force)
        return
    rows = [{**w, "count": len(w["topics"])} for w in answer["works"]]
    columns = ["id", "first_author", "title", "year", "editions", "status", "count", "topics"]
    text = render_rows(rows, columns, fmt, width=table_width(output))
    emit(text, output, force)
    click.echo(
        f"{len(rows)} work(s) cover {answer['covered']} topic(s); uncovered: "
        f"{'; '.join(answer['uncovered']) or 'none'}",
        err=True,
    )
