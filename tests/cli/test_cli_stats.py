import json
from pathlib import Path

from nngraph.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.ttl"


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
    rows = [
        line.split("  ")[0].strip() + "=" + line.split()[-1]
        for line in result.stdout.splitlines()[2:]
    ]
    assert rows == [
        "works=3",
        "authors=2",
        "topics=6",
        "coverage=5",
        "recommendations=0",
        "people=2",
        "works: schema:Book=2",
        "works: schema:ScholarlyArticle=1",
        "coverage: mention=1",
        "coverage: intuition=1",
        "coverage: derivation=1",
        "coverage: rigorous=2",
    ]


def test_version_and_help_have_examples(runner):
    assert runner.invoke(cli, ["--version"]).stdout.startswith("nngraph, version ")
    for name, command in cli.commands.items():
        sub = getattr(command, "commands", None)
        for leaf in [command, *(sub or {}).values()]:
            args = [name] + ([leaf.name] if leaf is not command else []) + ["--help"]
            result = runner.invoke(cli, args)
            assert result.exit_code == 0, args
            assert "Example" in result.stdout, args
