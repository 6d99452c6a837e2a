"""Shared plumbing of the command line: the error wrapper, the session, shared options.

Every deliberate error (``NngraphError``) becomes one line on stderr and exit
code 2, in one place: ``NngraphGroup.invoke``. Heavy modules are imported
inside the commands so that ``nngraph --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

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
            from nngraph.cli.progress import progress_bar
            from nngraph.store.loader import load

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
    from nngraph.query.terms import parse_term

    bindings: dict[str, Any] = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{param!r}: expected name=value", param_hint="--param")
        bindings[name.strip().lstrip("?$")] = parse_term(value)
    return bindings
