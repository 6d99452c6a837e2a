"""Helpers for the cog blocks in README.md: run an nngraph command and show its real output."""

from __future__ import annotations

import shlex

from click.testing import CliRunner

from nngraph.cli import cli


def run(command: str) -> list[str]:
    """The stdout lines of an nngraph command, run in-process on the bundled graph."""
    args = shlex.split(command)
    assert args[0] == "nngraph", command
    result = CliRunner().invoke(cli, args[1:])
    assert result.exit_code in (0, 1), (command, result.output)
    return result.stdout.splitlines()


def show(command: str, *, head: int | None = None) -> str:
    """A console block: the command, then its real stdout (the first ``head`` lines)."""
    lines = run(command)
    out = ["```console", f"$ {command}" + (f" | head -n {head}" if head else "")]
    out += lines[:head] if head else lines
    return "\n".join([*out, "```", ""])


def show_markdown(command: str, *, head: int | None = None) -> str:
    """The command in a console block, then its ``--format markdown`` output as a table."""
    lines = run(command)
    out = ["```console", f"$ {command}", "```", ""]
    out += lines[: 2 + head] if head else lines
    if head and len(lines) > 2 + head:
        out += ["", f"*… and {len(lines) - 2 - head} more rows.*"]
    return "\n".join([*out, ""])
