"""The ``nngraph`` command line: parse options, call the API, print the answer.

Every deliberate error (``NngraphError``) becomes one line on stderr and exit
code 2, in one place: ``NngraphGroup.invoke``. Heavy modules are imported
inside the commands so that ``nngraph --help`` stays fast.
"""

from __future__ import annotations

import json
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
    graph: Any = field(default=None, repr=False)

    def open(self) -> Any:
        """Load the graph once, on first use, so `--help` loads nothing."""
        if self.graph is None:
            from nngraph.store import load

            self.graph = load(self.data, bundled=self.bundled, backend=self.backend)
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


def output_option(func: Callable) -> Callable:
    """The shared ``-o/--output`` and ``--force`` options (atomic writes)."""
    func = click.option(
        "--force", is_flag=True, help="Overwrite the output file if it exists."
    )(func)
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
        help="Write to this file (atomically) instead of stdout.",
    )(func)


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
    "--data", "data", multiple=True, type=click.Path(path_type=Path),
    help="Extra RDF file or folder to load (repeatable): .ttl .nt .jsonld .rdf",
)
@click.option("--no-bundled", is_flag=True, help="Leave out the bundled data (the ontology is always loaded).")
@click.option(
    "--store", "backend", type=click.Choice(["oxigraph", "memory"]), default="oxigraph",
    show_default=True, help="Embedded store: Oxigraph (fast) or rdflib's memory store.",
)
@click.pass_context
def cli(
    ctx: click.Context, data: tuple[Path, ...], no_bundled: bool, backend: str
) -> None:
    """Which works treat the mathematics of neural networks rigorously, and what none covers.

    \b
    Examples:
      nngraph stats
      nngraph validate my-books/
      nngraph --data my-books/ query --name rigorous-with-exercises
    """
    ctx.obj = Session(data=data, bundled=not no_bundled, backend=backend)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-bundled", "alone", is_flag=True,
              help="Check only PATHS (with the ontology), not the bundled data.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
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

    problems = run_validate(
        [*session.data, *paths], bundled=session.bundled and not alone
    )
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
