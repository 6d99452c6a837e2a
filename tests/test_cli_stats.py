import json
from pathlib import Path

from nngraph.cli import cli

TINY = Path(__file__).parent / "data" / "tiny.ttl"


def test_stats_json_on_tiny_graph(runner):
    result = runner.invoke(cli, ["--no-bundled", "--data", str(TINY), "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    numbers = json.loads(result.stdout)
    assert {k: numbers[k] for k in ("works", "authors", "topics", "coverage")} == {
        "works": 3,
        "authors": 2,
        "topics": 6,
        "coverage": 5,
    }
    assert numbers["works_by_type"] == {"schema:Book": 2, "schema:ScholarlyArticle": 1}
    assert numbers["coverage_by_depth"] == {
        "mention": 1,
        "intuition": 1,
        "derivation": 1,
        "rigorous": 2,
    }


def test_stats_table(runner):
    result = runner.invoke(cli, ["--no-bundled", "--data", str(TINY), "stats"])
    assert result.exit_code == 0
    assert (
        "works: schema:Book              2" in result.stdout
        or "works: schema:Book" in result.stdout
    )


def test_version_and_help_have_examples(runner):
    assert runner.invoke(cli, ["--version"]).stdout.startswith("nngraph, version ")
    for name, command in cli.commands.items():
        sub = getattr(command, "commands", None)
        for leaf in [command, *(sub or {}).values()]:
            args = [name] + ([leaf.name] if leaf is not command else []) + ["--help"]
            result = runner.invoke(cli, args)
            assert result.exit_code == 0, args
            assert "Example" in result.stdout, args
