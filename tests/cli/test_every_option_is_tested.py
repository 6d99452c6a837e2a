"""Every command-line option, and every value of a choice option, appears in some test.

Walks ``nngraph.cli.cli`` and reads the tests' source (not their run): an option counts as
tested for a command when one test function names both (its string literals, including
module-level argument lists such as ``BASE`` it spreads). A new option with no test fails
here, naming it; the test that exercises it must also assert its output.
"""

from __future__ import annotations

import ast
from pathlib import Path

import click

from nngraph.cli import cli

TESTS = Path(__file__).parents[1]


def _module_lists(tree: ast.Module) -> dict[str, list[str]]:
    lists = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.List | ast.Tuple):
            words = [
                node.value
                for node in ast.walk(statement.value)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
            ]
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    lists[target.id] = words
    return lists


def _tests_words() -> dict[str, set[str]]:
    """test id -> the string literals its function (and its decorators) mention."""
    found = {}
    for file in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        lists = _module_lists(tree)
        for function in tree.body:
            if not (isinstance(function, ast.FunctionDef) and function.name.startswith("test")):
                continue
            words = set()
            for node in ast.walk(function):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    words.add(node.value)
                elif isinstance(node, ast.Name) and node.id in lists:
                    words.update(lists[node.id])
            found[f"{file.relative_to(TESTS)}::{function.name}"] = words
    return found


def _commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


def _requirements() -> list[tuple[tuple[str, ...], tuple[str, ...], str | None]]:
    """(command path, the option's spellings, a choice value or None) for every option."""
    needed = []
    for path, command in [((), cli), *_commands(cli)]:
        for param in command.params:
            if not isinstance(param, click.Option) or param.name == "help":
                continue
            needed.append((path, tuple(param.opts), None))
            for value in getattr(param.type, "choices", None) or ():
                needed.append((path, tuple(param.opts), value))
    return needed


def test_every_option_and_choice_is_named_by_a_test():
    tests = _tests_words()
    untested = []
    for path, spellings, value in _requirements():
        if not any(
            set(path) <= words
            and any(s in words for s in spellings)
            and (value is None or value in words)
            for words in tests.values()
        ):
            untested.append(" ".join([*path, spellings[-1], *([value] if value else [])]))
    assert untested == [], "options no test names: " + ", ".join(untested)


def test_the_walk_sees_the_options_it_checks():
    """The check above can fail: it knows the commands and their choices."""
    needed = _requirements()
    assert (("query",), ("--format",), "xml") in needed
    assert (("path",), ("--alternatives",), None) in needed
    assert ((), ("--store",), "memory") in needed
    assert (("cache", "list"), ("--format",), "markdown") in needed
    assert len({path for path, _, _ in needed}) >= 15
