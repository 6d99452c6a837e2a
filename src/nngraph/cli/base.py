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
EXIT_INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT


class CliError(click.ClickException):
    """A deliberate error shown as one line; exit 2 means "fix the input and retry"."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"nngraph: error: {self.format_message()}", err=True)


class Interrupted(click.ClickException):
    """Ctrl-C: one line and exit 130 (128 + SIGINT), as a shell reports an interrupted job."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self) -> None:
        super().__init__("interrupted")

    def show(self, file: Any = None) -> None:
        click.echo("nngraph: interrupted", err=True)


class NngraphGroup(click.Group):
    """Turns every NngraphError raised under any command into a CliError, Ctrl-C into
    exit 130, and accepts the group's own options after the command name too."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NngraphError as error:
            raise CliError(str(error)) from error
        except KeyboardInterrupt as error:
            raise Interrupted() from error

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self.hoist_global_options(ctx, args))

    def hoist_global_options(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Move the group's options found after the command name in front of it.

        ``nngraph gaps --data x.ttl`` then means ``nngraph --data x.ttl gaps``.
        Generic over ``self.params``, so an option added to the group later is
        hoisted too; an option the command itself defines under the same name
        stays with the command, and nothing after ``--`` moves.
        """
        takes_value: dict[str, bool] = {}
        for param in self.params:
            if isinstance(param, click.Option) and not param.is_eager:
                for name in [*param.opts, *param.secondary_opts]:
                    takes_value[name] = not (param.is_flag or param.count)
        position, index = None, 0
        while index < len(args):  # find the command name: the first non-option token
            token = args[index]
            if token == "--":
                return args
            if not token.startswith("-"):
                position = index
                break
            index += 2 if takes_value.get(token) else 1
        if position is None:
            return args
        command = self.get_command(ctx, args[position])
        own = {n for p in getattr(command, "params", []) for n in getattr(p, "opts", [])}
        before, after, rest = list(args[: position + 1]), [], args[position + 1 :]
        index = 0
        while index < len(rest):
            token = rest[index]
            if token == "--":
                after += rest[index:]
                break
            name, equals, _value = token.partition("=")
            if name in takes_value and name not in own:
                if takes_value[name] and not equals and index + 1 < len(rest):
                    before[position:position] = [token, rest[index + 1]]
                    position += 2
                    index += 2
                    continue
                before[position:position] = [token]
                position += 1
            else:
                after.append(token)
            index += 1
        return before + after


@dataclass
class Session:
    """What the group options say about where the graph comes from."""

    data: tuple[Path, ...] = ()
    bundled: bool = True
    backend: str = "oxigraph"
    endpoint: str | None = None
    update_endpoint: str | None = None
    graph_iri: str | None = None
    max_rows: int | None = None
    query_method: str = "auto"
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
                    graph=self.graph_iri,
                    max_rows=self.max_rows,
                    query_method=self.query_method,
                    progress=progress,
                    background=True,
                )
        return self.graph


pass_session = click.make_pass_decorator(Session)


def complete_topics(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[click.shell_completion.CompletionItem]:
    """Shell completion: topic labels (then alternative labels) that begin with the text typed.

    Reads the graph the global options name, so completion follows --data and
    --no-bundled; any failure completes nothing rather than printing an error.
    """
    from click.shell_completion import CompletionItem

    try:
        root = ctx.find_root()
        if root.obj is None:  # completion parses only: run the group callback for the Session
            root.invoke(root.command.callback, **root.params)  # type: ignore[arg-type]
        from nngraph.records.topics import topic_graph

        topics = topic_graph(root.obj.open())
    except Exception:  # noqa: BLE001 - a completion must never fail loudly
        return []
    key = incomplete.casefold()
    labels = sorted(topics.labels.values(), key=str.casefold)
    alternatives = sorted(
        {a for alts in topics.alt_labels.values() for a in alts}, key=str.casefold
    )
    found = [x for x in labels if x.casefold().startswith(key)]
    found += [x for x in alternatives if x.casefold().startswith(key) and x not in found]
    return [CompletionItem(x) for x in found]


def complete_query_names(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[click.shell_completion.CompletionItem]:
    """Shell completion: the bundled query names that begin with the text typed."""
    from click.shell_completion import CompletionItem

    from nngraph.query.run import query_names, query_summary

    return [
        CompletionItem(name, help=query_summary(name))
        for name in query_names()
        if name.startswith(incomplete)
    ]


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


def table_width(output: Path | None) -> int | None:
    """The terminal's width when a table goes to a terminal; None for pipes and files."""
    import shutil
    import sys

    if output is not None or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


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
        click.option(
            "--verified-only",
            is_flag=True,
            help="Count only claims a curator checked in the work (nn:status nn:verified).",
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
    keys = ("min_depth", "with_exercises", "kind", "free", "as_of", "verified_only")
    return {k: opts[k] for k in keys if k in opts}


def parse_params(params: tuple[str, ...], graph: Any = None) -> dict[str, Any]:
    """``name=value`` pairs as RDF terms: ``<iri>``, a CURIE, a number, ``"text"``, or
    (given the graph) a topic or work name, resolved as ``recommend`` resolves it."""
    from nngraph.query.terms import parse_term

    bindings: dict[str, Any] = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{param!r}: expected name=value", param_hint="--param")
        if graph is None:
            bindings[name.strip().lstrip("?$")] = parse_term(value)
            continue
        from nngraph.records.lookup import resolve_param

        term, note = resolve_param(graph, value)
        if note:
            click.echo(f"nngraph: --param {name.strip()}: {note}", err=True)
        bindings[name.strip().lstrip("?$")] = term
    return bindings
