"""The ``nngraph`` command line: click commands that parse options, call the API and print.

The only package that imports click, and nothing imports it. No logic of its own: each
command body parses, calls the library and formats the answer. One module per command
group; importing them registers their commands on ``nngraph.cli.group.cli``.
"""

from nngraph.cli import analysis, interop, lookup, query, site, store, view  # noqa: F401 (registers commands)
from nngraph.cli.group import cli, main

__all__ = ["cli", "main"]
